// `npm run harness -- --config FILE [--port N]`: builds when the output is missing or older than the
// sources, then runs the harness (its first output line is the URL).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const newest = (dir) => {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
};
const built = 'out/harness/harness.js';
const stale =
  !existsSync(built) ||
  !existsSync('out/renderer/index.html') ||
  Math.max(...['electron', 'renderer', 'shared'].map(newest)) > statSync(built).mtimeMs;
if (stale) {
  process.stderr.write('Building Access Doctor first…\n');
  // Build output goes to stderr: the harness's URL must stay the first line on stdout.
  const result = spawnSync('npm', ['run', '--silent', 'build'], { stdio: ['ignore', 2, 2] });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
const child = spawn(process.execPath, [built, ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
