/** What the network path means for a block, in plain words. Pure. */
import type { DiagnosisResults, Finding, TunnelInterface, VpnStatus } from '../../../shared/model';
import { sentences } from '../../../shared/text';

/** The tunnel carrying traffic, as a short phrase: `a VPN`, `Cloudflare WARP, a VPN`. */
export function tunnelPhrase(t: TunnelInterface | undefined): string {
  if (t?.client) return `${t.client}, a VPN`;
  if (t?.kind === 'wireguard') return 'a WireGuard VPN';
  return 'a VPN';
}

/** True when the outside sees traffic coming through Cloudflare WARP (the ip capability's trace). */
export function warpSeen(results: DiagnosisResults): boolean {
  return [results.ip?.v4, results.ip?.v6].some((a) => a?.warp === 'on' || a?.warp === 'plus');
}

export function carryingTunnel(status: VpnStatus): TunnelInterface | undefined {
  return status.viaTunnel ? status.tunnels.find((t) => t.name === status.interface) : undefined;
}

export function vpnFindings(results: DiagnosisResults): Finding[] {
  const status = results.vpn;
  if (!status) return [];
  if (status.viaTunnel === null) {
    return [
      {
        id: 'vpn-unknown',
        kind: 'vpn-unknown',
        severity: 'info',
        title: 'Access Doctor cannot tell which way your traffic leaves this computer.',
        detail: sentences(status.error?.message, 'If a VPN is on, try once with it disconnected'),
      },
    ];
  }
  if (status.viaTunnel && status.interface) {
    const tunnel = carryingTunnel(status);
    const facts: NonNullable<Finding['facts']> = [{ label: 'Interface', value: status.interface }];
    if (status.table) facts.push({ label: 'Routing table', value: status.table });
    return [
      {
        id: `vpn:${status.interface}`,
        kind: 'vpn',
        severity: 'warning',
        title: sentences(`Your traffic leaves through ${status.interface} (${tunnelPhrase(tunnel)})`),
        detail: sentences(
          'Sites often block VPN exits, because many people share them',
          warpSeen(results) && 'The sites you visit see a Cloudflare WARP address',
          'Try once with the VPN disconnected',
        ),
        facts,
      },
    ];
  }
  // macOS keeps several utun interfaces for its own services: an idle one says nothing about a VPN.
  const idle = status.tunnels
    .filter((t) => t.name !== status.interface && !t.name.startsWith('utun'))
    .map((t) => t.name);
  if (idle.length === 0) return [];
  return [
    {
      id: 'vpn:idle',
      kind: 'vpn',
      severity: 'info',
      title: sentences(`Your traffic leaves through ${status.interface ?? 'your network'}, not a VPN`),
      detail: sentences(
        `${idle.slice(0, 3).join(', ')} ${idle.length === 1 ? 'is a VPN interface' : 'are VPN interfaces'} that does not carry it`,
      ),
    },
  ];
}
