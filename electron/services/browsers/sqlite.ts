/**
 * SQLite for browser cookie files, through sql.js (SQLite compiled to WebAssembly). Why sql.js and not a
 * native binding: nothing to compile, and no ABI to match between Node (the CLI, the tests) and
 * Electron's own Node (the app) — the same bytes run in both.
 *
 * A database is read whole into memory from bytes the caller has bounded, changed there, and written
 * back by the caller as a new file (temp + rename). sql.js never opens the browser's file itself, so it
 * cannot take or leave a lock on it.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { AppFailure } from '../../core/errors';

/** The part of sql.js this module uses (the package ships no types). */
export interface SqlStatement {
  bind(values: SqlValue[]): boolean;
  step(): boolean;
  get(): SqlValue[];
  reset(): void;
  free(): boolean;
}

export type SqlValue = number | string | Uint8Array | null | bigint;

export interface SqlDatabase {
  exec(sql: string): { columns: string[]; values: SqlValue[][] }[];
  run(sql: string, params?: SqlValue[]): void;
  prepare(sql: string): SqlStatement;
  export(): Uint8Array;
  close(): void;
  getRowsModified(): number;
}

interface SqlJs {
  Database: new (data?: Uint8Array) => SqlDatabase;
}

type InitSqlJs = (config: { wasmBinary: Uint8Array }) => Promise<SqlJs>;

let loading: Promise<SqlJs> | undefined;

function load(): Promise<SqlJs> {
  loading ??= (async () => {
    const require = createRequire(import.meta.url);
    const init = require('sql.js') as InitSqlJs;
    // The wasm is handed over as bytes, so the bundled CLI and the app find it wherever sql.js is installed.
    const wasmBinary = await readFile(require.resolve('sql.js/dist/sql-wasm.wasm'));
    return init({ wasmBinary });
  })();
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}

/** Bytes 18 and 19 of the header: 1 = rollback journal, 2 = WAL. */
const WRITE_VERSION = 18;
const READ_VERSION = 19;

export interface OpenedDatabase {
  db: SqlDatabase;
  /** Whether the file was in WAL mode (kept so the written file stays in it). */
  wal: boolean;
}

/** Opens a copy of a database file's bytes in memory; throws a sentence if they are not SQLite. */
export async function openDatabase(bytes: Uint8Array, what: string): Promise<OpenedDatabase> {
  const sql = await load();
  if (bytes.length < 100 || new TextDecoder().decode(bytes.subarray(0, 15)) !== 'SQLite format 3') {
    throw new AppFailure('browsers-not-sqlite', `${what} is not a SQLite database, so it was left alone.`);
  }
  const copy = new Uint8Array(bytes);
  const wal = copy[WRITE_VERSION] === 2 || copy[READ_VERSION] === 2;
  // The caller has made sure the WAL is empty, so the main file is the whole database: read it as a
  // rollback-journal database (the in-memory file system has no shared memory for WAL).
  if (wal) {
    copy[WRITE_VERSION] = 1;
    copy[READ_VERSION] = 1;
  }
  try {
    const db = new sql.Database(copy);
    db.exec('PRAGMA query_only = 0');
    return { db, wal };
  } catch (error) {
    throw new AppFailure('browsers-not-sqlite', `${what} cannot be read as a SQLite database, so it was left alone.`, {
      cause: error,
    });
  }
}

/** The database's bytes, with its journal mode as it was on disk. */
export function exportDatabase(opened: OpenedDatabase): Uint8Array {
  const out = opened.db.export();
  if (opened.wal) {
    out[WRITE_VERSION] = 2;
    out[READ_VERSION] = 2;
  }
  return out;
}

/** `PRAGMA integrity_check`: true when SQLite answers `ok`. */
export function integrityOk(db: SqlDatabase): boolean {
  const rows = db.exec('PRAGMA integrity_check');
  return rows.length === 1 && rows[0]?.values.length === 1 && rows[0].values[0]?.[0] === 'ok';
}

/** Whether a table exists and has every one of these columns. */
export function hasColumns(db: SqlDatabase, table: string, columns: string[]): boolean {
  const stmt = db.prepare('SELECT name FROM pragma_table_info(?)');
  const names = new Set<string>();
  try {
    stmt.bind([table]);
    while (stmt.step()) {
      const name = stmt.get()[0];
      if (typeof name === 'string') names.add(name);
    }
  } finally {
    stmt.free();
  }
  return columns.every((c) => names.has(c));
}
