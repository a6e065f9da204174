/** What the router says about the line, whether a reconnect can help, and double NAT / CGNAT. Pure. */
import type { Finding, RouterStatus } from '../../../shared/model';
import { sentences } from '../../../shared/text';
import { analyzeNat } from './nat';

function formatUptime(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172_800) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86_400)} days`;
}

/** No answer at all, versus a router that answered but could not be used: they read differently. */
export function routerAnswered(status: RouterStatus): boolean {
  return status.ok || (status.error.code !== 'router-not-found' && status.error.code !== 'router-no-interface');
}

export function routerFindings(status: RouterStatus | undefined, publicIp: string | null): Finding[] {
  if (!status) return [];
  if (!status.ok) {
    const answered = routerAnswered(status);
    return [
      {
        id: 'router-not-found',
        kind: 'router-not-found',
        severity: 'info',
        title: answered ? 'A router answered, but Access Doctor cannot use it.' : 'No router answered over UPnP.',
        detail: sentences(
          status.error.message,
          'Access Doctor cannot reconnect it for you, but restarting the router by hand often gives a new public IP',
        ),
      },
    ];
  }
  const r = status.router;
  const name = r.gateway.friendlyName ?? r.gateway.modelName ?? `the router at ${r.gateway.address}`;
  const connected = r.connectionStatus === 'Connected';
  const reconnect =
    r.reconnect === 'offered'
      ? 'It offers a remote reconnect (Reset router step), though some routers refuse it when asked'
      : r.reconnect === 'not-offered'
        ? 'It does not offer a remote reconnect; restarting it by hand is the way to a new address'
        : 'Whether it allows a remote reconnect shows when you try the Reset router step';
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
      title: sentences(
        connected
          ? `Your router ${name} is connected${r.externalIp ? ` as ${r.externalIp}` : ''}`
          : `Your router ${name} reports its internet link as ${r.connectionStatus ?? 'unknown'}`,
      ),
      detail: sentences(!r.externalIp && 'It does not tell its internet address', reconnect),
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
          ? 'Your provider uses carrier-grade NAT.'
          : nat.kind === 'double-nat'
            ? 'Your router sits behind another router (double NAT).'
            : 'Your router’s address differs from the one sites see.',
      detail: sentences(nat.message),
    });
  }
  return findings;
}
