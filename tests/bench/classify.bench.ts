/**
 * Page classifier benchmark (issue 7 §1): the worst time of one classification per 100 KiB over the
 * seeded adversarial bodies (line breaks, blanks, unclosed attributes, repeated markers, seeded mixes),
 * for 64 KiB, 512 KiB and 1 MiB bodies. Goal: ≤ 2 ms per 100 KiB, and no growth faster than the size.
 */
import { classifyAnswer } from '../../electron/services/access/cloudflare';
import { adversarialBodies } from '../unit/access/adversarial';
import { median } from './support/stats';

const KIB = 1024;
const SIZES = [64 * KIB, 512 * KIB, 1024 * KIB];
const RUNS = 7;
const GOAL_MS_PER_100_KIB = 2;

const worstTotals: number[] = [];
for (const size of SIZES) {
  let worst = { ms: 0, name: '' };
  for (const { name, body } of adversarialBodies(size, 8)) {
    for (const status of [403, 503]) {
      const times: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        const t0 = performance.now();
        classifyAnswer({ status, headers: { server: 'cloudflare' }, body });
        times.push(performance.now() - t0);
      }
      const ms = median(times);
      if (ms > worst.ms) worst = { ms, name: `${name}, HTTP ${status}` };
    }
  }
  const per100 = worst.ms / (size / (100 * KIB));
  const ok = per100 <= GOAL_MS_PER_100_KIB;
  worstTotals.push(worst.ms);
  console.log(
    `classify worst per 100 KiB at ${size / KIB} KiB (median of ${RUNS}, ${worst.name}): ${per100.toFixed(2)} ms ` +
      `(goal ≤ ${GOAL_MS_PER_100_KIB}) ${ok ? 'MET' : 'MISSED'}`,
  );
}
// Linear (or better, past the classified prefix): 16× the size must not cost more than about 16× the time.
const [small = 0, , large = 0] = worstTotals;
const growth = large / Math.max(small, 0.01);
console.log(
  `classify worst time 1 MiB / 64 KiB: ${growth.toFixed(1)}× (goal ≤ 16× the 16× size) ${growth <= 16 ? 'MET' : 'MISSED'}`,
);
