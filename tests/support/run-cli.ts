/** Runs the built `access-doctor` as a subprocess, with the network guard preloaded and a temp config. */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, GUARD } from './paths';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  elapsedMs: number;
}

/** An empty home folder (no browsers) for every CLI run that does not set ACCESS_DOCTOR_HOME. */
const EMPTY_HOME = mkdtempSync(join(tmpdir(), 'access-doctor-home-'));

export function writeConfig(config: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'access-doctor-test-'));
  const file = join(dir, 'config.json');
  writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

export function runCli(
  args: string[],
  options: { timeoutMs?: number; env?: Record<string, string> } = {},
): Promise<CliRun> {
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      {
        timeout: options.timeoutMs ?? 20_000,
        // A home without browsers, so no test reads the real user's profiles unless it names a home.
        env: { ...process.env, NODE_OPTIONS: `--require ${GUARD}`, ACCESS_DOCTOR_HOME: EMPTY_HOME, ...options.env },
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error && typeof error.code === 'number' ? error.code : error ? -1 : 0;
        resolve({ code, stdout, stderr, elapsedMs: Math.round(performance.now() - started) });
      },
    );
  });
}
