/** Entry point of the `access-doctor` command (bundled to out/cli/cli.js). */
import { createInterface } from 'node:readline/promises';
import { runCli, unexpectedError } from './cli/main';
import { forTerminal } from './cli/terminal';

declare const __APP_VERSION__: string;

const version = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : '0.0.0-dev';
const debug = process.argv.includes('--debug');

/** Anything that escapes the command (a stray socket error, a bug) is one line, never a stack trace. */
function crash(error: unknown): void {
  process.stderr.write(forTerminal(unexpectedError('Access Doctor', error, debug)));
  process.exit(1);
}
process.on('uncaughtException', crash);
process.on('unhandledRejection', crash);

runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTty: Boolean(process.stderr.isTTY),
  fetch: (input, init) => fetch(input, init),
  version,
  stdinIsTty: Boolean(process.stdin.isTTY),
  prompt: async (question) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    try {
      return await rl.question(question);
    } finally {
      rl.close();
    }
  },
}).then((code) => {
  // Exit once output is flushed: an idle keep-alive socket must not hold the command open.
  process.stdout.write('', () => process.exit(code));
}, crash);
