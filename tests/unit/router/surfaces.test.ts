import { describe, expect, it } from 'vitest';
import { EXIT, HELP, runCli } from '../../../electron/cli/main';
import { requests } from '../../../shared/ipc';
import { captureIo } from '../cli/capture-io';

const io = (answers: string[], stdinIsTty: boolean) => {
  const asked: string[] = [];
  const { out, io } = captureIo({
    stdinIsTty,
    prompt: async (q: string) => {
      asked.push(q);
      return answers.shift() ?? '';
    },
  });
  return { out: Object.assign(out, { asked }), io };
};

describe('router surfaces', () => {
  it('router.reset over IPC requires an explicit confirmation', () => {
    expect(requests['router.reset'].input.safeParse({ runId: 'r1' }).success).toBe(false);
    expect(requests['router.reset'].input.safeParse({ runId: 'r1', confirmed: false }).success).toBe(false);
    expect(requests['router.reset'].input.safeParse({ runId: 'r1', confirmed: true }).success).toBe(true);
    expect(requests['router.powerCycle'].input.safeParse({ runId: 'r1', oldIp: 'not-an-ip' }).success).toBe(false);
  });

  it('CLI reset asks on a terminal and changes nothing when the answer is no', async () => {
    const { io: cliIo, out } = io(['n'], true);
    expect(await runCli(['router', 'reset'], cliIo)).toBe(EXIT.ok);
    expect(out.asked[0]).toMatch(/drops the internet connection for everyone.*\n.*\[y\/N\]/s);
    expect(out.stderr).toBe('Nothing changed.\n');
  });

  it('CLI reset refuses without --yes when stdin is not a terminal (exit 64)', async () => {
    const { io: cliIo, out } = io([], false);
    expect(await runCli(['router', 'reset', '--json'], cliIo)).toBe(64);
    expect(out.asked).toEqual([]);
    expect(out.stderr).toMatch(/no terminal to ask on.*--yes/s);
  });

  it('an unknown router subcommand is a usage error, and help documents the exit codes', async () => {
    const { io: cliIo } = io([], false);
    expect(await runCli(['router', 'reboot'], cliIo)).toBe(EXIT.usage);
    expect(HELP).toMatch(/4 the router refuses a remote reconnect/);
    expect(HELP).toMatch(/5 reconnected, same public IP/);
  });
});
