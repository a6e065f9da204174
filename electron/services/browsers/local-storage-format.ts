/**
 * The byte formats under a LevelDB directory, decoded from untrusted files: CRC32C (masked, as LevelDB
 * stores it), varints, Snappy blocks, the log's 32 KiB blocks of records, write batches, version edits
 * and sorted tables. Every reader consumes input on each step and checks each length against what is
 * left and against a fixed bound, so hostile input ends with a `LevelDbError`, never a long loop or a
 * huge allocation. Written from LevelDB's format notes (log_format.md, table_format.md) and Snappy's
 * format description.
 */

export class LevelDbError extends Error {
  override name = 'LevelDbError';
}

const fail = (what: string): never => {
  throw new LevelDbError(what);
};

// ─── CRC32C ────────────────────────────────────────────────────────────────────────────────────────

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32c(...parts: Uint8Array[]): number {
  let crc = 0xffffffff;
  for (const part of parts) {
    for (let i = 0; i < part.length; i++) crc = (CRC_TABLE[(crc ^ (part[i] as number)) & 0xff] as number) ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** LevelDB stores a rotated CRC, so a CRC of data that itself holds CRCs does not degenerate. */
export const maskCrc = (crc: number): number => (((crc >>> 15) | (crc << 17)) + 0xa282ead8) >>> 0;

// ─── Cursor ────────────────────────────────────────────────────────────────────────────────────────

/** Reads forward through bytes; every read checks what is left. */
export class Cursor {
  pos = 0;
  constructor(
    readonly bytes: Uint8Array,
    private readonly what: string,
  ) {}

  get left(): number {
    return this.bytes.length - this.pos;
  }

  take(n: number): Uint8Array {
    if (!Number.isSafeInteger(n) || n < 0 || n > this.left) fail(`${this.what}: a length runs past its end`);
    const out = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  byte(): number {
    return this.take(1)[0] as number;
  }

  /** A varint of at most 64 bits, as a number when it fits (lengths, counts) or a bigint. */
  varintBig(): bigint {
    let result = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      const b = this.byte();
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result;
    }
    return fail(`${this.what}: a number is too long`);
  }

  varint(): number {
    const v = this.varintBig();
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) fail(`${this.what}: a number is too large`);
    return Number(v);
  }

  /** A length-prefixed byte string. */
  slice(): Uint8Array {
    return this.take(this.varint());
  }

  fixed32(): number {
    const b = this.take(4);
    return ((b[0] as number) | ((b[1] as number) << 8) | ((b[2] as number) << 16) | ((b[3] as number) << 24)) >>> 0;
  }

  fixed64(): bigint {
    const lo = BigInt(this.fixed32());
    const hi = BigInt(this.fixed32());
    return (hi << 32n) | lo;
  }
}

export function putVarint(out: number[], value: number): void {
  let v = value;
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
}

export function fixed64Bytes(value: bigint): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, value, true);
  return out;
}

// ─── Snappy ────────────────────────────────────────────────────────────────────────────────────────

/**
 * Decompresses one Snappy block (the raw format, no framing): a varint length, then literals and
 * back-references. The output is allocated once at the stated length, which must be within `max`; every
 * element is checked against the input left, the output left and the bytes already written.
 */
export function snappyDecompress(input: Uint8Array, max: number): Uint8Array {
  const c = new Cursor(input, 'A compressed block');
  const length = c.varint();
  if (length > max) fail('A compressed block is larger than allowed');
  const out = new Uint8Array(length);
  let o = 0;
  while (c.left > 0) {
    const tag = c.byte();
    const kind = tag & 3;
    if (kind === 0) {
      let n = tag >>> 2;
      if (n >= 60) {
        const extra = c.take(n - 59);
        n = 0;
        for (let i = extra.length - 1; i >= 0; i--) n = n * 256 + (extra[i] as number);
      }
      n += 1;
      if (n > length - o) fail('A compressed block writes past its stated length');
      out.set(c.take(n), o);
      o += n;
      continue;
    }
    let n: number;
    let offset: number;
    if (kind === 1) {
      n = ((tag >>> 2) & 7) + 4;
      offset = ((tag >>> 5) << 8) | c.byte();
    } else if (kind === 2) {
      n = (tag >>> 2) + 1;
      const b = c.take(2);
      offset = (b[0] as number) | ((b[1] as number) << 8);
    } else {
      n = (tag >>> 2) + 1;
      offset = new Cursor(c.take(4), 'A compressed block').fixed32();
    }
    if (offset === 0 || offset > o) fail('A compressed block refers to bytes before its start');
    if (n > length - o) fail('A compressed block writes past its stated length');
    // Byte by byte: a copy may overlap the bytes it produces (a run).
    for (let i = 0; i < n; i++, o++) out[o] = out[o - offset] as number;
  }
  if (o !== length) fail('A compressed block is shorter than its stated length');
  return out;
}

