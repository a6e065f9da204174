#!/usr/bin/env node
// Runs the bundled CLI; the bundle is made by `npm run build`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = fileURLToPath(new URL('../out/cli/cli.js', import.meta.url));
if (!existsSync(bundle)) {
  process.stderr.write('Access Doctor is not built yet. Run `npm run build` in the project folder first.\n');
  process.exit(1);
}
try {
  await import(bundle);
} catch (error) {
  // The bundle failed to load (a broken build, an old Node): one line, the details only with --debug.
  const details = process.argv.includes('--debug') && error instanceof Error ? `\n${error.stack}` : '';
  process.stderr.write(
    `Access Doctor could not start. Run \`npm run build\` again, or add --debug for the details.${details}\n`,
  );
  process.exit(1);
}
