/** The steps a site's answer calls for: pass a challenge, wait out a rate limit or the site's trouble, check the line, contact the site. */
import { formatWait, host, sentences } from '../../../shared/text';
import type { FixInput, RankedStep } from '../capability';

export const ACCESS_RANKS = {
  clock: 12,
  connection: 15,
  challenge: 20,
  siteTrouble: 25,
  rateLimit: 30,
  contact: 90,
} as const;

export function accessFixes({ results }: FixInput): RankedStep[] {
  const access = results.access ?? [];
  const steps: RankedStep[] = [];
  const unreachable = access.filter((a) => a.verdict === 'unreachable');
  if (access.length === 0) {
    // The site check itself could not run: there is nothing to read, so the way on is to try again.
    steps.push({
      rank: ACCESS_RANKS.connection,
      id: 'check-connection',
      title: 'Check your internet connection, then scan again.',
      why: 'Access Doctor could not check any site this time.',
      view: 'scan',
    });
  }
  if (unreachable.length > 0) {
    const others = access.length - unreachable.length;
    steps.push({
      rank: ACCESS_RANKS.connection,
      id: 'check-connection',
      title: sentences(`Check your internet connection, then scan again`),
      why: sentences(
        `Access Doctor got no answer from ${unreachable.map((a) => host(a.target)).join(', ')}`,
        unreachable[0]?.error?.message,
        others > 0
          ? 'Other sites answered, so the trouble may be on the site’s side; Watch tells you when it answers again'
          : 'If other sites open in your browser, the site may be down; Watch tells you when it answers again',
      ),
      view: 'scan',
    });
  }
  for (const c of access.filter((a) => a.verdict === 'challenge')) {
    steps.push({
      rank: ACCESS_RANKS.challenge,
      id: 'open-in-browser',
      title: sentences(`Open ${host(c.target)} in your browser and let the check finish`),
      why: sentences(
        'The site asks for a browser check (a challenge), which a real browser with JavaScript and cookies passes',
      ),
    });
  }
  const down = access.filter((a) => a.verdict === 'down');
  if (down.length > 0) {
    steps.push({
      rank: ACCESS_RANKS.siteTrouble,
      id: 'wait-site',
      title: sentences(`Try ${down.map((a) => host(a.target)).join(', ')} again later`),
      why: sentences(
        'The site answers with an error of its own, so the trouble is on its side',
        'Watch tells you when it answers again',
      ),
      view: 'watch',
    });
  }
  const limited = access.filter((a) => a.verdict === 'rate-limited');
  if (limited.length > 0) {
    const wait = Math.max(...limited.map((l) => l.retryAfterSeconds ?? 0));
    steps.push({
      rank: ACCESS_RANKS.rateLimit,
      id: 'wait-rate-limit',
      title: sentences(wait > 0 ? `Wait ${formatWait(wait)}, then try again` : 'Wait a few minutes, then try again'),
      why: sentences(
        'Rate limits lift by themselves, and new requests meanwhile can extend them',
        'Watch tells you when it is lifted',
      ),
      view: 'watch',
      ...(wait > 0 ? { waitSeconds: wait } : {}),
    });
  }
  for (const b of access.filter((a) => a.verdict === 'blocked')) {
    steps.push({
      rank: ACCESS_RANKS.contact,
      id: 'contact-site',
      title: sentences(
        b.rayId
          ? `Still blocked? Contact ${host(b.target)} with the Ray ID ${b.rayId}`
          : `Still blocked? Contact ${host(b.target)}`,
      ),
      why: sentences(
        b.rayId
          ? 'The Ray ID lets the site find the exact rule that blocked you'
          : 'Tell them the time, your public IP address and the error you see',
      ),
    });
  }
  return steps;
}
