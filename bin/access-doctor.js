#!/usr/bin/env node
// Runs the bundled CLI; the bundle is made by `npm run build`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = fileURLToPath(new URL('../out/cli/cli.js', import.meta.url));
if (!existsSync(bundle)) {
  process.stderr.write('access-doctor is not built yet: run `npm run build` in the project folder first.\n');
  process.exit(1);
}
await import(bundle);
