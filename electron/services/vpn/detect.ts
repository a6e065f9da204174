/**
 * Which interface carries traffic to the internet, from the kernel's own route decision (nothing is
 * sent), the tunnel-like interfaces, and the VPN connections a program here can disconnect.
 */
import { isIP } from 'node:net';
import type { TunnelInterface, VpnConnection, VpnStatus } from '../../../shared/model';
import { AppFailure } from '../../core/errors';
import type { CommandResult, RunCommand } from '../../platform/exec';
import {
  MAX_OUTPUT,
  parseFindNetRoute,
  parseIfconfigList,
  parseIpLink,
  parseIpRouteGet,
  parseNetAdapters,
  parseNmcliActive,
  parseRasdial,
  parseRouteGet,
  parseScutilNcList,
  type RouteDecision,
  tunnelByName,
} from './parse';

/** A public address to ask the route for; `ip route get` and its kin compute a route and send nothing. */
export const DEFAULT_ROUTE_TARGET = '1.1.1.1';

export interface DetectDeps {
  platform: NodeJS.Platform;
  run: RunCommand;
  /** The address whose route is read (default 1.1.1.1): a lookup only, never a send. */
  routeTarget?: string;
}

const OPTS = { timeoutMs: 5000, maxBuffer: MAX_OUTPUT };

/** The command's output, or null when the tool is missing, fails or times out. */
async function output(run: RunCommand, file: string, args: string[]): Promise<CommandResult | null> {
  try {
    return await run(file, args, OPTS);
  } catch {
    return null;
  }
}

const POWERSHELL = ['-NoProfile', '-NonInteractive', '-Command'];

export async function readRoute(deps: DetectDeps): Promise<RouteDecision> {
  const target = deps.routeTarget ?? DEFAULT_ROUTE_TARGET;
  // It goes into a command line (PowerShell's among them): an IP literal and nothing else.
  if (isIP(target) === 0)
    throw new AppFailure('vpn-bad-target', 'The address to read the route for is not an IP address.');
  let result: CommandResult | null;
  let route: RouteDecision | null = null;
  if (deps.platform === 'linux') {
    result = await output(deps.run, 'ip', ['-j', 'route', 'get', target]);
    if (result?.code === 0) route = parseIpRouteGet(result.stdout);
  } else if (deps.platform === 'darwin') {
    // `route get default` would miss OpenVPN's 0/1 + 128/1 split routes: ask for an address instead.
    result = await output(deps.run, 'route', ['-n', 'get', target]);
    if (result?.code === 0) route = parseRouteGet(result.stdout);
  } else if (deps.platform === 'win32') {
    result = await output(deps.run, 'powershell.exe', [
      ...POWERSHELL,
      `Find-NetRoute -RemoteIPAddress '${target}' | Select-Object InterfaceAlias,InterfaceIndex,DestinationPrefix,NextHop,IPAddress | ConvertTo-Json -Compress`,
    ]);
    if (result?.code === 0) route = parseFindNetRoute(result.stdout);
  } else {
    throw new AppFailure('vpn-unsupported', 'Access Doctor cannot read the network path on this system.');
  }
  if (!result) throw new AppFailure('vpn-no-route', 'The tool that shows the network path is not available here.');
  if (!route) throw new AppFailure('vpn-no-route', 'This computer has no route to the internet right now.');
  return route;
}

export async function readTunnels(deps: DetectDeps): Promise<TunnelInterface[]> {
  if (deps.platform === 'linux') {
    const r = await output(deps.run, 'ip', ['-j', '-d', 'link']);
    return r?.code === 0 ? parseIpLink(r.stdout) : [];
  }
  if (deps.platform === 'darwin') {
    const r = await output(deps.run, 'ifconfig', ['-l']);
    return r?.code === 0 ? parseIfconfigList(r.stdout) : [];
  }
  if (deps.platform === 'win32') {
    const r = await output(deps.run, 'powershell.exe', [
      ...POWERSHELL,
      'Get-NetAdapter | Select-Object Name,InterfaceDescription | ConvertTo-Json -Compress',
    ]);
    return r?.code === 0 ? parseNetAdapters(r.stdout) : [];
  }
  return [];
}

export async function readConnections(deps: DetectDeps, tunnels: TunnelInterface[]): Promise<VpnConnection[]> {
  const out: VpnConnection[] = [];
  if (deps.platform === 'linux') {
    const nm = await output(deps.run, 'nmcli', [
      '-t',
      '-f',
      'NAME,UUID,TYPE,DEVICE,STATE',
      'connection',
      'show',
      '--active',
    ]);
    if (nm?.code === 0) out.push(...parseNmcliActive(nm.stdout));
    const managed = new Set(out.map((c) => c.device));
    for (const t of tunnels) {
      if (managed.has(t.name)) continue;
      if (t.client === 'Cloudflare WARP')
        out.push({ driver: 'warp-cli', name: 'Cloudflare WARP', id: 'warp', device: t.name });
      else if (t.client === null && t.name.startsWith('wg')) {
        // wg-quick names the interface after its config; wireguard-go makes it a tun device.
        out.push({ driver: 'wg-quick', name: t.name, id: t.name, device: t.name });
      }
    }
  } else if (deps.platform === 'darwin') {
    const r = await output(deps.run, 'scutil', ['--nc', 'list']);
    if (r?.code === 0) out.push(...parseScutilNcList(r.stdout));
  } else if (deps.platform === 'win32') {
    const r = await output(deps.run, 'rasdial', []);
    if (r?.code === 0) out.push(...parseRasdial(r.stdout));
  }
  return out;
}

/** Everything the check reports: the route decision, the tunnels, the connections. Never throws. */
export async function readVpnStatus(deps: DetectDeps): Promise<VpnStatus> {
  const tunnels = await readTunnels(deps);
  const connections = await readConnections(deps, tunnels);
  try {
    const route = await readRoute(deps);
    const iface = route.interface;
    const viaTunnel = iface !== null && (tunnels.some((t) => t.name === iface) || tunnelByName(iface) !== null);
    if (iface && viaTunnel && !tunnels.some((t) => t.name === iface)) {
      const t = tunnelByName(iface);
      if (t) tunnels.push({ name: iface, ...t });
    }
    return { viaTunnel, interface: iface, gateway: route.gateway, table: route.table, tunnels, connections };
  } catch (error) {
    const err =
      error instanceof AppFailure
        ? error.toJSON()
        : { code: 'vpn-no-route', message: 'Access Doctor cannot tell which way your traffic leaves this computer.' };
    return { viaTunnel: null, interface: null, gateway: null, table: null, tunnels, connections, error: err };
  }
}
