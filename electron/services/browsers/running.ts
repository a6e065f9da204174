/**
 * Whether a browser runs with a given profile. A lock file's existence proves nothing (a crash leaves it
 * behind), so each lock is tested: Chromium's `SingletonLock` is a symbolic link `hostname-pid`, live when
 * the host is this machine and the pid answers `kill(pid, 0)`; Firefox's `lock` (Linux) is a link
 * `ip:+pid`, tested the same way. On Linux the process table (`/proc/<pid>/comm` and `cmdline`) is read
 * too, so a browser whose lock cannot be read still counts; on macOS `ps` gives the same.
 */
import { readdir, readFile, readlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserId } from '../../../shared/model';

export interface RunningProbe {
  /** Whether a process with this pid exists (default `process.kill(pid, 0)`). */
  alive(pid: number): boolean;
  hostname: string;
  /** The browsers' main processes: which browser and, when it was given, its data folder or profile. */
  processes(): Promise<BrowserProcess[]>;
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

/** The browsers' main processes on Linux, from /proc (bounded: at most 32768 entries, 64 KiB per cmdline). */
export async function linuxProcesses(proc = '/proc'): Promise<BrowserProcess[]> {
  let names: string[];
  try {
    names = (await readdir(proc)).filter((n) => /^\d{1,10}$/.test(n)).slice(0, 32_768);
  } catch {
    return [];
  }
  const found: BrowserProcess[] = [];
  for (const pid of names) {
    try {
      const comm = (await readFile(join(proc, pid, 'comm'), 'utf8')).slice(0, 64);
      if (!COMM[comm.trim().toLowerCase()]) continue;
      const cmdline = (await readFile(join(proc, pid, 'cmdline'))).subarray(0, 65_536).toString('utf8');
      const p = browserProcess(comm, cmdline.split('\0').filter(Boolean).slice(1));
      if (p) found.push(p);
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

export function defaultRunningProbe(platform: NodeJS.Platform = process.platform): RunningProbe {
  return {
    alive: pidAlive,
    hostname: hostname(),
    processes: platform === 'linux' ? () => linuxProcesses() : async () => [],
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
