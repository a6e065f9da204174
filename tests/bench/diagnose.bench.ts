/**
 * Foundation benchmark, in the loopback world with realistic per-endpoint latency:
 * - wall time of one diagnose vs its slowest single check (goal: diagnose ≤ 1.2 × slowest: truly parallel),
 * - the CLI's peak memory for `diagnose --json`, and with a hostile 50 MB body as target.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../electron/config';
import { createServices } from '../../electron/services';
import type { CheckProgress } from '../../shared/model';
import { CLI, GUARD } from '../support/paths';
import { writeConfig } from '../support/run-cli';
import { startWorld } from '../world/world';
import { median } from './support/stats';

const RUNS = 15;

const world = await startWorld({
  publicIp: '198.51.100.23',
  blockedIps: ['198.51.100.23'],
  delays: { '/cdn-cgi/trace': 120, '/cdn-cgi/trace6': 80, '/site/': 250, '/status/summary.json': 180 },
});
try {
  const services = createServices(parseConfig(world.config()), (input, init) => fetch(input, init));
  const ratios: number[] = [];
  const walls: number[] = [];
  const slowest: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const done: CheckProgress[] = [];
    const t0 = performance.now();
    await services.diagnose({ runId: `bench-${i}`, onProgress: (p) => p.elapsedMs !== undefined && done.push(p) });
    const wall = performance.now() - t0;
    const slow = Math.max(...done.map((p) => p.elapsedMs ?? 0));
    walls.push(wall);
    slowest.push(slow);
    ratios.push(wall / slow);
  }
  const ratio = median(ratios);
  console.log(`diagnose wall time (median of ${RUNS}): ${median(walls).toFixed(0)} ms`);
  console.log(`slowest single check (median of ${RUNS}): ${median(slowest).toFixed(0)} ms`);
  console.log(`diagnose / slowest check: ${ratio.toFixed(2)} (goal ≤ 1.2) ${ratio <= 1.2 ? 'MET' : 'MISSED'}`);

  const dir = mkdtempSync(join(tmpdir(), 'access-doctor-bench-'));
  // Async on purpose: the world is served by this process, so a blocking spawn would starve it.
  const measure = async (label: string, config: unknown) => {
    const rssFile = join(dir, `${label.replace(/\W+/g, '-')}.rss`);
    const t0 = performance.now();
    const env = {
      ...process.env,
      NODE_OPTIONS: `--require ${GUARD} --require ${join(import.meta.dirname, 'support/maxrss.cjs')}`,
      ACCESS_DOCTOR_MAXRSS_FILE: rssFile,
    };
    const code = await new Promise<number>((resolve) => {
      execFile(process.execPath, [CLI, 'diagnose', '--json', '--config', writeConfig(config)], { env }, (error) =>
        resolve(error && typeof error.code === 'number' ? error.code : error ? -1 : 0),
      );
    });
    const kib = Number(readFileSync(rssFile, 'utf8'));
    const wall = (performance.now() - t0).toFixed(0);
    console.log(`CLI peak memory, ${label}: ${(kib / 1024).toFixed(1)} MiB (exit ${code}, ${wall} ms wall)`);
  };
  await measure('diagnose', world.config());
  await measure('diagnose with a 50 MB hostile body', world.config({ targets: [`${world.origin}/hostile/huge`] }));
} finally {
  await world.close();
}
