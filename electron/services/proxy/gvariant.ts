/**
 * The little GVariant text that `gsettings` and `dconf` print for the proxy keys: strings (`'a\'b'`),
 * string arrays (`['localhost', '127.0.0.0/8']`, `@as []`), integers and booleans. One linear pass,
 * bounded input, no backtracking; anything else is "not understood" (null).
 */

const MAX = 64 * 1024;

export type GValue = string | number | boolean | string[];

export function parseGVariant(input: string): GValue | null {
  const text = input.trim();
  if (text.length > MAX) return null;
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (/^(?:uint32 |int32 )?-?[0-9]{1,10}$/.test(text)) return Number(text.replace(/^u?int32 /, ''));
  if (text === '@as []' || text === '[]') return [];
  if (text.startsWith("'") || text.startsWith('"')) {
    const s = readString(text, 0);
    return s && s.end === text.length ? s.value : null;
  }
  if (text.startsWith('[')) return parseArray(text);
  return null;
}

function parseArray(text: string): string[] | null {
  const out: string[] = [];
  let i = 1;
  const skip = () => {
    while (i < text.length && text.charAt(i) === ' ') i += 1;
  };
  skip();
  if (text.charAt(i) === ']') return i + 1 === text.length ? out : null;
  while (i < text.length) {
    skip();
    const s = readString(text, i);
    if (!s) return null;
    out.push(s.value);
    i = s.end;
    skip();
    const c = text.charAt(i);
    if (c === ']') return i + 1 === text.length ? out : null;
    if (c !== ',') return null;
    i += 1;
  }
  return null;
}

function readString(text: string, start: number): { value: string; end: number } | null {
  const quote = text.charAt(start);
  if (quote !== "'" && quote !== '"') return null;
  let value = '';
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === '\\') {
      const n = text.charAt(i + 1);
      value += n === 'n' ? '\n' : n === 't' ? '\t' : n;
      i += 1;
      continue;
    }
    if (c === quote) return { value, end: i + 1 };
    value += c;
  }
  return null;
}

/** A string as GVariant text: `'it\'s'`. */
export function gString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** A string array as GVariant text: `['localhost', '::1']`, or `@as []` when empty. */
export function gStringArray(values: readonly string[]): string {
  return values.length === 0 ? '@as []' : `[${values.map(gString).join(', ')}]`;
}
