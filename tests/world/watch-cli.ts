/** Runs `access-doctor ip --watch …` as a long-lived subprocess and waits for its output lines. */
import { type ChildProcess, spawn } from 'node:child_process';
import { CLI, GUARD } from '../support/paths';

export interface Watcher {
  child: ChildProcess;
  lines: string[];
  stderr: string[];
  /** Resolves with the first stdout line matching, and when it arrived (performance.now()). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<{ line: string; at: number }>;
  exit: Promise<number | null>;
}

/** `prefix` runs it through another command, e.g. `ip netns exec <ns>` in the lab. */
export function watch(args: string[], options: { prefix?: string[]; env?: Record<string, string> } = {}): Watcher {
  const [file, ...rest] = [...(options.prefix ?? []), process.execPath, CLI, ...args] as [string, ...string[]];
  const child = spawn(file, rest, {
    env: { ...process.env, NODE_OPTIONS: `--require ${GUARD}`, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const stderr: string[] = [];
  const waiting = new Set<{ pattern: RegExp; resolve: (v: { line: string; at: number }) => void }>();
  let buffer = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    buffer += chunk;
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      for (const w of waiting) {
        if (w.pattern.test(line)) {
          waiting.delete(w);
          w.resolve({ line, at: performance.now() });
        }
      }
    }
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => stderr.push(chunk));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    lines,
    stderr,
    exit,
    waitFor(pattern, timeoutMs = 10_000) {
      const seen = lines.find((l) => pattern.test(l));
      if (seen) return Promise.resolve({ line: seen, at: performance.now() });
      return new Promise((resolve, reject) => {
        const entry = { pattern, resolve };
        waiting.add(entry);
        setTimeout(() => {
          if (waiting.delete(entry)) {
            reject(
              new Error(
                `no line matching ${pattern} in ${timeoutMs} ms\nstdout:\n${lines.join('\n')}\nstderr:\n${stderr.join('')}`,
              ),
            );
          }
        }, timeoutMs);
      });
    },
  };
}
