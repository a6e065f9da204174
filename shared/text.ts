/**
 * The one rule for what the user reads (DESIGN.md §7): whole sentences, each ending with a full stop (or
 * ? / !), joined by one helper. Both sides use it, so the CLI, the tray and the window word things alike.
 * Pure, no Node or DOM: it also runs in the renderer.
 */

type Part = string | null | undefined | false;

const TERMINAL = new Set(['.', '!', '?']);
/** Closing marks that may follow the full stop: `He said “go.”` or `(see the guide.)`. */
const CLOSERS = new Set(['"', '”', '’', "'", ')', ']']);

/** Ends one sentence (or several) with a full stop unless it already ends with terminal punctuation. */
export function sentence(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  let end = trimmed.length - 1;
  while (end > 0 && CLOSERS.has(trimmed.charAt(end))) end -= 1;
  if (TERMINAL.has(trimmed.charAt(end))) return trimmed;
  // A trailing colon or semicolon was a list that lost its items: end it instead of stacking marks.
  const base = trimmed.endsWith(':') || trimmed.endsWith(';') || trimmed.endsWith(',') ? trimmed.slice(0, -1) : trimmed;
  return `${base}.`;
}

/** Joins message parts into one text: each part becomes whole sentences, joined by one space. */
export function sentences(...parts: Part[]): string {
  return parts
    .filter((p): p is string => typeof p === 'string' && p.trim() !== '')
    .map(sentence)
    .join(' ');
}

/**
 * Checks the rule on a finished text, for tests: not empty, no stray blanks, ends with terminal
 * punctuation, and every sentence (after `. `, `! ` or `? `) starts like one: a capital, a digit, a quote
 * or bracket, or a host name such as `chatgpt.com` or `127.0.0.1:8080` (names are written as they are).
 * One linear pass, no regex over the whole text.
 */
export function followsSentenceRule(text: string): boolean {
  const t = text.trim();
  if (t === '' || t !== text || t.includes('  ') || t.includes('..') || sentence(t) !== t) return false;
  for (const mark of [' .', ' ,', ' ;', ' :', ' !', ' ?']) if (t.includes(mark)) return false;
  let start = 0;
  for (let i = 0; i <= t.length; i++) {
    const atEnd = i === t.length;
    if (!atEnd && !(TERMINAL.has(t.charAt(i)) && t.charAt(i + 1) === ' ')) continue;
    if (!startsLikeASentence(t.slice(start, atEnd ? i : i + 1))) return false;
    start = i + 2;
    i += 1;
  }
  return true;
}

function startsLikeASentence(s: string): boolean {
  const first = s.charAt(0);
  if (first === '') return false;
  if (first.toUpperCase() === first && first.toLowerCase() !== first) return true;
  if ('0123456789"“‘\'(['.includes(first)) return true;
  const space = s.indexOf(' ');
  const word = space === -1 ? s : s.slice(0, space);
  // A host name leads as it is spelled: `chatgpt.com is reachable.`
  return word.length > 3 && (word.slice(0, -1).includes('.') || word.includes(':'));
}

/** `https://chatgpt.com/c/1` → `chatgpt.com`; anything that is not a URL is returned as it is. */
export function host(target: string): string {
  try {
    return new URL(target).host;
  } catch {
    return target;
  }
}

/** One way to say a wait, so the same Retry-After never reads as "2 h" in one place and "90 min" in another. */
export function formatWait(seconds: number): string {
  const s = Number.isFinite(seconds) ? Math.max(0, Math.round(seconds)) : 0;
  if (s < 90) return `${s} s`;
  if (s < 90 * 60) return `${Math.round(s / 60)} min`;
  if (s < 48 * 3600) {
    const hours = Math.round((s / 3600) * 2) / 2;
    return `${hours} h`;
  }
  return `${Math.round(s / 86_400)} days`;
}
