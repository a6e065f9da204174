/** The site-access capability: probes every target, says what each answer means and what to try. */
import type { AccessResult } from '../../../shared/model';
import { host } from '../../../shared/text';
import { isReachable } from '../../../shared/verdict';
import type { Capability } from '../capability';
import { accessFindings } from './findings';
import { accessFixes } from './fixes';

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
    findings: ({ results }) => accessFindings(results.access, results.ip?.v4?.ip ?? results.ip?.v6?.ip),
    fixes: accessFixes,
  };
}