// ─── Log files (the write-ahead log and the MANIFEST) ──────────────────────────────────────────────

export const LOG_BLOCK = 32 * 1024;
export const LOG_HEADER = 7;
const FULL = 1;
const FIRST = 2;
const MIDDLE = 3;
const LAST = 4;

export interface LogReading {
  records: Uint8Array[];
  /**
   * The file ends in a record cut short (a writer that stopped mid-write). LevelDB drops it at open;
   * anything appended after it would be read as part of it, so such a log is not written to.
   */
  tornTail: boolean;
}

/**
 * The whole records of a log file. A checksum or framing error before the end is damage and throws
 * (LevelDB would drop data there; the app does not guess). A record cut short at the very end is
 * dropped and reported as `tornTail`, as LevelDB's own reader treats it.
 */
export function readLogRecords(file: Uint8Array, what: string, maxRecord: number): LogReading {
  const records: Uint8Array[] = [];
  let pending: Uint8Array[] | null = null;
  let pendingSize = 0;
  let pos = 0;
  while (pos < file.length) {
    const inBlock = LOG_BLOCK - (pos % LOG_BLOCK);
    if (inBlock < LOG_HEADER) {
      // A block's last bytes too few for a header are padding.
      pos += inBlock;
      continue;
    }
    if (file.length - pos < LOG_HEADER) return { records, tornTail: true };
    const header = file.subarray(pos, pos + LOG_HEADER);
    const length = (header[4] as number) | ((header[5] as number) << 8);
    const type = header[6] as number;
    if (type === 0 && length === 0) {
      // Preallocated space (LevelDB skips the rest of the block).
      pos += inBlock;
      continue;
    }
    if (LOG_HEADER + length > inBlock) fail(`${what} has a record longer than its block`);
    if (pos + LOG_HEADER + length > file.length) return { records, tornTail: true };
    const data = file.subarray(pos + LOG_HEADER, pos + LOG_HEADER + length);
    const stored = new Cursor(header, what).fixed32();
    if (maskCrc(crc32c(header.subarray(6, 7), data)) !== stored) fail(`${what} has a record whose checksum is wrong`);
    pos += LOG_HEADER + length;
    if (type === FULL) {
      if (pending) fail(`${what} has a record that was never finished`);
      records.push(data);
    } else if (type === FIRST) {
      if (pending) fail(`${what} has a record that was never finished`);
      pending = [data];
      pendingSize = length;
    } else if (type === MIDDLE || type === LAST) {
      if (!pending) return fail(`${what} has a record part without its start`);
      pendingSize += length;
      if (pendingSize > maxRecord) fail(`${what} has a record larger than allowed`);
      pending.push(data);
      if (type === LAST) {
        records.push(concat(pending, pendingSize));
        pending = null;
      }
    } else {
      fail(`${what} has a record of unknown type`);
    }
  }
  return { records, tornTail: pending !== null };
}

