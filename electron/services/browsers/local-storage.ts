/**
 * A site's Local Storage in a Chromium profile. Chromium keeps every origin's localStorage in one LevelDB
 * at `<profile>/Local Storage/leveldb/`: `_<origin>\0<key>` per item (the key after a byte that names its
 * encoding), `META:<origin>` and `METAACCESS:<origin>` per origin, and `VERSION`. An origin belongs to a
 * site by its host (`hostMatches`: the site or a subdomain, never a bare suffix); a partitioned storage
 * key (`<origin>/^0<top-level site>`) counts by its own origin.
 *
 * Removal is what LevelDB itself does for a delete: one write batch of deletions, with the next sequence
 * number, appended to the live log, which Chromium replays when it opens the database. Appending is
 * crash-safe: LevelDB's log reader drops a record cut short at the end of the file without calling it
 * damage, so a crash mid-write leaves the old state. A log that already ends torn is not written to
 * (the new record would be read as part of the torn one). Everything LevelDB keeps state in is backed
 * up through the journal first, so a restore brings the keys back even after Chromium has since rewritten
 * the database; after writing, the database is read again and must show exactly the site's keys gone.
 */
import { createHash } from 'node:crypto';
import { open, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserProfile } from '../../../shared/model';
import { sentences } from '../../../shared/text';
import { AppFailure } from '../../core/errors';
import { type Journal, journaled } from '../journal';
import { deletionBatch, frameLogRecord, LevelDbError } from './local-storage-format';
import { type LevelDbLimits, type LevelDbState, readLevelDb } from './local-storage-leveldb';
import { assertNotRunning, siteOf } from './site-data';

export const LOCAL_STORAGE_KIND = 'browser-local-storage';

export const localStorageDir = (profile: Pick<BrowserProfile, 'folder'>): string =>
  join(profile.folder, 'Local Storage', 'leveldb');

/** The origin a Chromium Local Storage key belongs to, and whether it is an item (not metadata). */
export function originOfKey(key: string): { origin: string; item: boolean } | null {
  if (key.startsWith('_')) {
    const end = key.indexOf('\0');
    return end > 1 ? { origin: key.slice(1, end), item: true } : null;
  }
  for (const prefix of ['METAACCESS:', 'META:']) {
    if (key.startsWith(prefix)) return { origin: key.slice(prefix.length), item: false };
  }
  return null;
}

/** The host of a serialized storage key (`scheme://host[:port]`, maybe `/^0…` after it), or null. */
export function hostOfOrigin(origin: string): string | null {
  const own = origin.split('^')[0] ?? '';
  try {
    const url = new URL(own);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.hostname.replace(/^\[|\]$/g, '');
  } catch {
    return null;
  }
}

export interface LocalStorageMatch {
  /** The matching origins, sorted. */
  origins: string[];
  /** How many localStorage items (not metadata records) they hold. */
  items: number;
  /** Every key to delete: items and metadata. */
  keys: Uint8Array[];
}

export function matchLocalStorage(state: Pick<LevelDbState, 'keys'>, sites: readonly string[]): LocalStorageMatch {
  const origins = new Set<string>();
  const keys: Uint8Array[] = [];
  let items = 0;
  for (const [id, bytes] of state.keys) {
    const of = originOfKey(id);
    if (!of) continue;
    const host = hostOfOrigin(of.origin);
    if (host === null || siteOf(host, sites) === null) continue;
    origins.add(of.origin);
    keys.push(bytes);
    if (of.item) items += 1;
  }
  return { origins: [...origins].sort(), items, keys };
}

