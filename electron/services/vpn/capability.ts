/**
 * The VPN capability: which path the traffic takes, and a "Disconnect the VPN" step. The step is
 * offered only when a site refuses you (blocked or rate limited) while your traffic leaves through a
 * tunnel (or the sites see a Cloudflare WARP address): a VPN that works for every site is not a problem
 * worth dropping, and an unreachable site is rarely cured by leaving the VPN.
 */
import type { VpnStatus } from '../../../shared/model';
import { sentences } from '../../../shared/text';
import { isRefused } from '../../../shared/verdict';
import type { Capability, RankedStep } from '../capability';
import { instructionsFor } from './drivers';
import { carryingConnection, carryingTunnel, vpnFindings, warpSeen } from './findings';
import type { VpnService } from './service';

/** Before the router (50): leaving a VPN exit is quicker than a new address from the provider. */
export const VPN_RANK = 40;

export function vpnCapability(service: Pick<VpnService, 'status' | 'restore'>, platform: NodeJS.Platform): Capability {
  return {
    id: 'vpn',
    check: {
      id: 'vpn',
      label: 'Network path',
      run: () => service.status(),
      summarize: (r: VpnStatus) => {
        if (r.viaTunnel === null) return { mark: 'unavailable', detail: 'The network path cannot be read.' };
        if (r.viaTunnel)
          return { mark: 'problem', detail: sentences(`Traffic leaves through ${r.interface ?? 'a tunnel'}, a VPN`) };
        return { mark: 'fine', detail: 'No VPN carries your traffic.' };
      },
    },
    findings: ({ results }) => vpnFindings(results),
    fixes: ({ results }): RankedStep[] => {
      if (!(results.access ?? []).some((a) => isRefused(a.verdict))) return [];
      const status = results.vpn;
      const viaTunnel = status?.viaTunnel === true;
      if (!viaTunnel && !warpSeen(results)) return [];
      const tunnel = status ? carryingTunnel(status) : undefined;
      const connection = status ? carryingConnection(status) : null;
      const where =
        viaTunnel && status?.interface
          ? `Your traffic leaves through ${status.interface}`
          : 'The sites see a Cloudflare WARP address';
      return [
        {
          rank: VPN_RANK,
          id: 'disconnect-vpn',
          title: 'Disconnect the VPN.',
          why: sentences(
            `${where}, and sites often block VPN exits`,
            connection
              ? `Access Doctor can disconnect ${connection.name} and reconnect it afterwards`
              : instructionsFor(
                  tunnel ??
                    (warpSeen(results)
                      ? { name: 'CloudflareWARP', kind: 'wireguard', client: 'Cloudflare WARP' }
                      : null),
                  platform,
                ),
          ),
          view: 'vpn',
        },
      ];
    },
    restorers: { 'vpn-connection': (previous) => service.restore(previous) },
  };
}
