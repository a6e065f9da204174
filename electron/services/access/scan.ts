/**
 * A small, linear-time scanner for the pages edge vendors send: no regular expressions, so hostile
 * bodies (a megabyte of line breaks, attributes that never close, one marker repeated) cannot make it
 * backtrack. Work is bounded three ways:
 * - only a prefix of the body is read (every vendor's block and challenge page is a few KiB),
 * - each lookup starts from a plain `indexOf` of a fixed marker and reads a bounded window after it,
 * - at most MAX_HITS occurrences of a marker are examined.
 * So one classification costs O(prefix × markers) with small constants, whatever the text.
 */

/** How much of a body is classified. Vendors' block and challenge pages are far smaller than this. */
export const CLASSIFY_PREFIX_CHARS = 256 * 1024;
/** Occurrences of one marker examined before giving up (a real page has one or two). */
const MAX_HITS = 32;
/** Characters of filler (blanks, tags, `:`, `&nbsp;`) allowed between a label and its value. */
const MAX_FILLER = 256;
/** Longest tag skipped between a label and its value. */
const MAX_TAG = 200;
const MAX_TAGS = 4;

/** The lower-cased prefix of a body; all markers are written in lower case. */
export class PageText {
  readonly text: string;

  constructor(body: string, limit = CLASSIFY_PREFIX_CHARS) {
    this.text = body.slice(0, limit).toLowerCase();
  }

  has(marker: string): boolean {
    return this.text.includes(marker);
  }

  hasAny(markers: readonly string[]): boolean {
    return markers.some((m) => this.text.includes(m));
  }

  /** Where the first of `markers` starts, or -1 when none is in the text. */
  firstIndexOf(markers: readonly string[]): number {
    let first = -1;
    for (const m of markers) {
      const i = this.text.indexOf(m);
      if (i >= 0 && (first < 0 || i < first)) first = i;
    }
    return first;
  }

  /**
   * Runs `read` at the end of each occurrence of `marker` (at most MAX_HITS of them) and returns the
   * first value it gives. `read` must look at a bounded window only.
   */
  firstAfter<T>(marker: string, read: (at: number) => T | undefined): T | undefined {
    let from = 0;
    for (let hit = 0; hit < MAX_HITS; hit++) {
      const i = this.text.indexOf(marker, from);
      if (i < 0) return undefined;
      const value = read(i + marker.length);
      if (value !== undefined) return value;
      from = i + marker.length;
    }
    return undefined;
  }

  /** The text from `at` up to `end` (exclusive), or up to `max` characters when `end` is not found. */
  windowUntil(at: number, end: string, max: number): string {
    const stop = this.text.indexOf(end, at);
    return this.text.slice(at, stop >= 0 && stop - at <= max ? stop : at + max);
  }

  /** Index after blanks (spaces, tabs, line breaks) starting at `at`, reading at most `max` of them. */
  skipBlanks(at: number, max = MAX_FILLER): number {
    let i = at;
    while (i < this.text.length && i - at < max && isBlank(this.text.charCodeAt(i))) i++;
    return i;
  }

  /**
   * Index after the filler a page puts between a label and its value — blanks, `:`, `#`, `&nbsp;`,
   * `&#32;`, `&#160;`, `&#58;`, `&#35;`, and up to MAX_TAGS short tags or comments — or -1 when the filler
   * runs longer than MAX_FILLER characters.
   */
  skipFiller(at: number): number {
    const t = this.text;
    let i = at;
    let tags = 0;
    while (i < t.length) {
      if (i - at > MAX_FILLER) return -1;
      const c = t.charCodeAt(i);
      if (isBlank(c) || c === COLON || c === HASH) {
        i++;
        continue;
      }
      if (c === AMP) {
        const entity = FILLER_ENTITIES.find((e) => t.startsWith(e, i));
        if (entity) {
          i += entity.length;
          continue;
        }
        return i;
      }
      if (c === LT && tags < MAX_TAGS) {
        const end = this.endOfTag(i + 1);
        if (end < 0) return -1;
        tags++;
        i = end;
        continue;
      }
      return i;
    }
    return i;
  }

  /** Index after the next `>` if it comes within MAX_TAG characters and before any `<`, else -1. */
  endOfTag(at: number): number {
    const t = this.text;
    for (let i = at; i < t.length && i - at <= MAX_TAG; i++) {
      const c = t.charCodeAt(i);
      if (c === GT) return i + 1;
      if (c === LT) return -1;
    }
    return -1;
  }

  /** A run of `min`…`max` decimal digits at `at`, not followed by a letter, digit or `_`. */
  digitsAt(at: number, min: number, max: number): { value: number; end: number } | undefined {
    const t = this.text;
    let i = at;
    while (i < t.length && i - at <= max && isDigit(t.charCodeAt(i))) i++;
    const length = i - at;
    if (length < min || length > max || isWordChar(t.charCodeAt(i))) return undefined;
    return { value: Number(t.slice(at, i)), end: i };
  }

  /** A run of exactly `length` hex digits at `at`, not followed by a letter, digit or `_`. */
  hexAt(at: number, length: number): string | undefined {
    const t = this.text;
    for (let i = at; i < at + length; i++) if (!isHex(t.charCodeAt(i))) return undefined;
    return isWordChar(t.charCodeAt(at + length)) ? undefined : t.slice(at, at + length);
  }

  /** Whether the characters before `at` on its line (at most `max` of them) are all blanks. */
  onlyBlanksBefore(at: number, max = MAX_FILLER): boolean {
    const t = this.text;
    let i = at - 1;
    for (; i >= 0 && at - i <= max; i--) {
      const c = t.charCodeAt(i);
      if (c === LF) return true;
      if (!isBlank(c)) return false;
    }
    return i < 0;
  }

  /** Whether only blanks follow `at` up to the end of its line or of the text. */
  onlyBlanksAfter(at: number, max = MAX_FILLER): boolean {
    const t = this.text;
    for (let i = at; i < t.length; i++) {
      if (i - at > max) return false;
      const c = t.charCodeAt(i);
      if (c === LF) return true;
      if (!isBlank(c)) return false;
    }
    return true;
  }
}

const LF = 0x0a;
const COLON = 0x3a;
const HASH = 0x23;
const AMP = 0x26;
const LT = 0x3c;
const GT = 0x3e;
const FILLER_ENTITIES = ['&nbsp;', '&#32;', '&#160;', '&#xa0;', '&#58;', '&#35;'];

function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0b || c === 0x0c || c === 0xa0;
}
function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
function isHex(c: number): boolean {
  return isDigit(c) || (c >= 0x61 && c <= 0x66);
}
/** Letters are lower case here (PageText lower-cases); NaN (past the end) is not a word character. */
function isWordChar(c: number): boolean {
  return isDigit(c) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
}
