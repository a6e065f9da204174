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

/** The page cache of an opened database, at most (KiB). */
const MAX_CACHE_KIB = 64 * 1024;

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
  // sql.js may keep the array it is given as its file, so writes would land in it: it gets a copy, and
  // the caller's bytes stay as read (the clear compares them with the file before replacing it).
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
    // A page cache as large as the file (bounded): every page then crosses from sql.js's in-memory file
    // system into SQLite once, not once per pass (counting, deleting, checking). The rollback journal of
    // this throw-away copy stays in SQLite's memory: written to sql.js's file system it is regrown and
    // copied page by page. Neither changes the file's format.
    const cacheKiB = Math.min(Math.ceil(copy.length / 1024) + 1024, MAX_CACHE_KIB);
    db.exec(`PRAGMA query_only = 0; PRAGMA cache_size = -${cacheKiB}; PRAGMA journal_mode = MEMORY`);
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

/**
 * `PRAGMA quick_check`: true when SQLite answers `ok`. It checks every page, the free list and every
 * record's format, but not that each index entry matches its row (`integrity_check` does that too, at
 * four times the cost: ~90 ms on a 50,000-cookie file even in native SQLite); `indexesAgree` covers what
 * a delete can get wrong there.
 */
export function quickCheckOk(db: SqlDatabase): boolean {
  const rows = db.exec('PRAGMA quick_check');
  return rows.length === 1 && rows[0]?.values.length === 1 && rows[0].values[0]?.[0] === 'ok';
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** One number from a query that answers one (`SELECT count(*) …`), or null. */
function single(db: SqlDatabase, sql: string): number | null {
  const value = db.exec(sql)[0]?.values[0]?.[0];
  return typeof value === 'number' ? value : null;
}

/**
 * Whether the table and every full index on it hold exactly `rows` entries. A row deleted from the table
 * but not from an index (or the reverse) shows here; counting is cheap (no record is decoded).
 */
export function indexesAgree(db: SqlDatabase, table: string, rows: number): boolean {
  if (rowCount(db, table) !== rows) return false;
  const indexes = db.exec(`SELECT name FROM pragma_index_list(${sqlText(table)}) WHERE partial = 0`)[0]?.values ?? [];
  for (const [name] of indexes) {
    if (typeof name !== 'string') return false;
    if (single(db, `SELECT count(*) FROM ${quoted(table)} INDEXED BY ${quoted(name)}`) !== rows) return false;
  }
  return true;
}

const sqlText = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** Whether a full index on the table has this column first, so the column's values can be found by seeks. */
function leadingIndex(db: SqlDatabase, table: string, column: string): boolean {
  const stmt = db.prepare(
    'SELECT 1 FROM pragma_index_list(?1) AS l, pragma_index_info(l.name) AS i WHERE l.partial = 0 AND i.seqno = 0 AND i.name = ?2',
  );
  try {
    stmt.bind([table, column]);
    return stmt.step();
  } finally {
    stmt.free();
  }
}

/**
 * Each distinct value of a column, except NULL. With an index led by the column (Chromium's `host_key`),
 * one seek per value (`min(…) WHERE … > previous`) instead of a pass over every row: a few hundred seeks
 * against 50,000 rows. Otherwise SQLite sorts the column once (`SELECT DISTINCT`).
 */
export function distinctValues(db: SqlDatabase, table: string, column: string): SqlValue[] {
  const t = quoted(table);
  const c = quoted(column);
  const sql = leadingIndex(db, table, column)
    ? `WITH RECURSIVE v(x) AS (SELECT (SELECT min(${c}) FROM ${t}) UNION ALL SELECT (SELECT min(${c}) FROM ${t} WHERE ${c} > v.x) FROM v WHERE v.x IS NOT NULL) SELECT x FROM v WHERE x IS NOT NULL`
    : `SELECT DISTINCT ${c} FROM ${t} WHERE ${c} IS NOT NULL`;
  const stmt = db.prepare(sql);
  const out: SqlValue[] = [];
  try {
    while (stmt.step()) out.push(stmt.get()[0] ?? null);
  } finally {
    stmt.free();
  }
  return out;
}

/** Values bound per statement (SQLite allows far more; a few hundred keeps each statement small). */
const VALUES_PER_STATEMENT = 200;

function* chunksOf(values: readonly string[]): Generator<{ chunk: string[]; list: string }> {
  for (let i = 0; i < values.length; i += VALUES_PER_STATEMENT) {
    const chunk = values.slice(i, i + VALUES_PER_STATEMENT);
    yield { chunk, list: chunk.map(() => '?').join(',') };
  }
}

/** How many rows hold one of these text values in the column. */
export function countIn(db: SqlDatabase, table: string, column: string, values: readonly string[]): number {
  let rows = 0;
  for (const { chunk, list } of chunksOf(values)) {
    const stmt = db.prepare(`SELECT count(*) FROM ${quoted(table)} WHERE ${quoted(column)} IN (${list})`);
    try {
      stmt.bind(chunk);
      const value = stmt.step() ? stmt.get()[0] : null;
      rows += typeof value === 'number' ? value : Number.NaN;
    } finally {
      stmt.free();
    }
  }
  return rows;
}

/** Deletes the rows holding one of these text values in the column; how many were deleted. */
export function deleteIn(db: SqlDatabase, table: string, column: string, values: readonly string[]): number {
  let rows = 0;
  for (const { chunk, list } of chunksOf(values)) {
    db.run(`DELETE FROM ${quoted(table)} WHERE ${quoted(column)} IN (${list})`, chunk);
    rows += db.getRowsModified();
  }
  return rows;
}

/** The table's row count, read from the table itself (not from an index). */
export function rowCount(db: SqlDatabase, table: string): number | null {
  return single(db, `SELECT count(*) FROM ${quoted(table)} NOT INDEXED`);
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
