/**
 * Issue 7 §1: one classification must stay linear, a few milliseconds per 100 KiB, on hostile bodies
 * up to the body cap (1 MiB). The time bound is the requirement here (the old patterns took minutes);
 * the figures against the 2 ms goal are in `npm run bench` (tests/bench/classify.bench.ts).
 */
import { describe, expect, it } from 'vitest';
import { classifyAnswer } from '../../../electron/services/access/cloudflare';
import { cloudflarePage } from '../fixtures';
import { adversarialBodies, mixed } from './adversarial';

const KIB = 1024;
/** Generous against the 2 ms goal: the machine running the tests is shared. */
const BUDGET_MS_PER_100_KIB = 8;

/** The best of three runs, so one pause of the machine does not fail the test. */
function timeOf(body: string, status: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (let run = 0; run < 3; run++) {
    const t0 = performance.now();
    classifyAnswer({ status, headers: { server: 'cloudflare' }, body });
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

describe('classifyAnswer on adversarial bodies', () => {
  it.each([64 * KIB, 512 * KIB, 1024 * KIB])('stays within the time budget for %i-character bodies', (size) => {
    const slow: string[] = [];
    for (const { name, body } of adversarialBodies(size, 4)) {
      for (const status of [403, 503, 200]) {
        const ms = timeOf(body, status);
        const budget = (BUDGET_MS_PER_100_KIB * Math.max(size, 100 * KIB)) / (100 * KIB);
        if (ms > budget) slow.push(`${name} (HTTP ${status}): ${ms.toFixed(1)} ms > ${budget.toFixed(1)} ms`);
      }
    }
    expect(slow).toEqual([]);
  });

  it('still reads a real block page followed by hostile filler', () => {
    const body = `${cloudflarePage('1020.html', { ray: '0123456789abcdef' })}${mixed(7, 900 * KIB)}`;
    const result = classifyAnswer({ status: 403, headers: { server: 'cloudflare' }, body });
    expect(result).toMatchObject({ verdict: 'blocked', cloudflareCode: 1020, rayId: '0123456789abcdef' });
  });

  it('finds the plain `error code: 1020` after a megabyte-sized run of line breaks is cut at the prefix', () => {
    // Past the classified prefix the code is not read, but the 403 is still a refusal.
    const body = `${'\n'.repeat(1024 * KIB - 20)}error code: 1020`;
    const result = classifyAnswer({ status: 403, headers: {}, body });
    expect(result.verdict).toBe('blocked');
    expect(result.cloudflareCode).toBeUndefined();
    expect(
      classifyAnswer({ status: 403, headers: {}, body: `${'\n'.repeat(100 * KIB)}error code: 1020` }),
    ).toMatchObject({ verdict: 'blocked', cloudflareCode: 1020 });
  });
});
