/**
 * A site's cookies in a browser profile: counted, then deleted. Chromium keeps them in `Cookies` (or
 * `Network/Cookies`), table `cookies`, host in `host_key`; Firefox in `cookies.sqlite`, table
 * `moz_cookies`, host in `host` (every container and partition: the host decides, not originAttributes).
 *
 * A row belongs to a site when its host, without a leading dot, is the site or ends with `.` + the site:
 * `chatgpt.com`, `.chatgpt.com` and `auth.chatgpt.com` do; `notchatgpt.com` and `chatgpt.com.evil.test`
 * do not. The match is made here in TypeScript on the host values, never with SQL LIKE.
 *
 * Safety (DESIGN.md §4): nothing is touched while the browser runs; a database with a non-empty `-wal`
 * or a `-journal` still holding a transaction is refused (reading the main file alone would be half of it); every file of the database
 * is backed up through the journal first; the new database is built in memory, checked
 * (`quick_check`, the table and every index holding exactly the other rows, none of the sites' hosts
 * left) and written as a new file that is renamed over the old one. Deleted rows are zeroed (`secure_delete`), so their values do not linger.
 * The sites' origin storage folders (files backed up one by one, bounded) are removed after it, and in a
 * Chromium profile their Local Storage origins are deleted from the shared database (local-storage.ts),
 * all in the same journal entry.
 */
import { lstat, open, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserProfile, ClearSiteDataResult } from '../../../shared/model';
import { sentences } from '../../../shared/text';
import { AppFailure } from '../../core/errors';
import { writeFileAtomic } from '../../platform/fs';
import { type Journal, journaled } from '../journal';
import { type PreparedLocalStorageClear, prepareLocalStorageClear } from './local-storage';
import { readBounded } from './profiles';
import {
  countIn,
  deleteIn,
  distinctValues,
  exportDatabase,
  hasColumns,
  indexesAgree,
  type OpenedDatabase,
  openDatabase,
  quickCheckOk,
  rowCount,
  type SqlDatabase,
} from './sqlite';

/** Largest cookie database read (a heavy real one is a few tens of MiB). */
export const MAX_DB_BYTES = 512 * 1024 * 1024;

export const SITE_DATA_KIND = 'browser-site-data';

/** Whether a cookie host belongs to a site (the site itself, a leading-dot host, or a subdomain). */
export function hostMatches(host: string, site: string): boolean {
  const h = (host.startsWith('.') ? host.slice(1) : host).toLowerCase();
  const s = site.toLowerCase();
  return h === s || h.endsWith(`.${s}`);
}

/** The most specific configured site a host belongs to, or null. */
export function siteOf(host: string, sites: readonly string[]): string | null {
  let best: string | null = null;
  for (const site of sites) if (hostMatches(host, site) && (best === null || site.length > best.length)) best = site;
  return best;
}

interface Store {
  table: string;
  column: string;
}

const STORES: Record<BrowserProfile['family'], Store> = {
  chromium: { table: 'cookies', column: 'host_key' },
  firefox: { table: 'moz_cookies', column: 'host' },
};

async function fileSize(path: string): Promise<number | null> {
  try {
    const info = await stat(path);
    return info.isFile() ? info.size : null;
  } catch {
    return null;
  }
}

/** The profile's cookie database, or null when it has none. */
export async function cookieFile(profile: Pick<BrowserProfile, 'family' | 'folder'>): Promise<string | null> {
  const candidates =
    profile.family === 'firefox'
      ? [join(profile.folder, 'cookies.sqlite')]
      : [join(profile.folder, 'Network', 'Cookies'), join(profile.folder, 'Cookies')];
  for (const c of candidates) if ((await fileSize(c)) !== null) return c;
  return null;
}

/** The database and the files SQLite keeps beside it: all are backed up together. */
export const databaseFiles = (db: string): string[] => [db, `${db}-wal`, `${db}-shm`, `${db}-journal`];

/** A rollback journal's header: its magic (`d9d505f920a163d7`) while it holds a transaction, zeros after. */
const JOURNAL_HEADER = 8;

