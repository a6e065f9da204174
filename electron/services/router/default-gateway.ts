/**
 * The default gateway's IPv4 address, to prefer the router we actually route through when several
 * devices answer. Parsers are pure (unit-tested with recorded output); reading goes through injected
 * file and command doors. Unknown is fine: discovery then takes the first valid answer.
 */

import { ipFamily } from '../../core/addresses';
import type { RunCommand } from '../../platform/exec';

/** Linux `/proc/net/route`: little-endian hex; the default route has destination and mask 0. */
export function parseProcNetRoute(text: string): string | null {
  let best: { gateway: string; metric: number } | null = null;
  for (const line of text.split('\n').slice(1)) {
    const cols = line.trim().split(/\s+/);
    if (cols.length < 8) continue;
    const [, destination, gatewayHex, flags, , , metricText, mask] = cols;
    if (destination !== '00000000' || mask !== '00000000' || !gatewayHex || !/^[0-9A-Fa-f]{8}$/.test(gatewayHex)) {
      continue;
    }
    if ((Number.parseInt(flags ?? '0', 16) & 0x3) !== 0x3) continue; // RTF_UP | RTF_GATEWAY
    const n = Number.parseInt(gatewayHex, 16);
    const gateway = [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff].join('.');
    const metric = Number(metricText ?? 0);
    if (!best || metric < best.metric) best = { gateway, metric };
  }
  return best?.gateway ?? null;
}

/** macOS `route -n get default`: a `gateway: 192.168.1.1` line. */
export function parseRouteGetDefault(text: string): string | null {
  const match = /^\s*gateway:\s*(\S+)\s*$/m.exec(text);
  return match?.[1] && ipFamily(match[1]) === 4 ? match[1] : null;
}

/** Windows `route print -4 0.0.0.0`: `0.0.0.0  0.0.0.0  <gateway>  <interface>  <metric>` rows. */
export function parseWindowsRoutePrint(text: string): string | null {
  let best: { gateway: string; metric: number } | null = null;
  for (const match of text.matchAll(/^\s*0\.0\.0\.0\s+0\.0\.0\.0\s+(\d+\.\d+\.\d+\.\d+)\s+\S+\s+(\d+)\s*$/gm)) {
    const gateway = match[1] ?? '';
    const metric = Number(match[2]);
    if (ipFamily(gateway) === 4 && (!best || metric < best.metric)) best = { gateway, metric };
  }
  return best?.gateway ?? null;
}

export interface DefaultGatewayDeps {
  platform: NodeJS.Platform;
  readFile(path: string): Promise<string>;
  run: RunCommand;
}

export async function readDefaultGateway(deps: DefaultGatewayDeps): Promise<string | null> {
  try {
    if (deps.platform === 'linux') return parseProcNetRoute(await deps.readFile('/proc/net/route'));
    if (deps.platform === 'darwin') {
      const out = await deps.run('/sbin/route', ['-n', 'get', 'default'], { timeoutMs: 2000 });
      return parseRouteGetDefault(out.stdout);
    }
    if (deps.platform === 'win32') {
      const out = await deps.run('route', ['print', '-4', '0.0.0.0'], { timeoutMs: 3000 });
      return parseWindowsRoutePrint(out.stdout);
    }
  } catch {
    // Unknown gateway only costs the preference; discovery still works.
  }
  return null;
}
