/**
 * "Is the proxy the cause?": each target probed once through the manual proxy and once without it, at
 * the same time. A site that refuses the proxy's address but loads directly shows the proxy is the
 * cause; the same answer both ways shows it is not. A PAC script is not run (it is code from the
 * network): its URL is reported instead, and nothing is compared.
 */
import type { ProxyComparison, ProxyComparisonRow, ProxyReport, ProxyServer, ProxyStatus } from '../../../shared/model';
import type { Config } from '../../config';
import type { HttpClient } from '../../platform/http';
import type { ProxyEndpoint } from '../../platform/proxy-fetch';
import { probeTarget } from '../access/probe';
import { bypassListOf } from './bypass';
import { activeReports, placeOf } from './findings';
import { serverUrl } from './types';

export interface CompareDeps {
  /**
   * An HTTP client whose requests go through this proxy (the platform's proxy transport), except to
   * the hosts `bypass` names: those go direct, hop by hop, as the browser sends them.
   */
  viaProxy(proxy: ProxyEndpoint, bypass: (url: URL) => boolean): HttpClient;
  /**
   * A client that goes straight to the site, or null where there is none. The CLI's is Node's own
   * fetch, which never reads proxy settings. The app's normal client goes through Chromium's system
   * proxy, so main.ts builds this one over a second Electron session set to `proxy: direct`
   * (electron/platform/electron-net.ts, `directNetRequest`).
   */
  direct: HttpClient | null;
  config: Pick<Config, 'http'>;
}

/** The default port of an http proxy without one, as browsers use it. */
const DEFAULT_PROXY_PORT = 80;

/** The first server an HTTP proxy transport can use: http(s) traffic, an `http://` (or bare) address. */
export function httpProxyOf(report: ProxyReport): { endpoint: ProxyEndpoint; url: string } | { unsupported: string } {
  const candidates = report.servers.filter((s) => s.kind === 'http' || s.kind === 'https' || s.kind === 'all');
  const first: ProxyServer | undefined = candidates[0] ?? report.servers[0];
  if (!first) return { unsupported: 'the proxy setting names no server' };
  const url = serverUrl(first);
  if (first.kind === 'socks' || first.kind === 'ftp') return { unsupported: `${url} is not an HTTP proxy` };
  const sep = first.host.indexOf('://');
  const scheme = sep === -1 ? 'http' : first.host.slice(0, sep).toLowerCase();
  if (scheme !== 'http') return { unsupported: `${url} is not a plain HTTP proxy` };
  const host = sep === -1 ? first.host : first.host.slice(sep + 3);
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  if (bare === '') return { unsupported: 'the proxy setting names no server' };
  return { endpoint: { host: bare, port: first.port ?? DEFAULT_PROXY_PORT }, url };
}

export async function compareProxy(
  status: ProxyStatus,
  targets: readonly string[],
  deps: CompareDeps,
  signal?: AbortSignal,
): Promise<ProxyComparison> {
  const report = activeReports(status)[0];
  if (!report) return { kind: 'none' };
  const where = placeOf(report);
  if (report.mode === 'auto') return { kind: 'pac', pacUrl: report.pacUrl, where };
  const chosen = httpProxyOf(report);
  if ('unsupported' in chosen) {
    return {
      kind: 'unsupported',
      proxy: serverUrl(report.servers[0] ?? { kind: 'http', host: '', port: null }),
      where,
      reason: chosen.unsupported,
    };
  }
  if (!deps.direct) {
    return {
      kind: 'unsupported',
      proxy: chosen.url,
      where,
      reason: 'this build cannot reach the sites without the system proxy',
    };
  }
  const bypass = bypassListOf(report, status);
  const through = deps.viaProxy(chosen.endpoint, (url) => bypass.match(url) !== null);
  const direct = deps.direct;
  const rows = await Promise.all(
    targets.map(async (target): Promise<ProxyComparisonRow> => {
      const [viaProxy, straight] = await Promise.all([
        probeTarget(target, { http: through, config: deps.config, signal }),
        probeTarget(target, { http: direct, config: deps.config, signal }),
      ]);
      const bypassedBy = bypass.match(target);
      return { target, viaProxy, direct: straight, ...(bypassedBy !== null ? { bypassedBy } : {}) };
    }),
  );
  return { kind: 'compared', proxy: chosen.url, where, rows };
}
