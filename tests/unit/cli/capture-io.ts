/** A CliIo for runCli in tests: what it prints is kept in `out`; the network is refused unless overridden. */
import type { CliIo } from '../../../electron/cli/main';

export function captureIo(overrides: Partial<CliIo> = {}): { out: { stdout: string; stderr: string }; io: CliIo } {
  const out = { stdout: '', stderr: '' };
  const io: CliIo = {
    stdout: (t) => {
      out.stdout += t;
    },
    stderr: (t) => {
      out.stderr += t;
    },
    isTty: false,
    version: 'test',
    fetch: () => Promise.reject(new Error('no network in this test')),
    ...overrides,
  };
  return { out, io };
}
