/** The site-access capability: probes every target, says what each answer means and what to try. */
import type { AccessResult } from '../../../shared/model';
import { host, sentences } from '../../../shared/text';
import { isReachable } from '../../../shared/verdict';
import { clockFinding, clockSkew, fixClock } from '../../core/clock-skew';
import type { Capability } from '../capability';
import { accessFindings } from './findings';
import { ACCESS_RANKS, accessFixes } from './fixes';

export function accessCapability(probe: (target: string, signal?: AbortSignal) => Promise<AccessResult>): Capability {
  return {
    id: 'access',
    check: {
      id: 'access',
      label: 'Site access',
      run: (ctx, io) => Promise.all(ctx.targets.map((t) => probe(t, io.signal))),
      summarize: (rs) => ({
        mark: rs.length > 0 && rs.every((r) => isReachable(r.verdict)) ? 'fine' : 'problem',
        detail: rs
          .map((r) => `${host(r.target)}: ${r.verdict}${r.cloudflareCode ? ` ${r.cloudflareCode}` : ''}`)
          .join(', '),
      }),
    },
    findings: ({ results }) => {
      const access = results.access ?? [];
      // The sites' own clocks tell a wrong system clock, which breaks their checks (cookies, challenges).
      const clock = clockFinding(clockSkew(access.flatMap((a) => (a.serverDate ? [a.serverDate] : []))));
      return [...accessFindings(access, results.ip?.v4?.ip ?? results.ip?.v6?.ip), ...(clock ? [clock] : [])];
    },
    fixes: (input) => [
      ...accessFixes(input),
      ...(input.findings.some((f) => f.kind === 'clock-skew')
        ? [
            {
              rank: ACCESS_RANKS.clock,
              id: 'fix-clock' as const,
              title: 'Set this computer’s clock right, then scan again.',
              why: sentences('Sites check the time of your requests and cookies', fixClock(process.platform)),
            },
          ]
        : []),
    ],
  };
}
