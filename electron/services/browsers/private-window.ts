/**
 * The private-window test (issue 10 §5): opens the target in a private window of the chosen browser,
 * with extensions off where the browser honours it, so one click tells whether the browser's own state
 * (cookies, extensions) is the cause. The program is found per OS (PATH, Snap and Flatpak on Linux, the
 * `.app` through `open` on macOS, Program Files on Windows) from an injected environment, and started
 * detached through an injected spawner, so tests assert the exact command line and never start a browser.
 */
import { access, constants, stat } from 'node:fs/promises';
import { isAbsolute, join, posix, win32 } from 'node:path';
import type { BrowserId, PrivateWindowResult } from '../../../shared/model';
import { host, sentences } from '../../../shared/text';
import { AppFailure } from '../../core/errors';
import type { Spawner } from '../../platform/exec';
import { BROWSER_NAMES } from './profiles';

export interface LaunchEnv {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  home: string;
  spawn: Spawner;
  /** A regular file the user may run (default: the file system's answer). */
  isExecutable?(path: string): Promise<boolean>;
  /** A folder exists (a macOS `.app`, an installed Flatpak). */
  isDir?(path: string): Promise<boolean>;
  /** Where Snap puts its launchers (default `/snap/bin`). */
  snapBin?: string;
  /** Where Flatpak installs apps (default: the system's and the user's). */
  flatpakApps?: string[];
  /** Where macOS keeps apps (default `/Applications` and `~/Applications`). */
  macApps?: string[];
}

/** Program names on Linux, in the order they are tried on PATH and in /snap/bin. */
const LINUX_NAMES: Record<BrowserId, string[]> = {
  chrome: ['google-chrome', 'google-chrome-stable'],
  chromium: ['chromium', 'chromium-browser'],
  edge: ['microsoft-edge', 'microsoft-edge-stable'],
  brave: ['brave-browser', 'brave'],
  vivaldi: ['vivaldi', 'vivaldi-stable'],
  opera: ['opera'],
  firefox: ['firefox'],
};

const FLATPAK_IDS: Record<BrowserId, string> = {
  chrome: 'com.google.Chrome',
  chromium: 'org.chromium.Chromium',
  edge: 'com.microsoft.Edge',
  brave: 'com.brave.Browser',
  vivaldi: 'com.vivaldi.Vivaldi',
  opera: 'com.opera.Opera',
  firefox: 'org.mozilla.firefox',
};

/** The `.app` names on macOS, as `open -a` takes them. */
export const MAC_APPS: Record<BrowserId, string> = {
  chrome: 'Google Chrome',
  chromium: 'Chromium',
  edge: 'Microsoft Edge',
  brave: 'Brave Browser',
  vivaldi: 'Vivaldi',
  opera: 'Opera',
  firefox: 'Firefox',
};

type WinBase = 'PROGRAMFILES' | 'PROGRAMFILES(X86)' | 'LOCALAPPDATA';

/** Where the Windows installers put each browser, under which base folder. */
const WINDOWS_PATHS: Record<BrowserId, [WinBase, string][]> = {
  chrome: [
    ['PROGRAMFILES', 'Google\\Chrome\\Application\\chrome.exe'],
    ['PROGRAMFILES(X86)', 'Google\\Chrome\\Application\\chrome.exe'],
    ['LOCALAPPDATA', 'Google\\Chrome\\Application\\chrome.exe'],
  ],
  chromium: [
    ['LOCALAPPDATA', 'Chromium\\Application\\chrome.exe'],
    ['PROGRAMFILES', 'Chromium\\Application\\chrome.exe'],
  ],
  edge: [
    ['PROGRAMFILES(X86)', 'Microsoft\\Edge\\Application\\msedge.exe'],
    ['PROGRAMFILES', 'Microsoft\\Edge\\Application\\msedge.exe'],
  ],
  brave: [
    ['PROGRAMFILES', 'BraveSoftware\\Brave-Browser\\Application\\brave.exe'],
    ['PROGRAMFILES(X86)', 'BraveSoftware\\Brave-Browser\\Application\\brave.exe'],
    ['LOCALAPPDATA', 'BraveSoftware\\Brave-Browser\\Application\\brave.exe'],
  ],
  vivaldi: [
    ['LOCALAPPDATA', 'Vivaldi\\Application\\vivaldi.exe'],
    ['PROGRAMFILES', 'Vivaldi\\Application\\vivaldi.exe'],
  ],
  opera: [
    ['LOCALAPPDATA', 'Programs\\Opera\\opera.exe'],
    ['PROGRAMFILES', 'Opera\\opera.exe'],
  ],
  firefox: [
    ['PROGRAMFILES', 'Mozilla Firefox\\firefox.exe'],
    ['PROGRAMFILES(X86)', 'Mozilla Firefox\\firefox.exe'],
    ['LOCALAPPDATA', 'Mozilla Firefox\\firefox.exe'],
  ],
};

/** The keys that open a private window by hand. */
const SHORTCUT: Record<BrowserId, string> = {
  chrome: 'Shift+N',
  chromium: 'Shift+N',
  edge: 'Shift+N',
  brave: 'Shift+N',
  vivaldi: 'Shift+N',
  opera: 'Shift+N',
  firefox: 'Shift+P',
};

/** The arguments that open `url` privately; Chromium's `--disable-extensions` holds when it starts anew. */
export function privateArgs(browser: BrowserId, url: string): string[] {
  if (browser === 'firefox') return ['-private-window', url];
  const flag = browser === 'edge' ? '--inprivate' : browser === 'opera' ? '--private' : '--incognito';
  return [flag, '--disable-extensions', '--no-first-run', url];
}

