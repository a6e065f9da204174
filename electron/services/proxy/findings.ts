/** What the proxy settings mean for the user, in sentences. Pure. */
import type {
  AccessResult,
  Finding,
  ProxyComparison,
  ProxyReport,
  ProxySource,
  ProxyStatus,
} from '../../../shared/model';
import { host, sentences } from '../../../shared/text';
import { bypassListOf } from './bypass';
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

/** The targets a report's exception list sends around the proxy, with the entry that does it. */
export function excepted(r: ProxyReport, targets: readonly string[], status?: ProxyStatus): ExceptedTarget[] {
  const list = bypassListOf(r, status);
  return targets.flatMap((target) => {
    const entry = list.match(target);
    return entry === null ? [] : [{ target, entry }];
  });
}

export interface ExceptedTarget {
  target: string;
  entry: string;
}

/** "chatgpt.com is on the proxy's exception list (*.chatgpt.com), so it is reached without the proxy." */
function exceptedSentence(list: readonly ExceptedTarget[]): string {
  const hosts = [...new Set(list.map((e) => host(e.target)))].slice(0, 5);
  const entries = [...new Set(list.map((e) => e.entry))].slice(0, 5);
  const plural = hosts.length > 1;
  return sentences(
    `${hosts.join(', ')} ${plural ? 'are' : 'is'} on the proxy’s exception list (${entries.join(', ')}), so ${plural ? 'they are' : 'it is'} reached without the proxy`,
  );
}

