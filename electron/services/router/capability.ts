/** The router capability: reads the home router over UPnP and proposes a reconnect or a restart by hand. */
import type { RouterStatus } from '../../../shared/model';
import { formatWait, sentences } from '../../../shared/text';
import { isRefused } from '../../../shared/verdict';
import type { Capability, RankedStep } from '../capability';
import { routerAnswered, routerFindings } from './findings';

export const ROUTER_RANK = 50;

export function routerCapability(
  status: (signal?: AbortSignal) => Promise<RouterStatus>,
  unplugSeconds: number,
): Capability {
  return {
    id: 'router',
    check: {
      id: 'router',
      label: 'Home router',
      run: (_ctx, io) => status(io.signal),
      summarize: (r) => {
        if (!r.ok) {
          return {
            mark: 'unavailable',
            detail: routerAnswered(r) ? 'A router answered but cannot be used.' : 'No router answered.',
          };
        }
        const name = r.router.gateway.friendlyName ?? r.router.gateway.address;
        const connected = r.router.connectionStatus === 'Connected';
        return {
          mark: connected ? 'fine' : 'problem',
          detail: sentences(
            `${name}: ${r.router.connectionStatus ?? 'status unknown'}${r.router.externalIp ? `, WAN ${r.router.externalIp}` : ''}`,
          ),
        };
      },
    },
    findings: ({ results }) => routerFindings(results.router, results.ip?.v4?.ip ?? null),
    fixes: ({ results, findings }): RankedStep[] => {
      if (!(results.access ?? []).some((a) => isRefused(a.verdict))) return [];
      const router = results.router?.ok ? results.router.router : null;
      const nat = findings.some((f) => f.kind === 'router-nat')
        ? 'Your router is behind another NAT (your provider’s), so a new address is not certain'
        : null;
      if (router && router.reconnect !== 'not-offered') {
        return [
          {
            rank: ROUTER_RANK,
            id: 'reset-router',
            title: 'Reset your router for a new public IP address.',
            why: sentences('Blocks are usually tied to your address; most home lines get a new one on reconnect', nat),
            view: 'router',
          },
        ];
      }
      return [
        {
          rank: ROUTER_RANK,
          id: 'power-cycle',
          title: 'Restart your router by hand for a new public IP address.',
          why: sentences(
            router
              ? 'Your router does not offer a remote reconnect'
              : 'Access Doctor cannot reconnect your router over UPnP',
            `Unplugging it for ${formatWait(unplugSeconds)} usually gets a new address; Access Doctor watches for it`,
            nat,
          ),
          view: 'router',
        },
      ];
    },
  };
}
