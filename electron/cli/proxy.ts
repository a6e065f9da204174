/** `access-doctor proxy status|compare|off|restore [ID]`: the OS proxy from the command line. */
import type { ProxyChange, ProxyReport, ProxyStatus } from '../../shared/model';
import { sentences } from '../../shared/text';
import { AppFailure } from '../core/errors';
import type { Desktop, ProxyService } from '../services/proxy';
import { comparisonFinding, placeOf } from '../services/proxy/findings';
import { serverUrl } from '../services/proxy/types';
import { EXIT } from './exit-codes';

const OFF_WARNING =
  'Turning the system proxy off sends programs straight to the internet; on a network that only allows the proxy, sites stop loading until it is put back.';

function formatReport(r: ProxyReport): string[] {
  const lines = [`${placeOf(r)}: ${r.mode === 'none' ? 'no proxy' : r.mode}${r.readOnly ? ' (only reported)' : ''}`];
  for (const s of r.servers) lines.push(`  ${s.kind} ${serverUrl(s)}`);
  if (r.pacUrl) lines.push(`  PAC file ${r.pacUrl}`);
  if (r.autoDetect) lines.push('  automatic discovery on');
  if (r.mode !== 'none' && r.ignoreHosts.length > 0) lines.push(`  not for ${r.ignoreHosts.slice(0, 20).join(', ')}`);
  return lines;
}

export function formatProxyStatus(status: ProxyStatus): string {
  const lines = status.reports.flatMap(formatReport);
  for (const f of status.failures) lines.push(f.error.message);
  if (status.system === null) {
    lines.push('No desktop proxy setting applies here (choose one with --desktop gnome or --desktop kde).');
  }
  if (lines.length === 0) lines.push('No proxy is set.');
  return lines.join('\n');
}

/** What `proxy compare` prints under the settings: each target both ways, then what that means. */
export function formatComparison(status: ProxyStatus): string {
  const c = status.comparison;
  if (!c || c.kind === 'none') return 'No proxy is set, so there is nothing to compare.';
  const lines: string[] = [];
  if (c.kind === 'compared') {
    lines.push(`Compared through ${c.proxy} (${c.where}) and without it:`);
    for (const r of c.rows)
      lines.push(`  ${r.target}: through the proxy ${r.viaProxy.verdict}, without it ${r.direct.verdict}`);
  }
  const f = comparisonFinding(c);
  if (f) lines.push(f.title, f.detail);
  return lines.join('\n');
}

/** `proxy compare`: 2 when a site refuses only through the proxy, 3 when nothing could be compared. */
export function comparisonExit(status: ProxyStatus): number {
  const c = status.comparison;
  if (!c || c.kind === 'none') return EXIT.ok;
  if (c.kind !== 'compared') return EXIT.unknown;
  return c.rows.some((r) => r.viaProxy.verdict !== r.direct.verdict && r.direct.verdict === 'ok')
    ? EXIT.blocked
    : EXIT.ok;
}

/** What `proxy status --json` prints: the fields each place reports. */
export function proxyStatusJson(status: ProxyStatus) {
  return {
    system: status.system,
    proxies: status.reports.map((r) => ({
      source: r.source,
      where: r.where,
      mode: r.mode,
      servers: r.servers.map((s) => ({ ...s, url: serverUrl(s) })),
      pacUrl: r.pacUrl,
      autoDetect: r.autoDetect,
      ignoreHosts: r.ignoreHosts,
      readOnly: r.readOnly,
    })),
    failures: status.failures,
  };
}

export async function runProxy(
  sub: string | undefined,
  id: string | undefined,
  opts: {
    proxy: ProxyService;
    /** The sites `proxy compare` tries (the config's targets). */
    targets?: readonly string[];
    desktop?: string;
    yes: boolean;
    stdinIsTty: boolean;
    prompt?(question: string): Promise<string>;
    print(json: unknown, text: string): void;
    stderr(text: string): void;
  },
): Promise<number> {
  if (opts.desktop !== undefined && opts.desktop !== 'gnome' && opts.desktop !== 'kde') {
    opts.stderr('--desktop takes gnome or kde.\n');
    return EXIT.usage;
  }
  const options = { desktop: opts.desktop as Desktop | undefined };
  const changed = (c: ProxyChange, verb: string) =>
    opts.print(
      { backupId: c.backupId, source: c.source, ...proxyStatusJson(c.status) },
      `${sentences(verb, `Backup ${c.backupId}`)}\n${formatProxyStatus(c.status)}`,
    );
  try {
    switch (sub ?? 'status') {
      case 'status': {
        const status = await opts.proxy.read(options);
        opts.print(proxyStatusJson(status), formatProxyStatus(status));
        return status.failures.length > 0 ? EXIT.unknown : EXIT.ok;
      }
      case 'compare': {
        const status = await opts.proxy.compare(opts.targets ?? [], undefined, options);
        opts.print(
          { ...proxyStatusJson(status), comparison: status.comparison ?? { kind: 'none' } },
          `${formatProxyStatus(status)}\n${formatComparison(status)}`,
        );
        return comparisonExit(status);
      }
      case 'off': {
        if (!opts.yes) {
          if (!opts.stdinIsTty || !opts.prompt) {
            opts.stderr(
              `${OFF_WARNING}\nRefusing without confirmation: there is no terminal to ask on. Run \`access-doctor proxy off --yes\` to confirm.\n`,
            );
            return EXIT.usage;
          }
          if (!/^y(es)?$/i.test((await opts.prompt(`${OFF_WARNING}\nTurn the proxy off now? [y/N] `)).trim())) {
            opts.stderr('Nothing changed.\n');
            return EXIT.ok;
          }
        }
        const c = await opts.proxy.off(options);
        changed(
          c,
          `The proxy is off. The previous setting is saved; \`access-doctor proxy restore ${c.backupId}\` puts it back`,
        );
        return EXIT.ok;
      }
      case 'restore': {
        const c = await opts.proxy.restore(id, options);
        changed(c, 'The previous proxy setting is back');
        return EXIT.ok;
      }
      default:
        opts.stderr(
          `Unknown proxy command: ${(sub ?? '').slice(0, 40)}. Use proxy status, proxy compare, proxy off or proxy restore.\n`,
        );
        return EXIT.usage;
    }
  } catch (error) {
    if (!(error instanceof AppFailure)) throw error;
    if (error.code === 'proxy-already-off') {
      opts.stderr(`${error.message}\n`);
      return EXIT.ok;
    }
    opts.stderr(`${sentences(error.message)}\n`);
    const usage = ['journal-bad-id', 'journal-not-found', 'proxy-no-desktop', 'proxy-not-a-proxy-backup'];
    if (usage.includes(error.code)) return EXIT.usage;
    return error.code === 'proxy-nothing-to-restore' ? EXIT.unknown : EXIT.internal;
  }
}