/**
 * Refuses a database whose latest changes are still beside it, where reading the main file alone would
 * give half of it: any non-empty `-wal`, or a `-journal` whose header is not zeroed (a persisted journal
 * with a zeroed header, or an empty one, is finished).
 */
async function assertSettled(db: string, browserName: string): Promise<void> {
  const unsettled = () =>
    new AppFailure(
      'browsers-unsettled',
      sentences(
        `${browserName} has not finished saving its cookies`,
        `Close ${browserName} once so it saves its cookies, then try again`,
      ),
    );
  if (((await fileSize(`${db}-wal`)) ?? 0) > 0) throw unsettled();
  if (((await fileSize(`${db}-journal`)) ?? 0) > 0) {
    const head = await readHead(`${db}-journal`, JOURNAL_HEADER);
    if (head === null || head.some((b) => b !== 0)) throw unsettled();
  }
}

async function readHead(path: string, length: number): Promise<Buffer | null> {
  try {
    const handle = await open(path, 'r');
    try {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, 0);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch {
    return null;
  }
}

export function assertNotRunning(profile: BrowserProfile): void {
  if (profile.running) {
    throw new AppFailure(
      'browsers-running',
      sentences(
        `${profile.browserName} is running with the profile “${profile.name}”`,
        `Close ${profile.browserName} first, then try again; nothing was changed`,
      ),
    );
  }
}

/** Runs SQLite work on an untrusted file: any engine error (a damaged page) becomes one sentence. */
function guarded<T>(what: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof AppFailure) throw error;
    throw new AppFailure('browsers-unreadable', `${what} is damaged or not as expected, so it was left alone.`, {
      cause: error,
    });
  }
}

interface Loaded {
  path: string;
  bytes: Buffer;
  opened: OpenedDatabase;
  store: Store;
  what: string;
}

async function load(profile: BrowserProfile): Promise<Loaded | null> {
  const path = await cookieFile(profile);
  if (!path) return null;
  await assertSettled(path, profile.browserName);
  const size = await fileSize(path);
  if (size !== null && size > MAX_DB_BYTES) {
    throw new AppFailure(
      'browsers-too-large',
      `The cookie file of ${profile.browserName} is too large to read safely.`,
    );
  }
  const bytes = await readBounded(path, MAX_DB_BYTES);
  if (!bytes) throw new AppFailure('browsers-unreadable', `The cookie file of ${profile.browserName} cannot be read.`);
  const what = `The cookie file of ${profile.browserName} (${profile.name})`;
  const opened = await openDatabase(bytes, what);
  const store = STORES[profile.family];
  if (!guarded(what, () => hasColumns(opened.db, store.table, [store.column]))) {
    opened.db.close();
    throw new AppFailure(
      'browsers-unknown-schema',
      `${what} is not laid out as Access Doctor expects, so it was left alone.`,
    );
  }
  return { path, bytes, opened, store, what };
}

/** The host values that belong to the sites, how many rows each site has, and how many rows in all. */
interface HostMatch {
  hosts: string[];
  bySite: Record<string, number>;
  matched: number;
  total: number;
}

const zeros = (sites: readonly string[]): Record<string, number> => Object.fromEntries(sites.map((s) => [s, 0]));

/**
 * The distinct host values (only those reach TypeScript, not every row) and, decided here by `siteOf`,
 * those that belong to the sites, with SQLite counting their rows. A host that is not text never matches.
 */
function matchHosts(db: SqlDatabase, { table, column }: Store, sites: readonly string[]): HostMatch {
  const perSite = new Map<string, string[]>(sites.map((s) => [s, []]));
  for (const host of distinctValues(db, table, column)) {
    if (typeof host !== 'string') continue;
    const site = siteOf(host, sites);
    if (site !== null) perSite.get(site)?.push(host);
  }
  const bySite = zeros(sites);
  let matched = 0;
  for (const [site, hosts] of perSite) {
    const n = hosts.length > 0 ? countIn(db, table, column, hosts) : 0;
    bySite[site] = n;
    matched += n;
  }
  const total = rowCount(db, table);
  if (total === null || Number.isNaN(matched)) throw new Error('The cookie table could not be counted.');
  return { hosts: [...perSite.values()].flat(), bySite, matched, total };
}

