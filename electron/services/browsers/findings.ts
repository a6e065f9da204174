/** What the browsers' cookies mean for the diagnosis, in whole sentences. Pure. */
import type { BrowsersResult, Finding, ProfileSiteData } from '../../../shared/model';
import { sentences } from '../../../shared/text';

export const where = (p: Pick<ProfileSiteData, 'browserName' | 'name'>): string => `${p.browserName} (${p.name})`;

const cookiesWord = (n: number) => (n === 1 ? '1 cookie' : `${n} cookies`);

/** `chatgpt.com has 12 cookies in Google Chrome (Work).` (naming the sites that have some). */
export function cookieTitle(p: ProfileSiteData): string {
  const withCookies = Object.entries(p.bySite).filter(([, n]) => n > 0);
  const names = withCookies.map(([s]) => s);
  const subject = names.length <= 1 ? (names[0] ?? 'The site') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  return sentences(`${subject} ${names.length > 1 ? 'have' : 'has'} ${cookiesWord(p.cookies ?? 0)} in ${where(p)}`);
}

export function browserFindings(result: BrowsersResult | undefined, refused: boolean): Finding[] {
  if (!result) return [];
  const findings: Finding[] = [];
  for (const p of result.profiles) {
    const key = `browser-site-data:${p.browser}:${p.id}`;
    if (p.cookies === null) {
      findings.push({
        id: key,
        kind: 'browser-site-data',
        severity: 'info',
        title: sentences(`The cookies in ${where(p)} could not be counted`),
        detail: p.note ?? sentences('Access Doctor could not read them'),
      });
      continue;
    }
    const stored = p.localStorage?.items ?? 0;
    if (p.cookies === 0 && stored === 0) continue;
    findings.push({
      id: key,
      kind: 'browser-site-data',
      severity: refused ? 'warning' : 'info',
      title: p.cookies > 0 ? cookieTitle(p) : sentences(`The site keeps data in ${where(p)}`),
      detail: sentences(
        refused
          ? 'Clearing them signs you out of the site and drops the session the block may be tied to'
          : 'Nothing to do about them while the site lets you in',
        p.running && `Close ${p.browserName} before clearing them`,
        p.origins.length > 0 &&
          `The site also keeps storage in ${p.origins.length === 1 ? '1 folder' : `${p.origins.length} folders`} of this profile, which clearing removes too (backed up like the cookies)`,
        stored > 0 &&
          `It also keeps ${stored === 1 ? '1 Local Storage item' : `${stored} Local Storage items`} of the site in this profile, which clearing removes too (backed up like the cookies)`,
      ),
      facts: [
        { label: 'Profile folder', value: p.folder, copy: true },
        ...Object.entries(p.bySite)
          .filter(([, n]) => n > 0)
          .map(([site, n]) => ({ label: site, value: cookiesWord(n) })),
      ],
    });
  }
  return findings;
}
