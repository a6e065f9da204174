// `npm test`: lint, type-check all three sides, build, then every test tier (unit, world, lab, e2e),
// and a summary with counts per tier. Exits non-zero if any step fails.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const results = [];
const env = { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' };
let failedSteps = 0;

function step(name, command, args) {
  process.stdout.write(`\n━━ ${name}: ${[command, ...args].join(' ')}\n`);
  const started = Date.now();
  const run = spawnSync(command, args, { stdio: 'inherit', env });
  const ok = run.status === 0;
  if (!ok) failedSteps += 1;
  process.stdout.write(
    `━━ ${name}: ${ok ? 'ok' : `FAILED (exit ${run.status ?? run.signal})`} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
  return ok;
}

function vitestTier(tier) {
  const report = `test-results/vitest-${tier}.json`;
  rmSync(report, { force: true });
  step(`${tier} tests`, 'npx', [
    'vitest',
    'run',
    '--project',
    tier,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    '--passWithNoTests',
  ]);
  if (!existsSync(report)) return results.push({ tier, passed: 0, failed: 1, skipped: 0, note: 'no report' });
  const r = JSON.parse(readFileSync(report, 'utf8'));
  results.push({
    tier,
    passed: r.numPassedTests,
    failed: r.numFailedTests,
    skipped: r.numPendingTests + r.numTodoTests,
  });
}

mkdirSync('test-results', { recursive: true });
step('lint', 'npx', ['biome', 'check', '.']);
step('typecheck', 'npm', ['run', '--silent', 'typecheck']);
const built = step('build', 'npm', ['run', '--silent', 'build']);
if (built) {
  for (const tier of ['unit', 'world', 'lab']) vitestTier(tier);
  rmSync('test-results/e2e-report.json', { force: true });
  step('e2e tests', 'npx', ['playwright', 'test']);
  if (existsSync('test-results/e2e-report.json')) {
    const s = JSON.parse(readFileSync('test-results/e2e-report.json', 'utf8')).stats;
    results.push({ tier: 'e2e', passed: s.expected + s.flaky, failed: s.unexpected, skipped: s.skipped });
  } else {
    results.push({ tier: 'e2e', passed: 0, failed: 1, skipped: 0, note: 'no report' });
  }
}

const total = { passed: 0, failed: 0, skipped: 0 };
process.stdout.write('\nTest summary\n');
for (const r of results) {
  process.stdout.write(
    `  ${r.tier.padEnd(6)} ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped${r.note ? ` (${r.note})` : ''}\n`,
  );
  total.passed += r.passed;
  total.failed += r.failed;
  total.skipped += r.skipped;
}
if (failedSteps > 0) process.stdout.write(`  ${failedSteps} step(s) failed (see above)\n`);
const failed = total.failed + (failedSteps > 0 && total.failed === 0 ? 1 : 0);
process.stdout.write(`\nTests: ${total.passed} passed, ${failed} failed, ${total.skipped} skipped\n`);
process.exit(failedSteps > 0 || total.failed > 0 ? 1 : 0);
