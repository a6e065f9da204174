/**
 * The LevelDB reader on hostile input (truncated, bad checksums, huge lengths, bad Snappy, random
 * damage): each ends with a LevelDbError, never a hang or a huge allocation; and a small database built
 * here in LevelDB's formats (MANIFEST, log, batches) reads back, deletions and sequences applied.
 * Chromium's own files are read in tests/world/local-storage.test.ts.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hostOfOrigin, matchLocalStorage, originOfKey } from '../../../electron/services/browsers/local-storage';
import {
  crc32c,
  deletionBatch,
  frameLogRecord,
  LevelDbError,
  LOG_BLOCK,
  putVarint,
  readLogRecords,
  readTable,
  readWriteBatch,
  snappyDecompress,
} from '../../../electron/services/browsers/local-storage-format';
import { readLevelDb } from '../../../electron/services/browsers/local-storage-leveldb';
import { prng } from '../../support/prng';

const bytes = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));
const MAX = 1024 * 1024;

function putBatch(sequence: bigint, entries: [string, string][]): Uint8Array {
  const body: number[] = [];
  for (const [k, v] of entries) {
    body.push(1);
    putVarint(body, k.length);
    body.push(...bytes(k));
    putVarint(body, v.length);
    body.push(...bytes(v));
  }
  const out = new Uint8Array(12 + body.length);
  new DataView(out.buffer).setBigUint64(0, sequence, true);
  new DataView(out.buffer).setUint32(8, entries.length, true);
  out.set(body, 12);
  return out;
}

function appendRecords(records: Uint8Array[]): Uint8Array {
  let file: Uint8Array = new Uint8Array(0);
  for (const r of records) file = Buffer.concat([file, frameLogRecord(r, file.length)]);
  return file;
}

describe('checksums and Snappy', () => {
  it('computes CRC32C as LevelDB does', () => {
    expect(crc32c(bytes('123456789'))).toBe(0xe3069283);
  });

  it('decodes literals and overlapping copies, and refuses bad blocks at once', () => {
    // "abcabcabcabc": literal "abc" then a copy of 9 bytes at offset 3 (1-byte-offset form).
    const good = new Uint8Array([12, 0x08, 97, 98, 99, ((9 - 4) << 2) | 1, 3]);
    expect(Buffer.from(snappyDecompress(good, MAX)).toString()).toBe('abcabcabcabc');
    const bad = [
      new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f]), // stated length over the bound
      new Uint8Array([4, ((4 - 4) << 2) | 1, 1]), // copy before any output
      new Uint8Array([2, 0x08, 97, 98, 99]), // literal past the stated length
      new Uint8Array([5, 0x08, 97]), // literal cut short
      new Uint8Array([6, 0x08, 97, 98, 99]), // shorter than stated
      new Uint8Array([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80]), // endless varint
    ];
    for (const b of bad) expect(() => snappyDecompress(b, MAX)).toThrow(LevelDbError);
  });
});

describe('log records', () => {
  it('frames records across blocks as LevelDB does and reads them back', () => {
    const big = new Uint8Array(3 * LOG_BLOCK + 123).map((_, i) => i % 251);
    const file = appendRecords([bytes('first'), big, bytes('x'.repeat(LOG_BLOCK - 30))]);
    const reading = readLogRecords(file, 'log', 8 * LOG_BLOCK);
    expect(reading.tornTail).toBe(false);
    expect(reading.records.map((r) => r.length)).toEqual([5, big.length, LOG_BLOCK - 30]);
    expect(reading.records[1]).toEqual(big);
  });

  it('calls a record cut short at the end torn, as LevelDB drops it', () => {
    const file = appendRecords([bytes('kept'), new Uint8Array(2 * LOG_BLOCK)]);
    for (const cut of [file.length - 1, 20, 40_000]) {
      const reading = readLogRecords(file.subarray(0, cut), 'log', MAX);
      expect(reading.tornTail, String(cut)).toBe(true);
      expect(reading.records.map((r) => r.length)).toEqual([4]);
    }
  });

  it('refuses a wrong checksum and a length longer than its block', () => {
    const file = appendRecords([bytes('hello'), bytes('world')]);
    const flipped = Uint8Array.from(file);
    flipped[9] = (flipped[9] as number) ^ 1;
    expect(() => readLogRecords(flipped, 'log', MAX)).toThrow(/checksum/);
    const huge = new Uint8Array(LOG_BLOCK * 2);
    huge.set([0, 0, 0, 0, 0xff, 0xff, 1]);
    expect(() => readLogRecords(huge, 'log', MAX)).toThrow(/longer than its block/);
  });

  it('refuses batches whose count or lengths lie', () => {
    const ok = deletionBatch(7n, [bytes('a'), bytes('bb')]);
    expect(readWriteBatch(ok, 'log', 10).map((m) => [m.sequence, m.deleted])).toEqual([
      [7n, true],
      [8n, true],
    ]);
    const lying = Uint8Array.from(ok);
    new DataView(lying.buffer).setUint32(8, 0xffffffff, true);
    expect(() => readWriteBatch(lying, 'log', 1000)).toThrow(LevelDbError);
    expect(() => readWriteBatch(ok.subarray(0, ok.length - 1), 'log', 10)).toThrow(LevelDbError);
    expect(() => readWriteBatch(new Uint8Array(5), 'log', 10)).toThrow(LevelDbError);
  });
});

describe('tables', () => {
  it('refuses what is not a table or whose blocks lie', () => {
    expect(() => readTable(new Uint8Array(10), 't', { maxBlock: MAX, maxEntries: 10 })).toThrow(LevelDbError);
    const fake = new Uint8Array(100);
    // A footer with the magic but an index block far outside the file.
    const footer: number[] = [0, 0];
    putVarint(footer, 1e12);
    putVarint(footer, 10);
    fake.set(footer, 52);
    fake.set([0x57, 0xfb, 0x80, 0x8b, 0x24, 0x75, 0x47, 0xdb], 92);
    expect(() => readTable(fake, 't', { maxBlock: MAX, maxEntries: 10 })).toThrow(/outside the file/);
  });
});

/** A database in LevelDB's layout: CURRENT, a MANIFEST with one version edit, one log. */
function makeDb(logRecords: Uint8Array[]): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'ad-ldb-')), 'leveldb');
  mkdirSync(dir);
  const edit: number[] = [1];
  const comparator = 'leveldb.BytewiseComparator';
  putVarint(edit, comparator.length);
  edit.push(...bytes(comparator));
  edit.push(2, 3, 3, 4, 4, 5); // log number 3, next file 4, last sequence 5
  writeFileSync(join(dir, 'CURRENT'), 'MANIFEST-000001\n');
  writeFileSync(join(dir, 'MANIFEST-000001'), appendRecords([new Uint8Array(edit)]));
  writeFileSync(join(dir, '000003.log'), appendRecords(logRecords));
  return dir;
}