async function exists(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** Reads the database; its damage or oddity becomes one sentence naming the browser. */
async function readGuarded(profile: BrowserProfile, limits?: LevelDbLimits): Promise<LevelDbState> {
  try {
    return await readLevelDb(localStorageDir(profile), limits);
  } catch (error) {
    if (!(error instanceof LevelDbError) && !(error instanceof Error && 'code' in error)) throw error;
    throw new AppFailure(
      'browsers-unreadable',
      `The Local Storage of ${profile.browserName} (${profile.name}) is damaged or not as expected, so it was left alone.`,
      { cause: error },
    );
  }
}

/** The sites' Local Storage origins and items in a Chromium profile (none when it has no Local Storage). */
export async function countLocalStorage(
  profile: BrowserProfile,
  sites: readonly string[],
  limits?: LevelDbLimits,
): Promise<LocalStorageMatch> {
  if (profile.family !== 'chromium' || !(await exists(localStorageDir(profile)))) {
    return { origins: [], items: 0, keys: [] };
  }
  return matchLocalStorage(await readGuarded(profile, limits), sites);
}

export interface LocalStorageClearDeps {
  journal: Journal;
  /** Re-reads whether the browser runs, just before the log is written. */
  stillRunning(profile: BrowserProfile): Promise<boolean>;
  limits?: LevelDbLimits;
}

export interface LocalStorageCleared {
  origins: string[];
  items: number;
  /** The journal entry holding the database as it was, or null when nothing matched. */
  backupId: string | null;
}

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

export interface PreparedLocalStorageClear {
  origins: string[];
  items: number;
  /** Every file of the database: backed up before `apply`. */
  files: string[];
  /**
   * Appends the deletion batch (after checking the log is byte for byte as read) and reads the database
   * back; throws when anything differs, so the caller's journal puts the files back.
   */
  apply(): Promise<void>;
}

/** Reads the database and plans the removal; null when the profile holds none of the sites' keys. */
export async function prepareLocalStorageClear(
  profile: BrowserProfile,
  sites: readonly string[],
  limits?: LevelDbLimits,
): Promise<PreparedLocalStorageClear | null> {
  assertNotRunning(profile);
  if (profile.family !== 'chromium' || !(await exists(localStorageDir(profile)))) return null;
  const state = await readGuarded(profile, limits);
  const match = matchLocalStorage(state, sites);
  if (match.keys.length === 0) return null;
  const log = state.log;
  if (!log || log.tornTail) {
    throw new AppFailure(
      'browsers-unsettled',
      sentences(
        `${profile.browserName} has not finished saving its Local Storage`,
        `Open and close ${profile.browserName} once, then try again; nothing was changed`,
      ),
    );
  }
  const logBefore = sha256(await readFile(log.path));
  const record = frameLogRecord(deletionBatch(state.lastSequence + 1n, match.keys), log.size);
  const apply = async () => {
    const handle = await open(log.path, 'r+');
    try {
      const now = await handle.readFile();
      if (now.length !== log.size || sha256(now) !== logBefore) {
        throw new AppFailure(
          'browsers-changed',
          `${profile.browserName} changed its Local Storage meanwhile, so nothing was changed.`,
        );
      }
      await handle.write(record, 0, record.length, log.size);
      await handle.sync();
    } finally {
      await handle.close();
    }
    // Read back as Chromium will: the site's keys gone, every other key still there.
    const after = await readGuarded(profile, limits);
    const left = matchLocalStorage(after, sites);
    if (left.keys.length !== 0 || after.keys.size !== state.keys.size - match.keys.length) {
      throw new AppFailure('browsers-integrity', 'The cleaned Local Storage failed its check, so nothing was changed.');
    }
  };
  return { origins: match.origins, items: match.items, files: state.files, apply };
}

/** Deletes the sites' Local Storage from a Chromium profile on its own journal entry. */
export async function clearLocalStorage(
  profile: BrowserProfile,
  sites: readonly string[],
  deps: LocalStorageClearDeps,
): Promise<LocalStorageCleared> {
  const prepared = await prepareLocalStorageClear(profile, sites, deps.limits);
  if (!prepared) return { origins: [], items: 0, backupId: null };
  const description = `Clear ${sites.join(', ')} Local Storage (${profile.browserName}, ${profile.name})`;
  const { entry } = await journaled(
    deps.journal,
    () => deps.journal.backupFiles(LOCAL_STORAGE_KIND, description, prepared.files),
    async () => {
      if (await deps.stillRunning(profile)) assertNotRunning({ ...profile, running: true });
      await prepared.apply();
    },
  );
  return { origins: prepared.origins, items: prepared.items, backupId: entry.id };
}
