/**
 * Reads a LevelDB directory's live keys without LevelDB: CURRENT names the MANIFEST, whose version edits
 * give the live tables, the log number and the last sequence; the tables and then the logs (in file
 * order) are read and, for each key, the entry with the highest sequence wins; a deletion hides the key.
 * Only keys are kept (values are skipped), bounded in files, bytes and entries.
 */
import { lstat, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  LevelDbError,
  type Mutation,
  readLogRecords,
  readTable,
  readVersionEdit,
  readWriteBatch,
  type VersionEdit,
} from './local-storage-format';

export interface LevelDbLimits {
  /** Files in the directory. */
  maxFiles: number;
  /** Bytes of all files read together. */
  maxBytes: number;
  /** One decompressed block, one assembled log record. */
  maxBlock: number;
  /** Entries (keys and deletions) over all files. */
  maxEntries: number;
}

export const DEFAULT_LIMITS: LevelDbLimits = {
  maxFiles: 2000,
  maxBytes: 256 * 1024 * 1024,
  maxBlock: 64 * 1024 * 1024,
  maxEntries: 2_000_000,
};

export interface LevelDbState {
  dir: string;
  /** Live keys (as latin1 strings: one char per byte, lossless) → the key's bytes. */
  keys: Map<string, Uint8Array>;
  /** The highest sequence number in use: a new batch takes the next one. */
  lastSequence: bigint;
  /** The log a new batch is appended to (the newest live one), its size, and whether it ends torn. */
  log: { path: string; size: number; tornTail: boolean } | null;
  /** Every file LevelDB keeps state in (CURRENT, MANIFEST, tables, logs): what a backup must hold. */
  files: string[];
}

const BYTEWISE = 'leveldb.BytewiseComparator';

const fileNumber = (name: string, ext: RegExp): number | null => {
  const m = ext.exec(name);
  return m ? Number(m[1]) : null;
};

export async function readLevelDb(dir: string, limits: LevelDbLimits = DEFAULT_LIMITS): Promise<LevelDbState> {
  let budget = limits.maxBytes;
  const read = async (name: string): Promise<Uint8Array> => {
    const path = join(dir, name);
    const info = await lstat(path);
    if (!info.isFile()) throw new LevelDbError(`${name} is not a plain file`);
    if (info.size > budget) throw new LevelDbError('The database is larger than allowed');
    const bytes = await readFile(path);
    budget -= bytes.length;
    return bytes;
  };
  const names = await readdir(dir);
  if (names.length > limits.maxFiles) throw new LevelDbError('The database has more files than allowed');

  const current = Buffer.from(await read('CURRENT')).toString('latin1');
  const manifestName = /^(MANIFEST-\d{1,12})\n$/.exec(current)?.[1];
  if (!manifestName) throw new LevelDbError('CURRENT does not name a MANIFEST');
  const manifest = readLogRecords(await read(manifestName), manifestName, limits.maxBlock);
  const live = new Set<number>();
  let logNumber = 0;
  let prevLogNumber = 0;
  let lastSequence = 0n;
  for (const record of manifest.records) {
    const edit: VersionEdit = readVersionEdit(record, manifestName);
    if (edit.comparator !== undefined && edit.comparator !== BYTEWISE) {
      throw new LevelDbError('The database is sorted in an order Access Doctor does not know');
    }
    for (const d of edit.deleted) live.delete(d.number);
    for (const a of edit.added) live.add(a.number);
    if (edit.logNumber !== undefined) logNumber = edit.logNumber;
    if (edit.prevLogNumber !== undefined) prevLogNumber = edit.prevLogNumber;
    if (edit.lastSequence !== undefined) lastSequence = edit.lastSequence;
  }

  const tables = new Map<number, string>();
  const logs: { number: number; name: string }[] = [];
  for (const name of names) {
    const t = fileNumber(name, /^(\d{1,12})\.(?:ldb|sst)$/);
    if (t !== null && live.has(t)) tables.set(t, name);
    const l = fileNumber(name, /^(\d{1,12})\.log$/);
    if (l !== null && (l >= logNumber || l === prevLogNumber)) logs.push({ number: l, name });
  }
  for (const t of live) if (!tables.has(t)) throw new LevelDbError('A table the database lists is missing');
  logs.sort((a, b) => a.number - b.number);

  const newest = new Map<string, Mutation>();
  let entries = 0;
  const apply = (mutations: Mutation[]) => {
    entries += mutations.length;
    if (entries > limits.maxEntries) throw new LevelDbError('The database has more entries than allowed');
    for (const m of mutations) {
      const id = Buffer.from(m.key).toString('latin1');
      const seen = newest.get(id);
      if (!seen || m.sequence > seen.sequence) newest.set(id, m);
      if (m.sequence > lastSequence) lastSequence = m.sequence;
    }
  };
  for (const name of tables.values()) {
    apply(readTable(await read(name), name, { maxBlock: limits.maxBlock, maxEntries: limits.maxEntries }));
  }
  let log: LevelDbState['log'] = null;
  for (const { name } of logs) {
    const bytes = await read(name);
    const reading = readLogRecords(bytes, name, limits.maxBlock);
    for (const record of reading.records) apply(readWriteBatch(record, name, limits.maxEntries));
    log = { path: join(dir, name), size: bytes.length, tornTail: reading.tornTail };
  }

  const keys = new Map<string, Uint8Array>();
  for (const [id, m] of newest) if (!m.deleted) keys.set(id, m.key);
  const files = ['CURRENT', manifestName, ...tables.values(), ...logs.map((l) => l.name)].map((n) => join(dir, n));
  return { dir, keys, lastSequence, log, files };
}
