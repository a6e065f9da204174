/**
 * Text from outside (a page's title, a router's name, a status feed, a config key) can carry terminal
 * control sequences that recolour, retitle or rewrite the user's terminal. Everything the CLI prints goes
 * through one of these two functions. Both scan the text once, left to right (no regular expression that
 * could backtrack).
 */

const ESC = 0x1b;
const BEL = 0x07;
const C1_CSI = 0x9b;
const C1_ST = 0x9c;
/** C1 introducers of a control string: DCS, SOS, OSC, PM, APC. */
const C1_STRINGS = new Set([0x90, 0x98, 0x9d, 0x9e, 0x9f]);
/** After ESC, the bytes that open a control string: DCS `P`, SOS `X`, OSC `]`, PM `^`, APC `_`. */
const ESC_STRINGS = new Set([0x50, 0x58, 0x5d, 0x5e, 0x5f]);

/** Unicode bidirectional embeddings, overrides and isolates: they reorder what the terminal shows. */
const isBidiControl = (c: number) => (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);

/** C0 controls other than tab and newline, DEL, and C1 controls. */
const isStrippedControl = (c: number) => (c < 0x20 && c !== 0x09 && c !== 0x0a) || (c >= 0x7f && c <= 0x9f);

/** Index just past a CSI sequence whose parameters start at `i`. */
function skipCsi(text: string, i: number): number {
  let j = i;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c >= 0x20 && c <= 0x3f) j++;
    else return c >= 0x40 && c <= 0x7e ? j + 1 : j;
  }
  return j;
}

/**
 * Index just past a control string (OSC, DCS, …) whose body starts at `i`: up to BEL, ESC `\` or ST.
 * An unterminated one ends before the next control character, so a hostile name cannot swallow the
 * rest of the report.
 */
function skipControlString(text: string, i: number): number {
  let j = i;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c === BEL || c === C1_ST) return j + 1;
    if (c === ESC) return text.charCodeAt(j + 1) === 0x5c ? j + 2 : j;
    if (c < 0x20) return j;
    j++;
  }
  return j;
}

/** Index just past an escape sequence whose ESC was at `i - 1`. */
function skipEscape(text: string, i: number): number {
  if (i >= text.length) return i;
  const c = text.charCodeAt(i);
  if (c === 0x5b) return skipCsi(text, i + 1);
  if (ESC_STRINGS.has(c)) return skipControlString(text, i + 1);
  let j = i;
  // nF sequences: intermediate bytes, then one final byte (e.g. ESC ( B).
  while (j < text.length && text.charCodeAt(j) >= 0x20 && text.charCodeAt(j) <= 0x2f) j++;
  if (j < text.length) {
    const final = text.charCodeAt(j);
    if (final >= 0x30 && final <= 0x7e) return j + 1;
  }
  return j;
}

/**
 * Text safe to print on a terminal: escape sequences are removed whole, other control characters
 * (except tab and newline) and bidirectional overrides are dropped.
 */
export function forTerminal(text: string): string {
  let out = '';
  let clean = 0;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (!isStrippedControl(c) && !isBidiControl(c)) {
      i++;
      continue;
    }
    out += text.slice(clean, i);
    if (c === ESC) i = skipEscape(text, i + 1);
    else if (c === C1_CSI) i = skipCsi(text, i + 1);
    else if (C1_STRINGS.has(c)) i = skipControlString(text, i + 1);
    else i++;
    clean = i;
  }
  return clean === 0 ? text : out + text.slice(clean);
}

/**
 * JSON for a terminal or a pipe. `JSON.stringify` already escapes C0 controls; this also writes DEL, C1
 * controls and bidirectional overrides as `\u` escapes. The value a parser reads back is unchanged.
 */
export function jsonForTerminal(value: unknown, indent?: number): string {
  const json = JSON.stringify(value, null, indent) ?? 'null';
  let out = '';
  let clean = 0;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if ((c >= 0x7f && c <= 0x9f) || isBidiControl(c)) {
      out += `${json.slice(clean, i)}\\u${c.toString(16).padStart(4, '0')}`;
      clean = i + 1;
    }
  }
  return clean === 0 ? json : out + json.slice(clean);
}
