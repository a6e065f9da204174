/** Turns check results into findings in plain words. Pure, so every wording is unit-tested. */
import type { AccessResult, Diagnosis, Finding, PublicIpResult, RouterStatus, StatusResult } from '../../shared/model';
import { analyzeNat } from './router/nat';

export interface CheckResults {
  publicIp: PublicIpResult | null;
  access: AccessResult[];
  status: StatusResult | null;
  /** Absent or null when the router check did not run. */
  router?: RouterStatus | null;
}

const CODE_MEANING: Record<number, string> = {
  1005: 'the site blocks the network (ASN) your address belongs to',
  1006: 'the site has banned your IP address',
  1007: 'the site has banned your IP address',
  1008: 'the site has banned your IP address',
  1009: 'the site does not accept visitors from your country or region',
  1010: "the site blocks your browser's signature (often an extension or automation)",
  1012: 'the site refuses access from your address',
  1015: 'you sent too many requests and are rate limited for a while',
  1020: 'a firewall rule of the site matched your request (IP address, VPN, proxy or browser)',
};

export function host(target: string): string {
  try {
    return new URL(target).host;
  } catch {
    return target;
  }
}

export function buildFindings(results: CheckResults): Finding[] {
  const findings: Finding[] = [];
  const ip = results.publicIp?.v4?.ip ?? results.publicIp?.v6?.ip;
  const ipFacts = ip ? [{ label: 'Your public IP', value: ip, copy: true }] : [];
  for (const result of results.access) findings.push(accessFinding(result, ipFacts));

  const pub = results.publicIp;
  if (pub && (pub.v4 || pub.v6)) {
    const parts = [pub.v4, pub.v6].filter((a) => a !== undefined);
    findings.push({
      id: 'public-ip',
      kind: 'public-ip',
      severity: 'info',
      title: `Your public IP address is ${parts.map((a) => a.ip).join(' and ')}`,
      detail: `This is the address sites see${pub.v4?.loc ? ` (located in ${pub.v4.loc})` : ''}. Blocks are usually tied to it.`,
      facts: parts.map((a) => ({ label: `IPv${a.family}`, value: a.ip, copy: true })),
    });
    if (parts.some((a) => a.warp === 'on' || a.warp === 'plus')) {
      findings.push({
        id: 'warp',
        kind: 'warp',
        severity: 'warning',
        title: 'Your traffic goes through Cloudflare WARP',
        detail: 'Some sites block WARP and VPN exits. Try once with WARP turned off.',
      });
    }
  } else if (pub) {
    findings.push({
      id: 'public-ip-unknown',
      kind: 'public-ip-unknown',
      severity: 'warning',
      title: 'Could not read your public IP address',
      detail: `Every echo service failed: ${pub.failures.map((f) => f.error.message).join('; ') || 'no answer'}.`,
    });
  }

  const status = results.status;
  if (status?.ok && status.status.indicator === 'unknown') {
    findings.push({
      id: 'status-unknown',
      kind: 'status-unknown',
      severity: 'info',
      title: 'The status page gave no clear answer',
      detail: `${status.status.description} (from ${status.status.source}).`,
    });
  } else if (status?.ok) {
    const s = status.status;
    const outage = s.indicator === 'major' || s.indicator === 'critical';
    const minor = s.indicator === 'minor' || s.indicator === 'maintenance';
    findings.push({
      id: 'status',
      kind: 'outage',
      severity: outage ? 'problem' : minor ? 'warning' : 'good',
      title: outage
        ? `The service reports a ${s.indicator} outage`
        : minor
          ? `The service reports: ${s.description}`
          : 'The service reports no outage',
      detail:
        s.incidents.length > 0
          ? `Ongoing: ${s.incidents.map((i) => i.name).join('; ')}`
          : outage || minor
            ? s.description
            : 'So the block is about your connection or browser, not the service.',
      facts: [{ label: 'Status', value: s.indicator }],
    });
  } else if (status) {
    findings.push({
      id: 'status-unknown',
      kind: 'status-unknown',
      severity: 'info',
      title: 'Could not read the service status page',
      detail: status.error.message,
    });
  }
  if (results.router) findings.push(...routerFindings(results.router, results.publicIp?.v4?.ip ?? null));
  return findings;
}