/**
 * Deletes the matched hosts' rows in one transaction, then checks the result before anything leaves
 * memory: the rows deleted are exactly those counted, none of those hosts is left, the pages and records
 * are sound (`quick_check`), and the table and each of its indexes hold exactly the other rows. A delete
 * led astray by a damaged index fails the last check, so the file is left alone.
 */
function deleteAndCheck(db: SqlDatabase, store: Store, match: HostMatch): void {
  const { table, column } = store;
  db.exec('PRAGMA secure_delete = ON');
  db.exec('BEGIN');
  const removed = deleteIn(db, table, column, match.hosts);
  db.exec('COMMIT');
  const sound =
    removed === match.matched &&
    countIn(db, table, column, match.hosts) === 0 &&
    quickCheckOk(db) &&
    indexesAgree(db, table, match.total - removed);
  if (!sound) {
    throw new AppFailure('browsers-integrity', 'The cleaned cookie file failed its check, so nothing was changed.');
  }
}

export interface SiteCount {
  cookies: number;
  bySite: Record<string, number>;
}

/** How many cookies of the sites the profile holds (0 when it has no cookie file). Never writes. */
export async function countSiteCookies(profile: BrowserProfile, sites: readonly string[]): Promise<SiteCount> {
  const loaded = await load(profile);
  if (!loaded) return { cookies: 0, bySite: zeros(sites) };
  try {
    const { matched, bySite } = guarded(loaded.what, () => matchHosts(loaded.opened.db, loaded.store, sites));
    return { cookies: matched, bySite };
  } finally {
    loaded.opened.db.close();
  }
}

/** Origin storage folders of the sites, relative to the profile (IndexedDB, Firefox `storage/default`). */
export async function findOriginFolders(profile: BrowserProfile, sites: readonly string[]): Promise<string[]> {
  const where = profile.family === 'firefox' ? join('storage', 'default') : 'IndexedDB';
  let names: string[];
  try {
    names = (await readdir(join(profile.folder, where))).slice(0, 10_000);
  } catch {
    return [];
  }
  const found: string[] = [];
  for (const name of names) {
    const host =
      profile.family === 'firefox'
        ? /^https?\+\+\+([^^+]+)/.exec(name)?.[1]
        : /^https?_(.+)_\d+\.indexeddb\.(?:leveldb|blob)$/.exec(name)?.[1];
    if (host && siteOf(host, sites) !== null) found.push(join(where, name));
  }
  return found.sort();
}

export interface ClearDeps {
  journal: Journal;
  /** Re-reads whether the browser runs, just before the file is replaced. */
  stillRunning(profile: BrowserProfile): Promise<boolean>;
  now?: () => number;
}

/** At most this many files, and bytes, of origin storage are backed up and deleted per clear. */
export const MAX_ORIGIN_FILES = 5000;
export const MAX_ORIGIN_BYTES = 256 * 1024 * 1024;

/**
 * Every file under the origin folders, or null when they hold a link, something that is not a file or
 * folder, or more than the bounds: then they are reported and left in place.
 */
async function originFiles(folder: string, origins: readonly string[]): Promise<string[] | null> {
  const files: string[] = [];
  let bytes = 0;
  const walk = async (dir: string): Promise<boolean> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!(await walk(path))) return false;
      } else if (entry.isFile()) {
        bytes += (await stat(path)).size;
        files.push(path);
        if (files.length > MAX_ORIGIN_FILES || bytes > MAX_ORIGIN_BYTES) return false;
      } else {
        return false;
      }
    }
    return true;
  };
  try {
    for (const o of origins) {
      const root = join(folder, o);
      if ((await lstat(root)).isSymbolicLink() || !(await walk(root))) return null;
    }
  } catch {
    return null;
  }
  return files;
}

