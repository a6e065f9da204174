/** The service-status capability: reads the status page, says what it reports, and proposes waiting out an outage. */
import type { StatusResult } from '../../../shared/model';
import { sentences } from '../../../shared/text';
import { isRefused } from '../../../shared/verdict';
import type { Capability, RankedStep } from '../capability';
import { INDICATOR_WORDS, isOutage, statusFindings, statusPageLink } from './findings';

export const STATUS_RANK = 10;
/** After everything a program can do: reading the page is the user's own check. */
export const STATUS_LOOK_RANK = 95;

export function statusCapability(check: (signal?: AbortSignal) => Promise<StatusResult>): Capability {
  return {
    id: 'status',
    check: {
      id: 'status',
      label: 'Service status',
      run: (_ctx, io) => check(io.signal),
      summarize: (r) => {
        if (!r.ok) return { mark: 'unavailable', detail: r.error.message };
        const s = r.status;
        if (s.indicator === 'unknown') return { mark: 'unavailable', detail: 'The status page gave no clear answer.' };
        return {
          mark: s.indicator === 'none' ? 'fine' : 'problem',
          detail: sentences(`The service reports ${INDICATOR_WORDS[s.indicator]}`),
        };
      },
    },
    findings: ({ results }) => statusFindings(results.status, results.access ?? []),
    fixes: ({ results }): RankedStep[] => {
      const status = results.status;
      if (status && (!status.ok || status.status.indicator === 'unknown')) {
        const link = statusPageLink(status.ok ? status.status.source : status.source);
        return [
          {
            rank: STATUS_LOOK_RANK,
            id: 'look-at-status',
            title: 'Look at the service’s status page yourself.',
            why: 'Access Doctor could not read it, so an outage it reports would not show here.',
            ...(link ? { link } : {}),
          },
        ];
      }
      if (!status?.ok || !isOutage(status.status)) return [];
      const refused = (results.access ?? []).some((a) => isRefused(a.verdict));
      const link = statusPageLink(status.status.source);
      return [
        {
          rank: STATUS_RANK,
          id: 'wait-outage',
          title: 'Wait for the service to recover.',
          why: sentences(
            `The status page reports ${INDICATOR_WORDS[status.status.indicator]}`,
            refused
              ? 'Sites often refuse visitors during an outage; if you are still refused once it is over, try the steps below'
              : 'Nothing on your side fixes an outage',
            'Watch tells you when the site answers again',
          ),
          view: 'watch',
          ...(link ? { link } : {}),
        },
      ];
    },
  };
}
