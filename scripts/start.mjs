// `npm start` (and `npm run dev`, `npm run release:check`): build, then launch the real Electron app when
// its binary is present. Where it is not (CI, offline machines) say so and open the same UI through
// the harness in a browser instead of failing obscurely. Never triggers Electron's binary download.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const mode = process.argv.includes('--dev') ? 'dev' : process.argv.includes('--release-check') ? 'release' : 'start';
const electronDir = join('node_modules', 'electron');
const pathFile = join(electronDir, 'path.txt');
const binary = existsSync(pathFile) ? join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim()) : null;
const hasBinary = binary !== null && existsSync(binary);

const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

if (!hasBinary) {
  process.stderr.write(
    [
      'The Electron binary is not installed on this machine, so the desktop window cannot open here.',
      'On a machine with internet access, `node node_modules/electron/install.js` fetches it once.',
      mode === 'release'
        ? 'release:check needs the binary to package; nothing was packaged.'
        : 'Meanwhile: the same UI and services run in your browser through the harness (starting it now),',
      mode === 'release' ? '' : 'and the CLI works as is: `npx access-doctor diagnose`.',
      '',
    ].join('\n'),
  );
  if (mode === 'release') process.exit(2);
  const child = spawn(
    process.execPath,
    ['scripts/harness.mjs', ...process.argv.slice(2).filter((a) => !a.startsWith('--dev'))],
    {
      stdio: 'inherit',
    },
  );
  child.on('exit', (code) => process.exit(code ?? 0));
} else if (mode === 'dev') {
  run('npx', ['electron-vite', 'dev']);
} else {
  run('npm', ['run', '--silent', 'build']);
  if (mode === 'release') run('npx', ['electron-builder', '--dir']);
  else run(binary, ['.']);
}