function formatUptime(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172_800) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86_400)} days`;
}

/** What the router says about the line, whether a reconnect can help, and double NAT / CGNAT. */
export function routerFindings(status: RouterStatus, publicIp: string | null): Finding[] {
  if (!status.ok) {
    return [
      {
        id: 'router-not-found',
        kind: 'router-not-found',
        severity: 'info',
        title: 'No router answered over UPnP',
        detail: `${status.error.message} Access Doctor cannot reconnect it for you, but restarting the router by hand often gives a new public IP.`,
      },
    ];
  }
  const r = status.router;
  const name = r.gateway.friendlyName ?? r.gateway.modelName ?? `the router at ${r.gateway.address}`;
  const connected = r.connectionStatus === 'Connected';
  const reconnect =
    r.reconnect === 'offered'
      ? 'It offers a remote reconnect (Reset router step), though some routers refuse it when asked.'
      : r.reconnect === 'not-offered'
        ? 'It does not offer a remote reconnect; restarting it by hand is the way to a new address.'
        : 'Whether it allows a remote reconnect shows when you try the Reset router step.';
  const facts: NonNullable<Finding['facts']> = [
    { label: 'Router', value: `${name} (${r.gateway.address})` },
    { label: 'Router WAN IP', value: r.externalIp ?? 'not reported', copy: Boolean(r.externalIp) },
  ];
  if (r.connectionStatus) facts.push({ label: 'Link', value: r.connectionStatus });
  if (r.link?.linkStatus) facts.push({ label: 'Line', value: r.link.linkStatus });
  if (r.connectionType) facts.push({ label: 'Connection type', value: r.connectionType });
  if (r.uptimeSeconds !== null) facts.push({ label: 'Connected for', value: formatUptime(r.uptimeSeconds) });
  const findings: Finding[] = [
    {
      id: 'router',
      kind: 'router',
      severity: connected ? 'info' : 'warning',
      title: connected
        ? `Your router ${name} is connected${r.externalIp ? ` as ${r.externalIp}` : ''}`
        : `Your router ${name} reports its internet link as ${r.connectionStatus ?? 'unknown'}`,
      detail: `${r.externalIp ? '' : 'It does not tell its internet address. '}${reconnect}`,
      facts,
    },
  ];
  const nat = r.natWarning ?? analyzeNat(r.externalIp, r.publicIp ?? publicIp);
  if (nat) {
    findings.push({
      id: `router-nat:${nat.kind}`,
      kind: 'router-nat',
      severity: 'warning',
      title:
        nat.kind === 'cgnat'
          ? 'Your provider uses carrier-grade NAT'
          : nat.kind === 'double-nat'
            ? 'Your router sits behind another router (double NAT)'
            : 'Your router’s address differs from the one sites see',
      detail: nat.message,
    });
  }
  return findings;
}

function accessFinding(r: AccessResult, ipFacts: NonNullable<Finding['facts']>): Finding {
  const site = host(r.target);
  const id = `${r.verdict}:${r.target}`;
  const ray = r.rayId ? [{ label: 'Ray ID', value: r.rayId, copy: true }] : [];
  switch (r.verdict) {
    case 'blocked': {
      const code = r.cloudflareCode;
      return {
        id,
        kind: 'blocked',
        severity: 'problem',
        title:
          r.viaCloudflare || code
            ? `Blocked by Cloudflare${code ? ` (error ${code})` : ''} at ${site}`
            : `${site} refuses access (HTTP ${r.httpStatus ?? 403})`,
        detail: `${code && CODE_MEANING[code] ? `Cloudflare says ${CODE_MEANING[code]}.` : 'The site refuses your request.'}${r.rayId ? ' Quote the Ray ID if you contact the site.' : ''}`,
        facts: [...ray, ...(code ? [{ label: 'Error code', value: String(code) }] : []), ...ipFacts],
      };
    }
    case 'rate-limited':
      return {
        id,
        kind: 'rate-limited',
        severity: 'problem',
        title: `Rate limited${r.cloudflareCode ? ` (error ${r.cloudflareCode})` : ''} at ${site}`,
        detail: `Too many requests came from your address.${r.retryAfterSeconds !== undefined ? ` The site asks to wait ${formatWait(r.retryAfterSeconds)}.` : ' Waiting a few minutes usually lifts it.'}`,
        facts: [...ray, ...ipFacts],
      };
    case 'challenge':
      return {
        id,
        kind: 'challenge',
        severity: 'info',
        title: `${site} asks for a browser check`,
        detail: 'This is a challenge, not a block: open the site in your browser and let the check finish.',
        facts: ray,
      };
    case 'down':
      return {
        id,
        kind: 'site-down',
        severity: 'warning',
        title: `${site} is having trouble (HTTP ${r.httpStatus ?? '?'}${r.cloudflareCode ? `, error ${r.cloudflareCode}` : ''})`,
        detail: 'The site itself answers with an error; this is not about your connection.',
        facts: ray,
      };
    case 'unreachable':
      return {
        id,
        kind: 'unreachable',
        severity: 'problem',
        title: `Cannot reach ${site}`,
        detail: r.error?.message ?? 'The connection failed.',
      };
    default:
      return {
        id,
        kind: 'reachable',
        severity: 'good',
        title: `${site} is reachable`,
        detail: `It answered HTTP ${r.httpStatus ?? 200} in ${r.elapsedMs} ms.`,
      };
  }
}

function formatWait(seconds: number): string {
  if (seconds < 90) return `${seconds} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 3600)} h`;
}

export function outcomeOf(access: AccessResult[]): Diagnosis['outcome'] {
  if (access.some((a) => a.verdict === 'blocked' || a.verdict === 'rate-limited')) return 'blocked';
  if (access.length > 0 && access.every((a) => a.verdict === 'ok' || a.verdict === 'challenge')) return 'ok';
  return 'unknown';
}