/**
 * Deletes the sites' cookies (and their origin storage folders) from the profile: backed up through the
 * journal, the database rebuilt in memory, checked, written as a new file and renamed; the folders
 * removed after. Refused while the browser runs.
 */
export async function clearSiteCookies(
  profile: BrowserProfile,
  sites: readonly string[],
  deps: ClearDeps,
): Promise<ClearSiteDataResult> {
  const now = deps.now ?? (() => performance.now());
  const started = now();
  assertNotRunning(profile);
  const origins = await findOriginFolders(profile, sites);
  const files = origins.length > 0 ? await originFiles(profile.folder, origins) : [];
  const removable = files === null ? [] : origins;
  // Local Storage goes in the same entry: one backup, one restore. Its damage leaves it, not the cookies.
  let localStorage: PreparedLocalStorageClear | null = null;
  let localStorageLeft: string | undefined;
  try {
    localStorage = await prepareLocalStorageClear(profile, sites);
  } catch (error) {
    if (!(error instanceof AppFailure) || error.code === 'browsers-running') throw error;
    localStorageLeft = error.message;
  }
  const loaded = await load(profile);
  let cookies: { path: string; bytes: Buffer; rebuilt: Uint8Array; match: HostMatch } | null = null;
  if (loaded) {
    const { db } = loaded.opened;
    try {
      const rebuilt = guarded(loaded.what, () => {
        const match = matchHosts(db, loaded.store, sites);
        // Nothing of the sites: nothing to rebuild, export or write.
        if (match.matched === 0) return null;
        deleteAndCheck(db, loaded.store, match);
        return { match, bytes: exportDatabase(loaded.opened) };
      });
      if (rebuilt) cookies = { path: loaded.path, bytes: loaded.bytes, rebuilt: rebuilt.bytes, match: rebuilt.match };
    } finally {
      db.close();
    }
  }
  if (!cookies && removable.length === 0 && !localStorage) {
    throw new AppFailure(
      'browsers-nothing-to-clear',
      sentences(
        `${profile.browserName} (${profile.name}) has no cookies of ${sites.join(', ')}`,
        origins.length > 0 && 'Its site storage folders could not be backed up safely, so they were left in place',
        localStorageLeft,
        'Nothing was changed',
      ),
    );
  }
  const description = `Clear ${sites.join(', ')} site data (${profile.browserName}, ${profile.name})`;
  const paths = [...(cookies ? databaseFiles(cookies.path) : []), ...(files ?? []), ...(localStorage?.files ?? [])];
  const { entry } = await journaled(
    deps.journal,
    () => deps.journal.backupFiles(SITE_DATA_KIND, description, paths),
    async () => {
      // Between reading and now the browser may have started or written: then stop, nothing is written.
      if (await deps.stillRunning(profile)) assertNotRunning({ ...profile, running: true });
      if (cookies) {
        await assertSettled(cookies.path, profile.browserName);
        const current = await readBounded(cookies.path, MAX_DB_BYTES);
        if (!current?.equals(cookies.bytes)) {
          throw new AppFailure(
            'browsers-changed',
            `${profile.browserName} changed its cookie file meanwhile, so nothing was changed.`,
          );
        }
        await writeFileAtomic(cookies.path, cookies.rebuilt, (await stat(cookies.path)).mode & 0o7777);
      }
      for (const o of removable) await rm(join(profile.folder, o), { recursive: true, force: true });
      await localStorage?.apply();
    },
  );
  return {
    browser: profile.browser,
    profile: profile.id,
    profileName: profile.name,
    sites: [...sites],
    backupId: entry.id,
    removedCookies: cookies?.match.matched ?? 0,
    bySite: cookies?.match.bySite ?? zeros(sites),
    removedOrigins: removable,
    originsLeft: files === null ? origins : [],
    ...(localStorage && { removedLocalStorage: { origins: localStorage.origins, items: localStorage.items } }),
    ...(localStorageLeft !== undefined && { localStorageLeft }),
    elapsedMs: Math.round(now() - started),
  };
}
