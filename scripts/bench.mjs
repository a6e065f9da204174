// `npm run bench`: builds, then runs every tests/bench/*.bench.ts (each a standalone script printing
// `name: value unit (goal …)` lines). Benchmarks that need root and namespaces say why they skip.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const build = spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
let failed = 0;
for (const file of readdirSync('tests/bench')
  .filter((f) => f.endsWith('.bench.ts'))
  .sort()) {
  process.stdout.write(`\n== ${file}\n`);
  const run = spawnSync('npx', ['tsx', `tests/bench/${file}`], {
    stdio: 'inherit',
    env: { ...process.env, NODE_OPTIONS: `--require ${process.cwd()}/tests/support/net-guard.cjs` },
  });
  if (run.status !== 0) failed += 1;
}
process.exit(failed > 0 ? 1 : 0);