function concat(parts: Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/**
 * One record framed for appending to a log whose size is `fileSize`: split over blocks as LevelDB's
 * writer does (a block's tail too short for a header is zero-padded first).
 */
export function frameLogRecord(record: Uint8Array, fileSize: number): Uint8Array {
  const out: Uint8Array[] = [];
  let offset = fileSize % LOG_BLOCK;
  let pos = 0;
  let first = true;
  do {
    const leftover = LOG_BLOCK - offset;
    if (leftover < LOG_HEADER) {
      out.push(new Uint8Array(leftover));
      offset = 0;
    }
    const avail = LOG_BLOCK - offset - LOG_HEADER;
    const n = Math.min(record.length - pos, avail);
    const end = pos + n === record.length;
    const type = first && end ? FULL : first ? FIRST : end ? LAST : MIDDLE;
    const data = record.subarray(pos, pos + n);
    const header = new Uint8Array(LOG_HEADER);
    const view = new DataView(header.buffer);
    header[6] = type;
    view.setUint16(4, n, true);
    view.setUint32(0, maskCrc(crc32c(header.subarray(6, 7), data)), true);
    out.push(header, data);
    offset += LOG_HEADER + n;
    pos += n;
    first = false;
  } while (pos < record.length);
  return concat(
    out,
    out.reduce((s, p) => s + p.length, 0),
  );
}

// ─── Write batches ─────────────────────────────────────────────────────────────────────────────────

export const TYPE_DELETION = 0;
export const TYPE_VALUE = 1;

export interface Mutation {
  key: Uint8Array;
  sequence: bigint;
  deleted: boolean;
}

/** A write batch: its sequence, its count, then each put (key, value) or deletion (key). */
export function readWriteBatch(record: Uint8Array, what: string, maxCount: number): Mutation[] {
  const c = new Cursor(record, what);
  if (record.length < 12) fail(`${what} has a batch too short to be one`);
  const sequence = c.fixed64();
  const count = c.fixed32();
  if (count > maxCount) fail(`${what} has a batch with more entries than allowed`);
  const out: Mutation[] = [];
  for (let i = 0; i < count; i++) {
    const tag = c.byte();
    const key = c.slice();
    if (tag === TYPE_VALUE) c.slice();
    else if (tag !== TYPE_DELETION) fail(`${what} has a batch entry of unknown kind`);
    out.push({ key, sequence: sequence + BigInt(i), deleted: tag === TYPE_DELETION });
  }
  if (c.left !== 0) fail(`${what} has a batch with bytes after its entries`);
  return out;
}

/** A batch of deletions, the way LevelDB records them: sequence, count, then tag 0 and each key. */
export function deletionBatch(sequence: bigint, keys: readonly Uint8Array[]): Uint8Array {
  const body: number[] = [];
  for (const key of keys) {
    body.push(TYPE_DELETION);
    putVarint(body, key.length);
    for (const b of key) body.push(b);
  }
  const out = new Uint8Array(12 + body.length);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, sequence, true);
  view.setUint32(8, keys.length, true);
  out.set(body, 12);
  return out;
}

// ─── Version edits (MANIFEST records) ──────────────────────────────────────────────────────────────

export interface VersionEdit {
  comparator?: string;
  logNumber?: number;
  prevLogNumber?: number;
  nextFile?: number;
  lastSequence?: bigint;
  added: { level: number; number: number }[];
  deleted: { level: number; number: number }[];
}

export function readVersionEdit(record: Uint8Array, what: string): VersionEdit {
  const c = new Cursor(record, what);
  const edit: VersionEdit = { added: [], deleted: [] };
  const level = () => {
    const l = c.varint();
    if (l >= 7) fail(`${what} names a level LevelDB does not have`);
    return l;
  };
  while (c.left > 0) {
    const tag = c.varint();
    switch (tag) {
      case 1:
        edit.comparator = Buffer.from(c.slice()).toString('latin1');
        break;
      case 2:
        edit.logNumber = c.varint();
        break;
      case 3:
        edit.nextFile = c.varint();
        break;
      case 4:
        edit.lastSequence = c.varintBig();
        break;
      case 5:
        level();
        c.slice();
        break;
      case 6:
        edit.deleted.push({ level: level(), number: c.varint() });
        break;
      case 7: {
        const l = level();
        const number = c.varint();
        c.varint(); // file size
        c.slice(); // smallest key
        c.slice(); // largest key
        edit.added.push({ level: l, number });
        break;
      }
      case 9:
        edit.prevLogNumber = c.varint();
        break;
      default:
        fail(`${what} has an entry of unknown kind`);
    }
  }
  return edit;
}

