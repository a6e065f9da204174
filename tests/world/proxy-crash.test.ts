/**
 * Crash safety of `proxy off`: the real CLI, against a real GNOME dconf in a temp home under one session
 * bus this test keeps, is SIGKILLed (with the tools it is running: its whole process group) at seeded
 * random moments; `proxy restore` must then give back the original `dconf dump` every time, whether the
 * kill came before the backup, between the backup and the write, mid-write, or after.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, watch } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journalDir, userDataDir } from '../../electron/paths';
import { runCommand } from '../../electron/platform/exec';
import { createJournal } from '../../electron/services/journal';
import { type DesktopSession, missingTools, startDesktopSession } from '../support/desktop-session';
import { CLI, GUARD } from '../support/paths';
import { prng } from '../support/prng';
import { runCli } from '../support/run-cli';

const RUNS = Number(process.env.PROXY_CRASH_RUNS ?? 60);
const SEED = Number(process.env.PROXY_CRASH_SEED ?? 20261202);
const missing = missingTools(['gsettings', 'dconf', 'dbus-daemon']);
if (missing.length > 0)
  console.log(`skipping the proxy crash test: ${missing.join(', ')} not installed (.ci/deps-proxy.sh installs them)`);

describe.skipIf(missing.length > 0)('proxy off, killed at random moments', () => {
  let session: DesktopSession;
  beforeAll(async () => {
    session = await startDesktopSession();
  });
  afterAll(() => session?.stop());

  const env = () => ({ ...session.env, XDG_CURRENT_DESKTOP: 'GNOME' });
  const dump = async () => (await runCommand('dconf', ['dump', '/system/proxy/'], { env: session.env })).stdout;

  /**
   * Runs `proxy off --yes` and SIGKILLs its process group `ms` after it starts, or, with `afterBackup`,
   * `ms` after its journal entry's folder appears (so kills also land between the backup and the write).
   */
  const offKilledAfter = (ms: number, afterBackup = false, dir?: string) =>
    new Promise<{ killed: boolean; elapsed: number }>((resolve) => {
      const started = performance.now();
      const child = spawn(process.execPath, [CLI, 'proxy', 'off', '--yes', '--json'], {
        env: { ...env(), NODE_OPTIONS: `--require ${GUARD}` },
        stdio: 'ignore',
        detached: true,
      });
      let killed = false;
      let timer: NodeJS.Timeout | undefined;
      const kill = () => {
        if (child.exitCode === null && child.pid) {
          killed = true;
          process.kill(-child.pid, 'SIGKILL');
        }
      };
      const watcher =
        afterBackup && dir
          ? watch(dir, () => {
              watcher?.close();
              timer = setTimeout(kill, ms);
            })
          : undefined;
      if (!watcher) timer = setTimeout(kill, ms);
      child.on('exit', () => {
        clearTimeout(timer);
        watcher?.close();
        resolve({ killed, elapsed: performance.now() - started });
      });
    });

  it(`gives back the original dump after every kill (${RUNS} runs)`, { timeout: 600_000 }, async () => {
    const gset = (schema: string, key: string, value: string) =>
      runCommand('gsettings', ['set', schema, key, value], { env: session.env });
    await gset('org.gnome.system.proxy', 'mode', 'manual');
    await gset('org.gnome.system.proxy.http', 'host', '10.0.0.1');
    await gset('org.gnome.system.proxy.http', 'port', '3128');
    await gset('org.gnome.system.proxy', 'ignore-hosts', "['localhost', '10.0.0.0/8']");
    const original = await dump();
    const dir = journalDir(userDataDir(session.env, 'linux'));
    mkdirSync(dir, { recursive: true });
    const journal = createJournal({ dir });

    // Whole runs, unkilled, to learn how long the command takes here (the middle of three).
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const full = await offKilledAfter(60_000);
      expect(full.killed).toBe(false);
      runs.push(full.elapsed);
      expect((await runCli(['proxy', 'restore'], { env: env() })).code).toBe(0);
      expect(await dump()).toBe(original);
    }
    const wholeRun = runs.sort((a, b) => a - b)[1] ?? 200;

    const random = prng(SEED);
    const outcomes = { 'before the backup': 0, 'change unfinished': 0, 'change finished': 0, 'not killed': 0 };
    for (let run = 0; run < RUNS; run++) {
      const before = new Set((await journal.list()).entries.map((e) => e.id));
      // Half the kills at a random moment of the whole run (mostly Node starting up), half at a random
      // moment after the backup's folder appears: while the backup is written, the change, or the read-back.
      const afterBackup = random() < 0.5;
      const at = Math.round(afterBackup ? random() * 40 : random() * wholeRun * 1.05);
      const { killed } = await offKilledAfter(at, afterBackup, dir);
      const fresh = (await journal.list()).entries.filter((e) => !before.has(e.id));
      const state = fresh[0]?.state;
      const outcome = !killed
        ? 'not killed'
        : !state
          ? 'before the backup'
          : state === 'open'
            ? 'change unfinished'
            : 'change finished';
      outcomes[outcome] += 1;
      if (state === 'open') expect((await journal.unfinished()).map((e) => e.id)).toContain(fresh[0]?.id);

      const restore = await runCli(['proxy', 'restore', '--json'], { env: env() });
      expect(
        restore.code,
        `run ${run}, killed at ${at} ms${afterBackup ? ' after the backup began' : ''}: ${restore.stderr}`,
      ).toBe(state ? 0 : 3);
      expect(
        await dump(),
        `run ${run}, killed at ${at} ms${afterBackup ? ' after the backup began' : ''} (seed ${SEED})`,
      ).toBe(original);
    }
    console.log(`proxy crash test: ${RUNS} runs (seed ${SEED}, a whole run ${Math.round(wholeRun)} ms):`, outcomes);
    expect(Object.values(outcomes).reduce((a, b) => a + b, 0)).toBe(RUNS);
    // The kills reached the part that matters: after the backup was recorded.
    expect(outcomes['change unfinished'] + outcomes['change finished']).toBeGreaterThan(0);
  });
});