/** Spaces, line breaks and control characters: none belongs in an address passed as one argument. */
function hasBlankOrControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c <= 0x20 || c === 0x7f) return true;
  }
  return /\s/.test(text);
}

/**
 * The target as it is passed on: an http(s) URL without credentials, in its parsed form (which never
 * starts with `-`, so a browser cannot read it as an option). Anything else is refused.
 */
export function checkTarget(target: string): string {
  const refuse = () =>
    new AppFailure(
      'browsers-bad-target',
      sentences(`“${target.slice(0, 100)}” is not a web address such as https://chatgpt.com/`),
    );
  if (target.length === 0 || target.length > 2048 || target.startsWith('-') || hasBlankOrControl(target)) {
    throw refuse();
  }
  if (!/^https?:\/\//i.test(target) || !URL.canParse(target)) throw refuse();
  const url = new URL(target);
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '' || url.username || url.password) {
    throw refuse();
  }
  return url.href;
}

async function nodeIsExecutable(path: string): Promise<boolean> {
  try {
    if (!(await stat(path)).isFile()) return false;
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function nodeIsDir(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** Environment variables are case-insensitive on Windows. */
function envValue(env: LaunchEnv['env'], name: string): string | undefined {
  if (env[name] !== undefined) return env[name];
  const key = Object.keys(env).find((k) => k.toUpperCase() === name);
  return key === undefined ? undefined : env[key];
}

/** Absolute PATH folders only: a relative entry (`.`) would run whatever the current folder holds. */
function pathDirs(env: LaunchEnv['env']): string[] {
  return (envValue(env, 'PATH') ?? '').split(':').filter((d) => d !== '' && posix.isAbsolute(d));
}

async function onPath(name: string, env: LaunchEnv): Promise<string | null> {
  const isExecutable = env.isExecutable ?? nodeIsExecutable;
  for (const dir of pathDirs(env.env)) {
    const file = posix.join(dir, name);
    if (await isExecutable(file)) return file;
  }
  return null;
}

/** The program and the arguments before the browser's own: `[file, ...prefix]`, or null when not found. */
export async function findLauncher(browser: BrowserId, env: LaunchEnv): Promise<string[] | null> {
  const isExecutable = env.isExecutable ?? nodeIsExecutable;
  const isDir = env.isDir ?? nodeIsDir;
  if (env.platform === 'win32') {
    for (const [base, rest] of WINDOWS_PATHS[browser]) {
      const root = envValue(env.env, base);
      if (!root || !win32.isAbsolute(root)) continue;
      const file = win32.join(root, rest);
      if (await isExecutable(file)) return [file];
    }
    return null;
  }
  if (env.platform === 'darwin') {
    const app = MAC_APPS[browser];
    const dirs = env.macApps ?? ['/Applications', join(env.home, 'Applications')];
    for (const dir of dirs) {
      if (await isDir(posix.join(dir, `${app}.app`))) return ['/usr/bin/open', '-na', app, '--args'];
    }
    return null;
  }
  for (const name of LINUX_NAMES[browser]) {
    const found = await onPath(name, env);
    if (found) return [found];
  }
  const snapBin = env.snapBin ?? '/snap/bin';
  for (const name of LINUX_NAMES[browser]) {
    const file = posix.join(snapBin, name);
    if (await isExecutable(file)) return [file];
  }
  const id = FLATPAK_IDS[browser];
  const flatpakDirs = env.flatpakApps ?? [
    '/var/lib/flatpak/app',
    ...(isAbsolute(env.home) ? [posix.join(env.home, '.local', 'share', 'flatpak', 'app')] : []),
  ];
  for (const dir of flatpakDirs) {
    if (!(await isDir(posix.join(dir, id)))) continue;
    const flatpak = await onPath('flatpak', env);
    if (flatpak) return [flatpak, 'run', id];
  }
  return null;
}

/** How to open the window by hand, for when the program is not found or would not start. */
export function byHand(browser: BrowserId, platform: NodeJS.Platform, site: string): string {
  const keys = `${platform === 'darwin' ? 'Cmd' : 'Ctrl'}+${SHORTCUT[browser]}`;
  const kind = browser === 'edge' ? 'an InPrivate window' : 'a private window';
  return sentences(`Open ${kind} in ${BROWSER_NAMES[browser]} (${keys}) and go to ${site}`);
}

/** Opens `target` privately in `browser`; never throws for a missing browser, only for a bad target. */
export async function openPrivateWindow(
  browser: BrowserId,
  target: string,
  env: LaunchEnv,
): Promise<PrivateWindowResult> {
  const url = checkTarget(target);
  const site = host(url);
  const name = BROWSER_NAMES[browser];
  const base = { browser, browserName: name, target: url };
  const launcher = await findLauncher(browser, env);
  if (!launcher) {
    return {
      ...base,
      launched: false,
      command: [],
      message: sentences(
        `Access Doctor did not find ${name}’s program, so open the window yourself`,
        byHand(browser, env.platform, site),
      ),
    };
  }
  const [file, ...prefix] = launcher as [string, ...string[]];
  const args = [...prefix, ...privateArgs(browser, url)];
  const command = [file, ...args];
  try {
    await env.spawn(file, args);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return {
      ...base,
      launched: false,
      command,
      message: sentences(`${name} could not be started (${why.slice(0, 200)})`, byHand(browser, env.platform, site)),
    };
  }
  const kind = browser === 'edge' ? 'an InPrivate Microsoft Edge window' : `a private ${name} window`;
  return {
    ...base,
    launched: true,
    command,
    message:
      browser === 'firefox'
        ? sentences(
            `Opened ${site} in ${kind}`,
            'Extensions stay off there unless you allowed them in private windows',
            'Did it load?',
          )
        : sentences(`Opened ${site} in ${kind} with extensions off`, 'Did it load?'),
  };
}
