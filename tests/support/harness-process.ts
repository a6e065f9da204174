/** Starts `npm run harness`'s built entry as a real subprocess and reads the URL from its first line. */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { GUARD, ROOT } from './paths';

export interface HarnessProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export function startHarnessProcess(
  configFile: string,
  timeoutMs = 15_000,
  extraArgs: string[] = [],
  extraEnv: Record<string, string> = {},
): Promise<HarnessProcess> {
  const args = [join(ROOT, 'out/harness/harness.js'), '--config', configFile, ...extraArgs];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...extraEnv, NODE_OPTIONS: `--require ${GUARD}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`harness did not print its URL in time. stderr: ${stderr}`));
    }, timeoutMs);
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) {
        clearTimeout(timer);
        resolve({ url: line.trim(), child, stop });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`harness exited with ${code}: ${stderr}`));
    });
  });
}
