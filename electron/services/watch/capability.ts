/** The watch capability has no check of its own: it proposes watching whenever a site is not reachable or the service is in trouble. */
import { sentences } from '../../../shared/text';
import { isReachable } from '../../../shared/verdict';
import type { Capability, RankedStep } from '../capability';

export const WATCH_RANK = 80;

export function watchCapability(): Capability {
  return {
    id: 'watch',
    fixes: ({ results, findings }): RankedStep[] => {
      const access = results.access ?? [];
      const notReachable = access.some((a) => !isReachable(a.verdict));
      const trouble = findings.some((f) => f.kind === 'outage' && f.severity !== 'good');
      if (!notReachable && !trouble) return [];
      return [
        {
          rank: WATCH_RANK,
          id: 'watch',
          title: 'Let Access Doctor watch and tell you when it works.',
          why: sentences('It re-checks the site after every IP change and notifies you when it is reachable again'),
          view: 'watch',
        },
      ];
    },
  };
}