export function proxyFindings(status: ProxyStatus | undefined, targets: readonly string[] = []): Finding[] {
  if (!status) return [];
  const findings: Finding[] = activeReports(status).map((r) => {
    const around = excepted(r, targets, status);
    const allAround = targets.length > 0 && around.length === targets.length;
    return {
      id: `proxy:${r.source}:${r.where}`,
      kind: 'proxy',
      severity: allAround ? 'info' : 'warning',
      title: sentences(`A system proxy is set: ${describeProxy(r)} (${placeOf(r)})`),
      detail: allAround
        ? sentences(exceptedSentence(around), 'The proxy does not decide what these sites see')
        : sentences(
            'Sites see the proxy’s address instead of yours, and a proxy a site distrusts gets you blocked',
            around.length > 0 && exceptedSentence(around),
            r.readOnly
              ? 'Access Doctor does not change this setting; remove it where it is set to try without the proxy'
              : 'Access Doctor can turn it off for a try and put it back afterwards',
          ),
      facts: [
        { label: 'Proxy', value: describeProxy(r), copy: true },
        { label: 'Set in', value: placeOf(r) },
        ...(r.ignoreHosts.length > 0 ? [{ label: 'Not used for', value: r.ignoreHosts.slice(0, 10).join(', ') }] : []),
      ],
    } satisfies Finding;
  });
  const compared = comparisonFinding(status.comparison);
  if (compared) findings.push(compared);
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

/** What trying the sites through the proxy and without it showed: one finding, or none when not tried. */
export function comparisonFinding(c: ProxyComparison | undefined): Finding | null {
  if (!c || c.kind === 'none') return null;
  if (c.kind === 'pac') {
    return {
      id: 'proxy-compared:pac',
      kind: 'proxy-compared',
      severity: 'info',
      title: sentences(
        c.pacUrl
          ? `Whether the proxy is used is decided by a PAC script at ${c.pacUrl}`
          : 'Whether the proxy is used is decided by a PAC script found by automatic discovery',
      ),
      detail: sentences(
        'Access Doctor does not run PAC scripts, so it did not compare the sites through the proxy and without it',
        `Turn the proxy off in ${c.where} for a try to see whether it is the cause`,
      ),
      ...(c.pacUrl ? { facts: [{ label: 'PAC script', value: c.pacUrl, copy: true }] } : {}),
    };
  }
  if (c.kind === 'unsupported') {
    return {
      id: 'proxy-compared:unsupported',
      kind: 'proxy-compared',
      severity: 'info',
      title: sentences(`Access Doctor could not try the sites through ${c.proxy} and without it`),
      detail: sentences(`It did not compare because ${c.reason}`),
    };
  }
  if (c.rows.length === 0) return null;
  // An excepted site never went through the proxy (nor would it in the browser): it shows nothing about it.
  const around: ExceptedTarget[] = c.rows.flatMap((r) =>
    r.bypassedBy !== undefined ? [{ target: r.target, entry: r.bypassedBy }] : [],
  );
  const proxied = c.rows.filter((r) => r.bypassedBy === undefined);
  const differ = proxied.filter((r) => !sameAnswer(r.viaProxy, r.direct));
  const facts = [
    { label: 'Proxy', value: c.proxy, copy: true },
    ...c.rows.map((r) => ({
      label: host(r.target),
      value:
        r.bypassedBy !== undefined
          ? `not through the proxy (exception ${r.bypassedBy}): ${r.direct.verdict}`
          : `through the proxy: ${r.viaProxy.verdict}; without it: ${r.direct.verdict}`,
    })),
  ];
  if (proxied.length === 0) {
    return {
      id: 'proxy-compared:excepted',
      kind: 'proxy-compared',
      severity: 'info',
      title: exceptedSentence(around),
      detail: sentences('The proxy is not the cause: your browser does not send these sites through it'),
      facts,
    };
  }
  if (differ.length > 0) {
    const blockedOnlyThrough = differ.some((r) => r.viaProxy.verdict !== 'ok' && r.direct.verdict === 'ok');
    return {
      id: 'proxy-compared:differs',
      kind: 'proxy-compared',
      severity: blockedOnlyThrough ? 'problem' : 'warning',
      title: sentences(...differ.slice(0, 5).map(differenceSentence)),
      detail: sentences(
        blockedOnlyThrough ? 'The proxy is the cause' : 'The proxy changes how the site answers',
        blockedOnlyThrough &&
          `Turn it off in ${c.where}, or ask whoever runs the proxy to use another address, and try again`,
        around.length > 0 && exceptedSentence(around),
      ),
      facts,
    };
  }
  const hosts = proxied.slice(0, 5).map((r) => host(r.target));
  return {
    id: 'proxy-compared:same',
    kind: 'proxy-compared',
    severity: 'info',
    title: sentences('The proxy is not the cause'),
    detail: sentences(
      `${hosts.join(', ')} ${hosts.length === 1 ? 'answers' : 'answer'} the same through ${c.proxy} and without it`,
      'Turning the proxy off would not change what the site sees',
      around.length > 0 && exceptedSentence(around),
    ),
    facts,
  };
}

/** "answers 1020", "loads", "answers 403", "cannot be reached": what one probe found, as a predicate. */
export function answerOf(r: AccessResult): string {
  switch (r.verdict) {
    case 'ok':
      return 'loads';
    case 'challenge':
      return 'asks for a browser check';
    case 'blocked':
      return r.cloudflareCode ? `answers ${r.cloudflareCode}` : `refuses with ${r.httpStatus ?? 'an error'}`;
    case 'rate-limited':
      return 'says too many requests';
    case 'down':
      return r.httpStatus ? `answers ${r.httpStatus} (the site is down)` : 'is down';
    case 'unreachable':
      return 'cannot be reached';
  }
}

/** Same verdict and, for a block, the same code: the proxy made no difference. */
export function sameAnswer(a: AccessResult, b: AccessResult): boolean {
  return a.verdict === b.verdict && a.cloudflareCode === b.cloudflareCode;
}

/** "Through your proxy chatgpt.com answers 1020; without it, it loads." */
export function differenceSentence(row: { target: string; viaProxy: AccessResult; direct: AccessResult }): string {
  return sentences(
    `Through your proxy ${host(row.target)} ${answerOf(row.viaProxy)}; without it, it ${answerOf(row.direct)}`,
  );
}