// ─── Sorted tables (.ldb, .sst) ────────────────────────────────────────────────────────────────────

const FOOTER = 48;
const TABLE_MAGIC = 0xdb4775248b80fb57n;
const BLOCK_TRAILER = 5;

interface Handle {
  offset: number;
  size: number;
}

const readHandle = (c: Cursor): Handle => ({ offset: c.varint(), size: c.varint() });

/** One block of a table: checksum checked, uncompressed (none or Snappy; anything else is refused). */
function readBlock(table: Uint8Array, handle: Handle, what: string, maxBlock: number): Uint8Array {
  if (handle.size > maxBlock || handle.offset + handle.size + BLOCK_TRAILER > table.length) {
    fail(`${what} has a block outside the file or larger than allowed`);
  }
  const data = table.subarray(handle.offset, handle.offset + handle.size);
  const trailer = table.subarray(handle.offset + handle.size, handle.offset + handle.size + BLOCK_TRAILER);
  const stored = new Cursor(trailer.subarray(1), what).fixed32();
  if (maskCrc(crc32c(data, trailer.subarray(0, 1))) !== stored) fail(`${what} has a block whose checksum is wrong`);
  const type = trailer[0];
  if (type === 0) return data;
  if (type === 1) return snappyDecompress(data, maxBlock);
  return fail(`${what} is compressed in a way Access Doctor does not read`);
}

/** A block's entries: keys stored as shared prefix + rest, then the restart array, which is checked. */
function readBlockEntries(block: Uint8Array, what: string): { key: Uint8Array; value: Uint8Array }[] {
  if (block.length < 4) fail(`${what} has a block too short to be one`);
  const restarts = new Cursor(block.subarray(block.length - 4), what).fixed32();
  const end = block.length - 4 - restarts * 4;
  if (restarts === 0 || end < 0) fail(`${what} has a block whose index is damaged`);
  const c = new Cursor(block.subarray(0, end), what);
  const out: { key: Uint8Array; value: Uint8Array }[] = [];
  let previous: Uint8Array = new Uint8Array(0);
  while (c.left > 0) {
    const shared = c.varint();
    const rest = c.varint();
    const valueLength = c.varint();
    if (shared > previous.length) fail(`${what} has a key that shares more than the previous key has`);
    const tail = c.take(rest);
    const key = new Uint8Array(shared + rest);
    key.set(previous.subarray(0, shared), 0);
    key.set(tail, shared);
    out.push({ key, value: c.take(valueLength) });
    previous = key;
  }
  return out;
}

export interface TableLimits {
  maxBlock: number;
  maxEntries: number;
}

/** Every entry of a table: user key, sequence, and whether it is a deletion. */
export function readTable(table: Uint8Array, what: string, limits: TableLimits): Mutation[] {
  if (table.length < FOOTER) fail(`${what} is too short to be a table`);
  const footer = new Cursor(table.subarray(table.length - FOOTER), what);
  readHandle(footer); // the metaindex (filters): not needed to list keys
  const index = readHandle(footer);
  footer.pos = FOOTER - 8;
  if (footer.fixed64() !== TABLE_MAGIC) fail(`${what} is not a table`);
  const out: Mutation[] = [];
  for (const entry of readBlockEntries(readBlock(table, index, what, limits.maxBlock), what)) {
    const handle = readHandle(new Cursor(entry.value, what));
    for (const { key } of readBlockEntries(readBlock(table, handle, what, limits.maxBlock), what)) {
      if (key.length < 8) fail(`${what} has a key too short to be one`);
      const tag = new Cursor(key.subarray(key.length - 8), what).fixed64();
      const type = Number(tag & 0xffn);
      if (type !== TYPE_VALUE && type !== TYPE_DELETION) fail(`${what} has an entry of unknown kind`);
      out.push({ key: key.subarray(0, key.length - 8), sequence: tag >> 8n, deleted: type === TYPE_DELETION });
      if (out.length > limits.maxEntries) fail(`${what} has more entries than allowed`);
    }
  }
  return out;
}
