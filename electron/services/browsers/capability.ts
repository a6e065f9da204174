/**
 * The browsers capability: counts the sites' cookies in every browser profile and, when a target is
 * refused, proposes clearing them. Its changes are file copies in the journal (kind `browser-site-data`),
 * which the journal restores by itself: no settings restorer.
 */
import { sentences } from '../../../shared/text';
import { isRefused } from '../../../shared/verdict';
import type { Capability, RankedStep } from '../capability';
import { browserFindings, where } from './findings';
import type { BrowsersService } from './index';

/** Before the router (50): clearing a stale session is cheaper than a new address. */
export const BROWSERS_RANK = 32;

export function browsersCapability(service: Pick<BrowsersService, 'list'>): Capability {
  return {
    id: 'browsers',
    check: {
      id: 'browsers',
      label: 'Browser cookies',
      run: (ctx, io) => service.list({ targets: ctx.targets, signal: io.signal }),
      summarize: (r) => {
        if (r.profiles.length === 0) return { mark: 'unavailable', detail: 'No browser found.' };
        const withCookies = r.profiles.filter((p) => (p.cookies ?? 0) > 0);
        const total = withCookies.reduce((n, p) => n + (p.cookies ?? 0), 0);
        // Whether the cookies matter depends on the access check: the findings and the plan say so.
        return {
          mark: 'fine',
          detail:
            total === 0
              ? sentences(`No cookies of ${r.sites[0] ?? 'the site'} in ${r.profiles.length} profiles`)
              : sentences(
                  `${total} cookies of ${r.sites[0] ?? 'the site'} in ${withCookies.length === 1 ? '1 profile' : `${withCookies.length} profiles`}`,
                ),
        };
      },
    },
    findings: ({ results }) =>
      browserFindings(
        results.browsers,
        (results.access ?? []).some((a) => isRefused(a.verdict)),
      ),
    fixes: ({ results }): RankedStep[] => {
      if (!(results.access ?? []).some((a) => isRefused(a.verdict))) return [];
      const withCookies = (results.browsers?.profiles ?? []).filter((p) => (p.cookies ?? 0) > 0);
      if (withCookies.length === 0) return [];
      const site = results.browsers?.sites[0] ?? 'the site';
      const running = [...new Set(withCookies.filter((p) => p.running).map((p) => p.browserName))];
      return [
        {
          rank: BROWSERS_RANK,
          id: 'clear-site-data',
          title: `Clear ${site}’s cookies in your browser.`,
          why: sentences(
            `Found in ${withCookies.map(where).join(', ')}`,
            'A stale sign-in can keep a block in place; Access Doctor backs the cookie file up first, so it can be put back',
            running.length > 0 && `Close ${running.join(' and ')} first`,
          ),
        },
      ];
    },
  };
}
