/**
 * Whether a browser runs with a given profile. A lock file's existence proves nothing (a crash leaves it
 * behind), so each lock is tested: Chromium's `SingletonLock` is a symbolic link `hostname-pid`, live when
 * the host is this machine and the pid answers `kill(pid, 0)`; Firefox's `lock` (Linux) is a link
 * `ip:+pid`, tested the same way. On Linux the process table (`/proc/<pid>/comm` and `cmdline`) is read
 * too, so a browser whose lock cannot be read still counts; on macOS `ps` and on Windows `tasklist` name
 * the browsers' processes, and on Windows the locks Chromium (`lockfile`) and Firefox (`parent.lock`) hold
 * open count when they cannot be opened.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { open, readlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserId } from '../../../shared/model';
import { type RunCommand, runCommand } from '../../platform/exec';

export interface RunningProbe {
  /** Whether a process with this pid exists (default `process.kill(pid, 0)`). */
  alive(pid: number): boolean;
  hostname: string;
  /** The browsers' main processes: which browser and, when it was given, its data folder or profile. */
  processes(): Promise<BrowserProcess[]>;
  /** Windows: whether a lock file exists and another process holds it open (it cannot be opened). */
  exclusiveLockHeld?(path: string): Promise<boolean>;
}

export interface BrowserProcess {
  browser: BrowserId;
  /** `--user-data-dir` (Chromium) or `-profile` (Firefox), absolute; absent: the default one. */
  dir?: string;
}

export function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return typeof error === 'object' && error !== null && 'code' in error && error.code === 'EPERM';
  }
}

const COMM: Record<string, BrowserId> = {
  chrome: 'chrome',
  'google-chrome': 'chrome',
  chromium: 'chromium',
  'chromium-browse': 'chromium',
  msedge: 'edge',
  'microsoft-edge': 'edge',
  brave: 'brave',
  'brave-browser': 'brave',
  'vivaldi-bin': 'vivaldi',
  vivaldi: 'vivaldi',
  opera: 'opera',
  firefox: 'firefox',
  'firefox-bin': 'firefox',
  'firefox-esr': 'firefox',
};

/** A main process's command line → the browser process it is, or null for a helper (renderer, content). */
export function browserProcess(comm: string, argv: string[]): BrowserProcess | null {
  const browser = COMM[comm.trim().toLowerCase()];
  if (!browser) return null;
  if (browser === 'firefox') {
    if (argv.some((a) => a === '-contentproc' || a === '--contentproc')) return null;
    const at = argv.findIndex((a) => a === '-profile' || a === '--profile');
    const dir = at >= 0 ? argv[at + 1] : undefined;
    return dir ? { browser, dir: resolve(dir) } : { browser };
  }
  if (argv.some((a) => a.startsWith('--type='))) return null;
  const flag = argv.find((a) => a.startsWith('--user-data-dir='));
  return flag ? { browser, dir: resolve(flag.slice('--user-data-dir='.length)) } : { browser };
}

/**
 * The browsers' main processes on Linux, from /proc (bounded: at most 32768 entries, 64 KiB per cmdline).
 * Read synchronously on purpose: procfs lives in kernel memory, so a read never waits for a disk, and
 * ~300 entries take 2–5 ms this way against 15–45 ms as promises through libuv's thread pool (four
 * round trips per file), which made the process table the slowest part of a listing.
 */
