/** The proxy capability: reads the OS proxy, says when one is set, and offers to try without it. */
import type { ProxyComparison, ProxyStatus } from '../../../shared/model';
import { sentences } from '../../../shared/text';
import { isRefused } from '../../../shared/verdict';
import type { Capability, RankedStep } from '../capability';
import { activeReports, describeProxy, excepted, placeOf, proxyFindings, sameAnswer } from './findings';
import type { ProxyRestorers } from './types';

export const PROXY_RANK = 45;

/** Probes the targets through the proxy and without it (compare.ts); bounded by the check's signal. */
export type CompareProxy = (
  status: ProxyStatus,
  targets: readonly string[],
  signal: AbortSignal,
) => Promise<ProxyComparison>;

export function proxyCapability(
  read: () => Promise<ProxyStatus>,
  restorers: ProxyRestorers,
  compare?: CompareProxy,
): Capability {
  return {
    id: 'proxy',
    check: {
      id: 'proxy',
      label: 'System proxy',
      run: async (ctx, io) => {
        const status = await read();
        // Only a set proxy is compared; a PAC script is named, not run (compare.ts).
        if (!compare || ctx.targets.length === 0 || !activeReports(status)[0]) return status;
        io.progress('trying the sites through the proxy and without it…');
        return { ...status, comparison: await compare(status, ctx.targets, io.signal) };
      },
      summarize: (status) => {
        const first = activeReports(status)[0];
        if (first) {
          return { mark: 'problem', detail: sentences(`${describeProxy(first)} (${placeOf(first)})`) };
        }
        if (status.failures.length > 0) return { mark: 'unavailable', detail: 'The proxy settings could not be read.' };
        return { mark: 'fine', detail: 'No proxy is set.' };
      },
    },
    findings: ({ results, targets }) => proxyFindings(results.proxy, targets),
    fixes: ({ results }): RankedStep[] => {
      const refused = (results.access ?? []).filter((a) => isRefused(a.verdict)).map((a) => a.target);
      if (refused.length === 0) return [];
      const active = results.proxy ? activeReports(results.proxy) : [];
      const first = active[0];
      if (!first) return [];
      // Every refusing site is on the proxy's exception list: the browser never sent it through the proxy.
      if (excepted(first, refused, results.proxy).length === refused.length) return [];
      // Tried both ways with the same answers: the proxy is not the cause, so turning it off is no step.
      const c = results.proxy?.comparison;
      if (c?.kind === 'compared' && c.rows.length > 0 && c.rows.every((r) => sameAnswer(r.viaProxy, r.direct))) {
        return [];
      }
      const changeable = active.some((r) => !r.readOnly);
      return [
        {
          rank: PROXY_RANK,
          id: 'try-without-proxy',
          title: 'Try without the proxy.',
          why: sentences(
            `Your connection goes through ${describeProxy(first)}, and sites block proxies they distrust`,
            changeable
              ? 'Access Doctor backs up the setting, turns it off, and can put it back in one step'
              : `Remove it from ${placeOf(first)} and try again`,
          ),
          view: 'vpn',
        },
      ];
    },
    restorers,
  };
}
