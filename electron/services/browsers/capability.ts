/**
 * The browsers capability: counts the sites' cookies in every browser profile and, when a target is
 * refused, proposes clearing them. Its changes are file copies in the journal (kind `browser-site-data`),
 * which the journal restores by itself: no settings restorer, only a guard that refuses a restore while
 * the browser whose files it writes runs.
 */
import { resolve, sep } from 'node:path';
import { sentences } from '../../../shared/text';
import { isRefused } from '../../../shared/verdict';
import { AppFailure } from '../../core/errors';
import type { Capability, FixInput, RankedStep } from '../capability';
import { browserFindings, where } from './findings';
import type { BrowsersService } from './index';
import { profileFindings, profileFixes } from './profile-findings';

/** Before the router (50): clearing a stale session is cheaper than a new address. */
export const BROWSERS_RANK = 32;

export function browsersCapability(service: Pick<BrowsersService, 'list' | 'profiles'>): Capability {
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
    findings: ({ results }) => [
      ...browserFindings(
        results.browsers,
        (results.access ?? []).some((a) => isRefused(a.verdict)),
      ),
      ...profileFindings(results.browsers),
    ],
    // A backup of a profile's files is never put back while that browser runs.
    restoreGuard: async (entry) => {
      const paths = entry.files.map((f) => resolve(f.path));
      if (paths.length === 0) return;
      for (const p of await service.profiles()) {
        if (!p.running) continue;
        const folder = resolve(p.folder);
        if (paths.some((f) => f === folder || f.startsWith(folder + sep))) {
          throw new AppFailure(
            'browsers-running',
            sentences(
              `${p.browserName} is running with the profile “${p.name}”, whose files this backup would write`,
              `Close ${p.browserName}, then restore it again; nothing was restored`,
            ),
          );
        }
      }
    },
    fixes: ({ results, findings }): RankedStep[] => {
      const access = results.access ?? [];
      const refused = access.some((a) => isRefused(a.verdict));
      const extra = profileFixes(findings, refused || access.some((a) => a.verdict === 'challenge'));
      return [...extra, ...cookieFixes(results, refused)];
    },
  };
}

function cookieFixes(results: FixInput['results'], refused: boolean): RankedStep[] {
  if (!refused) return [];
  const profiles = results.browsers?.profiles ?? [];
  // Local Storage alone (no cookies) can hold a sign-in too; it is cleared by the same step.
  const withCookies = profiles.filter((p) => (p.cookies ?? 0) > 0 || (p.localStorage?.items ?? 0) > 0);
  if (withCookies.length === 0) return [];
  const site = results.browsers?.sites[0] ?? 'the site';
  const running = [...new Set(withCookies.filter((p) => p.running).map((p) => p.browserName))];
  const anyCookies = withCookies.some((p) => (p.cookies ?? 0) > 0);
  return [
    {
      rank: BROWSERS_RANK,
      id: 'clear-site-data',
      title: anyCookies ? `Clear ${site}’s cookies in your browser.` : `Clear ${site}’s stored data in your browser.`,
      why: sentences(
        `Found in ${withCookies.map(where).join(', ')}`,
        'A stale sign-in can keep a block in place; Access Doctor backs the cookie file up first, so it can be put back',
        running.length > 0 && `Close ${running.join(' and ')} first`,
      ),
      view: 'browsers',
    },
  ];
}
