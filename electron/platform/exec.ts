/**
 * Runs OS tools: `execFile` with no shell, a timeout and an output cap. Services receive a `RunCommand`
 * so tests can give them a real tool in a temp environment, or replay recorded output where the tool
 * cannot run here (Windows `reg`, macOS `networksetup`).
 */
import { execFile, spawn } from 'node:child_process';
import { AppFailure } from '../core/errors';

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
  /** Bytes of stdout/stderr kept each; more fails the command. */
  maxBuffer?: number;
  /** Text written to the tool's stdin (then closed), e.g. `dconf load`'s dump. */
  input?: string;
}

export type RunCommand = (file: string, args: readonly string[], options?: RunOptions) => Promise<CommandResult>;

/** Non-zero exits are results, not errors; a missing tool or a timeout is an AppFailure. */
export const runCommand: RunCommand = (file, args, options = {}) =>
  new Promise((resolve, reject) => {
    const child = execFile(
      file,
      [...args],
      {
        shell: false,
        timeout: options.timeoutMs ?? 10_000,
        maxBuffer: options.maxBuffer ?? 1024 * 1024,
        env: options.env ?? process.env,
        windowsHide: true,
      },
      (error, stdout, stderr) => {
        if (!error) return resolve({ code: 0, stdout, stderr });
        const err = error as NodeJS.ErrnoException & { killed?: boolean; code?: unknown };
        if (err.code === 'ENOENT') return reject(new AppFailure('tool-missing', `${file} is not installed`));
        if (err.killed) return reject(new AppFailure('tool-timeout', `${file} did not finish in time`));
        if (typeof err.code === 'number') return resolve({ code: err.code, stdout, stderr });
        reject(new AppFailure('tool-failed', `${file} failed: ${err.message}`));
      },
    );
    if (options.input !== undefined) {
      // A tool that exits before reading its input must not turn into an unhandled EPIPE.
      child.stdin?.on('error', () => undefined);
      child.stdin?.end(options.input);
    }
  });

/** Starts a program that outlives the app (a browser window): no shell, no output, not waited for. */
export type Spawner = (file: string, args: readonly string[]) => Promise<void>;

/** Resolves once the program started; a missing program rejects with an AppFailure. */
export const spawnDetached: Spawner = (file, args) =>
  new Promise((resolve, reject) => {
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(file, [...args], { detached: true, stdio: 'ignore', shell: false });
    } catch (error) {
      reject(new AppFailure('tool-failed', `${file} could not be started: ${(error as Error).message}`));
      return;
    }
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new AppFailure('tool-missing', `${file} is not installed`)
          : new AppFailure('tool-failed', `${file} could not be started: ${error.message}`),
      ),
    );
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
  });
