/** What the proxy settings mean for the user, in sentences. Pure. */
import type { Finding, ProxyReport, ProxySource, ProxyStatus } from '../../../shared/model';
import { sentences } from '../../../shared/text';
import { serverUrl } from './types';

const PLACE: Record<ProxySource, string> = {
  gnome: 'GNOME settings',
  kde: 'KDE settings',
  windows: 'Windows settings',
  macos: 'macOS network settings',
  env: 'environment variables',
  winhttp: 'the WinHTTP settings of Windows services',
};

/** `http://10.0.0.1:3128`, `the PAC file http://wpad/proxy.pac`, or `automatic discovery`. */
export function describeProxy(r: ProxyReport): string {
  if (r.mode === 'manual') return [...new Set(r.servers.map(serverUrl))].join(', ') || 'a proxy server';
  if (r.pacUrl) return `the PAC file ${r.pacUrl}`;
  return 'automatic proxy discovery';
}

/** Where it is set, for the finding: "GNOME settings", "macOS network settings, Wi-Fi". */
export function placeOf(r: ProxyReport): string {
  if (r.source === 'macos') return `${PLACE.macos}, ${r.where}`;
  if (r.source === 'env') return r.where;
  return PLACE[r.source];
}

export function activeReports(status: ProxyStatus): ProxyReport[] {
  // macOS's effective dictionary repeats what the services say; it counts only when no service does.
  const own = status.reports.filter((r) => r.mode !== 'none' && !(r.source === 'macos' && r.readOnly));
  const effective = status.reports.find((r) => r.source === 'macos' && r.readOnly && r.mode !== 'none');
  return own.length === 0 && effective ? [effective] : own;
}

export function proxyFindings(status: ProxyStatus | undefined): Finding[] {
  if (!status) return [];
  const findings: Finding[] = activeReports(status).map((r) => ({
    id: `proxy:${r.source}:${r.where}`,
    kind: 'proxy',
    severity: 'warning',
    title: sentences(`A system proxy is set: ${describeProxy(r)} (${placeOf(r)})`),
    detail: sentences(
      'Sites see the proxy’s address instead of yours, and a proxy a site distrusts gets you blocked',
      r.readOnly
        ? 'Access Doctor does not change this setting; remove it where it is set to try without the proxy'
        : 'Access Doctor can turn it off for a try and put it back afterwards',
    ),
    facts: [
      { label: 'Proxy', value: describeProxy(r), copy: true },
      { label: 'Set in', value: placeOf(r) },
      ...(r.ignoreHosts.length > 0 ? [{ label: 'Not used for', value: r.ignoreHosts.slice(0, 10).join(', ') }] : []),
    ],
  }));
  for (const f of status.failures) {
    findings.push({
      id: `proxy-unknown:${f.source}`,
      kind: 'proxy-unknown',
      severity: 'info',
      title: sentences(f.error.message),
      detail: sentences('Whether a proxy is set there is unknown; the other checks still apply'),
    });
  }
  return findings;
}
