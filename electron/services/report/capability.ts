/**
 * The support report has no check: it is the last resort, proposed after every other step whenever a
 * site is still not reachable, so no result ends without somewhere to go.
 */
import { isReachable } from '../../../shared/verdict';
import type { Capability, RankedStep } from '../capability';

export const REPORT_RANK = 99;

export function reportCapability(): Capability {
  return {
    id: 'report',
    fixes: ({ results }): RankedStep[] => {
      const access = results.access ?? [];
      if (access.length > 0 && access.every((a) => isReachable(a.verdict))) return [];
      return [
        {
          rank: REPORT_RANK,
          id: 'support-report',
          title: 'Still stuck? Send a support report.',
          why: 'It gathers what Access Doctor found and what you tried, ready to copy or save for the site’s help desk.',
          view: 'report',
        },
      ];
    },
  };
}