describe('readLevelDb', () => {
  it('applies batches in sequence order: newest wins, deletions hide keys', async () => {
    const dir = makeDb([
      putBatch(6n, [
        ['_http://a.test\0\x01k', 'v'],
        ['_http://b.test\0\x01k', 'v'],
        ['META:http://a.test', 'm'],
      ]),
      deletionBatch(9n, [bytes('_http://b.test\0\x01k')]),
      putBatch(10n, [['VERSION', '1']]),
    ]);
    const state = await readLevelDb(dir);
    expect([...state.keys.keys()].sort()).toEqual(['META:http://a.test', 'VERSION', '_http://a.test\0\x01k']);
    expect(state.lastSequence).toBe(10n);
    expect(state.log?.tornTail).toBe(false);
    expect(state.files.map((f) => f.slice(dir.length + 1))).toEqual(['CURRENT', 'MANIFEST-000001', '000003.log']);
  });

  it('refuses a CURRENT that names no MANIFEST, and a damaged MANIFEST', async () => {
    const dir = makeDb([]);
    writeFileSync(join(dir, 'CURRENT'), '../../etc/passwd\n');
    await expect(readLevelDb(dir)).rejects.toThrow(LevelDbError);
    writeFileSync(join(dir, 'CURRENT'), 'MANIFEST-000001\n');
    writeFileSync(join(dir, 'MANIFEST-000001'), appendRecords([new Uint8Array([7, 0, 9])]));
    await expect(readLevelDb(dir)).rejects.toThrow(LevelDbError);
  });

  it('refuses a database over its byte bound before reading it', async () => {
    const dir = makeDb([putBatch(6n, [['k', 'x'.repeat(5000)]])]);
    await expect(readLevelDb(dir, { maxFiles: 10, maxBytes: 1000, maxBlock: MAX, maxEntries: 10 })).rejects.toThrow(
      /larger than allowed/,
    );
  });

  it('ends every randomly damaged log with keys or a LevelDbError', async () => {
    const good = appendRecords([
      putBatch(6n, [['_http://a.test\0\x01k', 'v'.repeat(40_000)]]),
      deletionBatch(7n, [bytes('x')]),
    ]);
    const random = prng(7);
    for (let i = 0; i < 300; i++) {
      const damaged = Uint8Array.from(good);
      for (let j = 0; j < 1 + Math.floor(random() * 4); j++) {
        damaged[Math.floor(random() * damaged.length)] = Math.floor(random() * 256);
      }
      const cut = damaged.subarray(0, Math.floor(random() * damaged.length) + 1);
      try {
        const reading = readLogRecords(cut, 'log', MAX);
        for (const r of reading.records) readWriteBatch(r, 'log', 1000);
      } catch (error) {
        expect(error).toBeInstanceOf(LevelDbError);
      }
    }
  });
});

describe('Chromium Local Storage keys', () => {
  it('names each key’s origin and matches hosts, never suffixes', () => {
    expect(originOfKey('_https://auth.chatgpt.com\0\x01k')).toEqual({ origin: 'https://auth.chatgpt.com', item: true });
    expect(originOfKey('META:https://chatgpt.com')).toEqual({ origin: 'https://chatgpt.com', item: false });
    expect(originOfKey('METAACCESS:https://chatgpt.com')).toEqual({ origin: 'https://chatgpt.com', item: false });
    expect(originOfKey('VERSION')).toBeNull();
    expect(hostOfOrigin('https://chatgpt.com/^0https://other.test')).toBe('chatgpt.com');
    expect(hostOfOrigin('http://[::1]:8080')).toBe('::1');
    expect(hostOfOrigin('chrome-extension://abc')).toBeNull();
    const keys = [
      '_https://chatgpt.com\0\x01a',
      '_https://auth.chatgpt.com:8443\0\x00a\x00',
      'META:https://chatgpt.com',
      '_https://notchatgpt.com\0\x01a',
      '_https://chatgpt.com.evil.test\0\x01a',
      'META:https://notchatgpt.com',
      'VERSION',
    ];
    const match = matchLocalStorage({ keys: new Map(keys.map((k) => [k, bytes(k)])) }, ['chatgpt.com']);
    expect(match.origins).toEqual(['https://auth.chatgpt.com:8443', 'https://chatgpt.com']);
    expect(match.items).toBe(2);
    expect(match.keys.length).toBe(3);
  });
});
