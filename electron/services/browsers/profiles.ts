/**
 * Installed browsers and their profiles, from a home folder, the environment and the platform (all
 * injected, so tests lay out a fake home per OS). Chromium-family browsers list their profiles in
 * `Local State` (`profile.info_cache`); Firefox in `profiles.ini`, with `installs.ini` naming the profile
 * each install starts with. Every file read here is the user's, but untrusted: sizes are bounded, JSON
 * and INI are checked, and a profile folder must stay inside its browser's folder.
 */
import { open, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { BrowserId, BrowserProfile } from '../../../shared/model';
import { chromiumLockHeld, firefoxLockHeld, type RunningProbe } from './running';

export const BROWSER_NAMES: Record<BrowserId, string> = {
  chrome: 'Google Chrome',
  chromium: 'Chromium',
  edge: 'Microsoft Edge',
  brave: 'Brave',
  vivaldi: 'Vivaldi',
  opera: 'Opera',
  firefox: 'Firefox',
};

export const BROWSER_IDS = Object.keys(BROWSER_NAMES) as BrowserId[];

export interface ProfileEnv {
  home: string;
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  running: RunningProbe;
  /** Only these browsers' folders (the re-check just before a clear writes); default: every browser. */
  only?: BrowserId;
}

const MAX_STATE_BYTES = 8 * 1024 * 1024;
const MAX_INI_BYTES = 256 * 1024;
const MAX_PROFILES = 100;

/** Reads at most `max` bytes of a file; null when it is missing, not a file, or larger. */
export async function readBounded(path: string, max: number): Promise<Buffer | null> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(path, 'r');
    const info = await handle.stat();
    if (!info.isFile() || info.size > max) return null;
    const buffer = Buffer.alloc(info.size);
    let read = 0;
    while (read < info.size) {
      const { bytesRead } = await handle.read(buffer, read, info.size - read, read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    return buffer.subarray(0, read);
  } catch {
    return null;
  } finally {
    await handle?.close();
  }
}

async function isDir(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

function absEnv(value: string | undefined): string | undefined {
  return value && isAbsolute(value) ? value : undefined;
}

/** Where each browser keeps its data on this platform: Chromium user data dirs, Firefox profile roots. */
export function browserRoots(home: string, env: ProfileEnv['env'], platform: NodeJS.Platform): [BrowserId, string][] {
  if (platform === 'win32') {
    const local = absEnv(env.LOCALAPPDATA) ?? join(home, 'AppData', 'Local');
    const roaming = absEnv(env.APPDATA) ?? join(home, 'AppData', 'Roaming');
    return [
      ['chrome', join(local, 'Google', 'Chrome', 'User Data')],
      ['chromium', join(local, 'Chromium', 'User Data')],
      ['edge', join(local, 'Microsoft', 'Edge', 'User Data')],
      ['brave', join(local, 'BraveSoftware', 'Brave-Browser', 'User Data')],
      ['vivaldi', join(local, 'Vivaldi', 'User Data')],
      ['opera', join(roaming, 'Opera Software', 'Opera Stable')],
      ['firefox', join(roaming, 'Mozilla', 'Firefox')],
    ];
  }
  if (platform === 'darwin') {
    const support = join(home, 'Library', 'Application Support');
    return [
      ['chrome', join(support, 'Google', 'Chrome')],
      ['chromium', join(support, 'Chromium')],
      ['edge', join(support, 'Microsoft Edge')],
      ['brave', join(support, 'BraveSoftware', 'Brave-Browser')],
      ['vivaldi', join(support, 'Vivaldi')],
      ['opera', join(support, 'com.operasoftware.Opera')],
      ['firefox', join(support, 'Firefox')],
    ];
  }
  const config = absEnv(env.XDG_CONFIG_HOME) ?? join(home, '.config');
  return [
    ['chrome', join(config, 'google-chrome')],
    ['chromium', join(config, 'chromium')],
    ['chromium', join(home, 'snap', 'chromium', 'common', 'chromium')],
    ['chromium', join(home, '.var', 'app', 'org.chromium.Chromium', 'config', 'chromium')],
    ['edge', join(config, 'microsoft-edge')],
    ['brave', join(config, 'BraveSoftware', 'Brave-Browser')],
    ['vivaldi', join(config, 'vivaldi')],
    ['opera', join(config, 'opera')],
    ['firefox', join(home, '.mozilla', 'firefox')],
    ['firefox', join(config, 'mozilla', 'firefox')],
    ['firefox', join(home, 'snap', 'firefox', 'common', '.mozilla', 'firefox')],
    ['firefox', join(home, '.var', 'app', 'org.mozilla.firefox', '.mozilla', 'firefox')],
  ];
}

/** `child` is `root` or inside it (after resolving `..`). */
function inside(root: string, child: string): boolean {
  const rel = relative(root, child);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** A profile folder name from `Local State`: one plain path segment. */
function plainSegment(name: string): boolean {
  return name.length > 0 && name.length <= 255 && !/[/\\\0]/.test(name) && name !== '.' && name !== '..';
}

/** A folder that looks like a Chromium profile: it has a cookie file or preferences. */
async function hasChromiumCookies(folder: string): Promise<boolean> {
  if (!(await isDir(folder))) return false;
  for (const f of ['Cookies', join('Network', 'Cookies'), 'Preferences'])
    if (await exists(join(folder, f))) return true;
  return false;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

async function chromiumProfiles(browser: BrowserId, dataDir: string, probe: ProfileEnv): Promise<BrowserProfile[]> {
  if (!(await isDir(dataDir))) return [];
  const found = new Map<string, { name: string }>();
  let lastUsed: string | undefined;
  const state = await readBounded(join(dataDir, 'Local State'), MAX_STATE_BYTES);
  if (state) {
    try {
      const json: unknown = JSON.parse(state.toString('utf8'));
      const profile = isRecord(json) && isRecord(json.profile) ? json.profile : undefined;
      const cache = profile && isRecord(profile.info_cache) ? profile.info_cache : {};
      if (profile && typeof profile.last_used === 'string') lastUsed = profile.last_used;
      for (const [folder, info] of Object.entries(cache).slice(0, MAX_PROFILES)) {
        if (!plainSegment(folder)) continue;
        const name = isRecord(info) && typeof info.name === 'string' ? info.name.slice(0, 200) : folder;
        found.set(folder, { name });
      }
    } catch {
      // A broken Local State: fall back to the usual folder names below.
    }
  }
  for (const folder of ['Default', ...Array.from({ length: 20 }, (_, i) => `Profile ${i + 1}`)]) {
    if (!found.has(folder) && (await hasChromiumCookies(join(dataDir, folder)))) found.set(folder, { name: folder });
  }
  // Opera keeps its one profile in the data folder itself.
  if (browser === 'opera' && found.size === 0 && (await hasChromiumCookies(dataDir))) {
    found.set('.', { name: 'Opera' });
  }
  const running = await chromiumRunning(browser, dataDir, probe);
  const profiles: BrowserProfile[] = [];
  for (const [id, { name }] of found) {
    const folder = id === '.' ? dataDir : join(dataDir, id);
    if (!(await isDir(folder))) continue;
    profiles.push({
      browser,
      browserName: BROWSER_NAMES[browser],
      family: 'chromium',
      dataDir,
      folder,
      id,
      name,
      inUse: id === '.' || (lastUsed === undefined ? id === 'Default' : lastUsed === id),
      running,
    });
  }
  return profiles;
}

async function chromiumRunning(browser: BrowserId, dataDir: string, probe: ProfileEnv): Promise<boolean> {
  if (await chromiumLockHeld(dataDir, probe.running)) return true;
  if (await probe.running.exclusiveLockHeld?.(join(dataDir, 'lockfile'))) return true;
  const defaults = browserRoots(probe.home, probe.env, probe.platform)
    .filter(([b]) => b === browser)
    .map(([, d]) => resolve(d));
  for (const p of await probe.running.processes()) {
    if (p.browser === 'firefox') continue;
    if (p.dir ? resolve(p.dir) === resolve(dataDir) : p.browser === browser && defaults.includes(resolve(dataDir))) {
      return true;
    }
  }
  return false;
}

/** INI sections → key/value maps; keys and values trimmed; comments (`;`, `#`) skipped. */
export function parseIni(text: string): Map<string, Map<string, string>> {
  const sections = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  for (const raw of text.split(/\r?\n/).slice(0, 10_000)) {
    const line = raw.trim();
    if (line === '' || line.startsWith(';') || line.startsWith('#')) continue;
    if (line.startsWith('[') && line.endsWith(']')) {
      current = new Map();
      sections.set(line.slice(1, -1).trim(), current);
      continue;
    }
    const eq = line.indexOf('=');
    if (eq > 0 && current) current.set(line.slice(0, eq).trim(), line.slice(eq + 1).trim());
  }
  return sections;
}

async function firefoxProfiles(root: string, probe: ProfileEnv): Promise<BrowserProfile[]> {
  const ini = await readBounded(join(root, 'profiles.ini'), MAX_INI_BYTES);
  if (!ini) return [];
  const sections = parseIni(ini.toString('utf8'));
  const inUse = new Set<string>();
  for (const [name, values] of sections) {
    if (name.startsWith('Install') && values.get('Default')) inUse.add(values.get('Default') as string);
  }
  const installs = await readBounded(join(root, 'installs.ini'), MAX_INI_BYTES);
  if (installs) {
    for (const values of parseIni(installs.toString('utf8')).values()) {
      const d = values.get('Default');
      if (d) inUse.add(d);
    }
  }
  const entries: { id: string; folder: string; name: string; isDefault: boolean }[] = [];
  for (const [name, values] of sections) {
    if (!/^Profile\d+$/.test(name) || entries.length >= MAX_PROFILES) continue;
    const path = values.get('Path');
    if (!path) continue;
    const relativePath = values.get('IsRelative') !== '0';
    const folder = relativePath ? resolve(root, ...path.split('/')) : resolve(path);
    if (relativePath && !inside(root, folder)) continue;
    if (!(await isDir(folder))) continue;
    entries.push({
      id: path,
      folder,
      name: (values.get('Name') ?? path).slice(0, 200),
      isDefault: values.get('Default') === '1',
    });
  }
  const processes = (await probe.running.processes()).filter((p) => p.browser === 'firefox');
  const profiles: BrowserProfile[] = [];
  for (const e of entries) {
    const byProcess = processes.some((p) => (p.dir ? resolve(p.dir) === resolve(e.folder) : true));
    profiles.push({
      browser: 'firefox',
      browserName: BROWSER_NAMES.firefox,
      family: 'firefox',
      dataDir: root,
      folder: e.folder,
      id: e.id,
      name: e.name,
      inUse: inUse.size > 0 ? inUse.has(e.id) : e.isDefault,
      running:
        byProcess ||
        (await firefoxLockHeld(e.folder, probe.running)) ||
        Boolean(await probe.running.exclusiveLockHeld?.(join(e.folder, 'parent.lock'))),
    });
  }
  return profiles;
}

/** Every profile of every installed browser, in the order of `browserRoots`. */
export async function findProfiles(given: ProfileEnv): Promise<BrowserProfile[]> {
  // The process table is read once per listing, however many browser folders there are.
  let table: Promise<Awaited<ReturnType<RunningProbe['processes']>>> | undefined;
  const probe: ProfileEnv = {
    ...given,
    running: {
      ...given.running,
      processes: () => {
        table ??= given.running.processes();
        return table;
      },
    },
  };
  const all: BrowserProfile[] = [];
  const seen = new Set<string>();
  for (const [browser, root] of browserRoots(probe.home, probe.env, probe.platform)) {
    if (given.only !== undefined && browser !== given.only) continue;
    const key = resolve(root);
    if (seen.has(key)) continue;
    seen.add(key);
    const found =
      browser === 'firefox' ? await firefoxProfiles(root, probe) : await chromiumProfiles(browser, root, probe);
    all.push(...found);
  }
  return all;
}

/** The profile a user named: by folder (`Default`, `Profile 1`, `abcd.default-release`) or display name. */
export function pickProfile(profiles: BrowserProfile[], browser: BrowserId, wanted: string): BrowserProfile[] {
  const mine = profiles.filter((p) => p.browser === browser);
  const byFolder = mine.filter((p) => p.id === wanted || p.id.split('/').pop() === wanted || p.folder === wanted);
  if (byFolder.length > 0) return byFolder;
  return mine.filter((p) => p.name === wanted || p.name.toLowerCase() === wanted.toLowerCase());
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