export async function linuxProcesses(proc = '/proc'): Promise<BrowserProcess[]> {
  let names: string[];
  try {
    names = readdirSync(proc)
      .filter((n) => /^\d{1,10}$/.test(n))
      .slice(0, 32_768);
  } catch {
    return [];
  }
  const found: BrowserProcess[] = [];
  for (const pid of names) {
    try {
      const comm = readFileSync(join(proc, pid, 'comm'), 'utf8').slice(0, 64);
      if (!COMM[comm.trim().toLowerCase()]) continue;
      const cmdline = readFileSync(join(proc, pid, 'cmdline'))
        .subarray(0, 65_536)
        .toString('utf8');
      const p = browserProcess(comm, cmdline.split('\0').filter(Boolean).slice(1));
      if (p) found.push(p);
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

const MAC_NAMES: Record<string, BrowserId> = {
  'Google Chrome': 'chrome',
  Chromium: 'chromium',
  'Microsoft Edge': 'edge',
  'Brave Browser': 'brave',
  Vivaldi: 'vivaldi',
  Opera: 'opera',
  firefox: 'firefox',
  Firefox: 'firefox',
};

const WINDOWS_NAMES: Record<string, BrowserId> = {
  'chrome.exe': 'chrome',
  'msedge.exe': 'edge',
  'brave.exe': 'brave',
  'vivaldi.exe': 'vivaldi',
  'opera.exe': 'opera',
  'firefox.exe': 'firefox',
};

/** `ps -Ao comm=` on macOS: one executable path a line; helpers ("Google Chrome Helper") do not count. */
export function parsePsComm(stdout: string): BrowserProcess[] {
  const found: BrowserProcess[] = [];
  for (const line of stdout.split('\n').slice(0, 32_768)) {
    const name = line.trim().split('/').pop() ?? '';
    const browser = MAC_NAMES[name];
    if (browser) found.push({ browser });
  }
  return found;
}

/** `tasklist /fo csv /nh` on Windows: `"chrome.exe","1234",…` a line. */
export function parseTasklist(stdout: string): BrowserProcess[] {
  const found: BrowserProcess[] = [];
  for (const line of stdout.split(/\r?\n/).slice(0, 32_768)) {
    const name = /^"([^"]+)"/.exec(line.trim())?.[1]?.toLowerCase();
    const browser = name ? WINDOWS_NAMES[name] : undefined;
    if (browser) found.push({ browser });
  }
  return found;
}

/** A lock file another process holds open: it exists and cannot be opened for writing (Windows). */
export async function fileHeldOpen(path: string): Promise<boolean> {
  try {
    const handle = await open(path, 'r+');
    await handle.close();
    return false;
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
    return code === 'EBUSY' || code === 'EPERM' || code === 'EACCES';
  }
}

export function defaultRunningProbe(
  platform: NodeJS.Platform = process.platform,
  run: RunCommand = runCommand,
): RunningProbe {
  const tool = (file: string, args: string[], parse: (s: string) => BrowserProcess[]) => async () => {
    try {
      const result = await run(file, args, { timeoutMs: 5000, maxBuffer: 4 * 1024 * 1024 });
      return result.code === 0 ? parse(result.stdout) : [];
    } catch {
      return [];
    }
  };
  return {
    alive: pidAlive,
    hostname: hostname(),
    processes:
      platform === 'linux'
        ? () => linuxProcesses()
        : platform === 'darwin'
          ? tool('ps', ['-Ao', 'comm='], parsePsComm)
          : platform === 'win32'
            ? tool('tasklist', ['/fo', 'csv', '/nh'], parseTasklist)
            : async () => [],
    exclusiveLockHeld: platform === 'win32' ? fileHeldOpen : undefined,
  };
}

/** Chromium's `SingletonLock` in the user data dir: `hostname-pid`. Another host's lock counts as held. */
export async function chromiumLockHeld(dataDir: string, probe: RunningProbe): Promise<boolean> {
  let target: string;
  try {
    target = await readlink(join(dataDir, 'SingletonLock'));
  } catch {
    return false;
  }
  const dash = target.lastIndexOf('-');
  const host = dash > 0 ? target.slice(0, dash) : '';
  const pid = Number(target.slice(dash + 1));
  if (host !== probe.hostname) return host !== '';
  return probe.alive(pid);
}

/** Firefox's `lock` in the profile (Linux): a link `ip:+pid`. */
export async function firefoxLockHeld(profileDir: string, probe: RunningProbe): Promise<boolean> {
  let target: string;
  try {
    target = await readlink(join(profileDir, 'lock'));
  } catch {
    return false;
  }
  const plus = target.lastIndexOf('+');
  const pid = Number(target.slice(plus + 1));
  return plus >= 0 && probe.alive(pid);
}
