// Bundles the Node-side entry points that electron-vite does not build: the CLI, the harness and the
// harness's browser bridge. Run by `npm run build` after `electron-vite build`.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const define = { __APP_VERSION__: JSON.stringify(version) };
const node = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  define,
  logLevel: 'warning',
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
};

await Promise.all([
  build({ ...node, entryPoints: ['electron/cli.ts'], outfile: 'out/cli/cli.js' }),
  build({ ...node, entryPoints: ['electron/harness/main.ts'], outfile: 'out/harness/harness.js' }),
  build({
    entryPoints: ['renderer/harness-bridge.ts'],
    outfile: 'out/harness/bridge.js',
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    logLevel: 'warning',
  }),
]);
