/** What the network path means for a block, in plain words. Pure. */
import type { DiagnosisResults, Finding, TunnelInterface, VpnConnection, VpnStatus } from '../../../shared/model';
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

/**
 * The connection a program here can drop that carries the traffic: the one on the route's interface, or
 * the one NetworkManager VPN whose device is a physical one (its OpenVPN plugin names eth0, not tun0)
 * when the tunnel on the route belongs to no other connection.
 */
export function carryingConnection(status: VpnStatus): VpnConnection | null {
  if (!status.viaTunnel) return null;
  const onRoute = status.connections.find((c) => c.device !== null && c.device === status.interface);
  if (onRoute) return onRoute;
  const tunnels = new Set(status.tunnels.map((t) => t.name));
  const plugin = status.connections.filter(
    (c) => c.driver !== 'wg-quick' && c.driver !== 'warp-cli' && (c.device === null || !tunnels.has(c.device)),
  );
  return plugin.length === 1 ? (plugin[0] ?? null) : null;
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
          'Sites often block VPN exits',
          'Many people share the same exit address, so one person’s misuse blocks everyone on it',
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
        idle.length === 1
          ? `A VPN interface is up (${idle[0]}) but does not carry it`
          : `VPN interfaces are up (${idle.slice(0, 3).join(', ')}) but do not carry it`,
      ),
    },
  ];
}
