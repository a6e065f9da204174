/** `npm run harness -- --config FILE [--port N]`: prints the URL as its first line, then serves. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultConfig, loadConfigFile } from '../config';
import { startHarness } from './server';

declare const __APP_VERSION__: string;

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { config: { type: 'string' }, port: { type: 'string' }, 'data-dir': { type: 'string' } },
  });
  const outDir = join(dirname(fileURLToPath(import.meta.url)), '..');
  const rendererDir = join(outDir, 'renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) throw new Error('The renderer is not built. Run `npm run build`.');
  const port = values.port ? Number(values.port) : 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error('--port must be a whole number from 0 to 65535.');
  }
  const config = values.config ? await loadConfigFile(values.config) : defaultConfig();
  const harness = await startHarness({
    config,
    rendererDir,
    bridgeFile: join(outDir, 'harness', 'bridge.js'),
    faviconFile: join(outDir, '..', 'build', 'icon.png'),
    port,
    // A test (or a support session) can point the harness at a data folder it prepared: its journal shows in Backups.
    ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
    fetch: (input, init) => fetch(input, init),
    version: typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : '0.0.0-dev',
  });
  process.stdout.write(`${harness.url}\n`);
  process.stderr.write(
    `Access Doctor harness: open ${harness.url} in a browser. Services use ${values.config ?? 'the built-in defaults (real endpoints)'}. Ctrl-C stops.\n`,
  );
  const stop = () => void harness.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${/[.!?]$/.test(message) ? message : `${message}.`}\n`);
  process.exit(1);
});
