/**
 * Whether this computer's clock is wrong, from the `Date` headers sites already sent. A clock that is off
 * breaks secure connections and makes a site's security check expire as soon as it is passed. Pure.
 */

import type { Finding } from '../../shared/model';
import { formatWait, sentences } from '../../shared/text';

/** More than this many seconds off is worth telling. */
export const CLOCK_SKEW_LIMIT_SECONDS = 60;
/** From this many seconds off, secure connections and security checks fail outright. */
const CLOCK_SKEW_PROBLEM_SECONDS = 600;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function digits(s: string): number | null {
  if (s === '' || s.length > 4) return null;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return null;
  }
  return Number.parseInt(s, 10);
}

/**
 * An HTTP date as milliseconds, or null: IMF-fixdate `Sun, 06 Nov 1994 08:49:37 GMT`, the obsolete RFC 850
 * form `Sunday, 06-Nov-94 08:49:37 GMT` and asctime `Sun Nov  6 08:49:37 1994` (RFC 9110 §5.6.7).
 */
export function parseHttpDate(text: string): number | null {
  if (typeof text !== 'string' || text.length > 64) return null;
  const words = text.trim().split(/[ ,]+/);
  let day: number | null;
  let month: number;
  let year: number | null;
  let time: string | undefined;
  if (words.length === 6 && words[5] === 'GMT') {
    // Sun, 06 Nov 1994 08:49:37 GMT
    day = digits(words[1] ?? '');
    month = MONTHS.indexOf((words[2] ?? '').toLowerCase());
    year = digits(words[3] ?? '');
    time = words[4];
  } else if (words.length === 4 && words[3] === 'GMT') {
    // Sunday, 06-Nov-94 08:49:37 GMT
    const parts = (words[1] ?? '').split('-');
    if (parts.length !== 3) return null;
    day = digits(parts[0] ?? '');
    month = MONTHS.indexOf((parts[1] ?? '').toLowerCase());
    const yy = digits(parts[2] ?? '');
    year = yy === null ? null : yy < 100 ? (yy < 70 ? 2000 + yy : 1900 + yy) : yy;
    time = words[2];
  } else if (words.length === 5) {
    // Sun Nov  6 08:49:37 1994
    month = MONTHS.indexOf((words[1] ?? '').toLowerCase());
    day = digits(words[2] ?? '');
    time = words[3];
    year = digits(words[4] ?? '');
  } else return null;
  const hms = (time ?? '').split(':');
  if (hms.length !== 3) return null;
  const [h, m, s] = hms.map(digits);
  if (day === null || year === null || month < 0 || h == null || m == null || s == null) return null;
  if (day < 1 || day > 31 || h > 23 || m > 59 || s > 60 || year < 1970 || year > 9999) return null;
  const ms = Date.UTC(year, month, day, h, m, s);
  // 31 Feb rolls over in Date.UTC: refuse it instead.
  if (new Date(ms).getUTCDate() !== day) return null;
  return ms;
}

/**
 * How far this computer's clock is from the sites', in seconds: positive when it runs ahead. The median over
 * every parsable header, so one site with a wrong clock does not decide it. Null when none parses.
 * `receivedAt` is this computer's time (ms) when the answer arrived.
 */
export function clockSkew(dateHeaders: readonly { date: string; receivedAt: number }[]): number | null {
  const skews: number[] = [];
  for (const { date, receivedAt } of dateHeaders.slice(0, 1_000)) {
    if (!Number.isFinite(receivedAt)) continue;
    const server = parseHttpDate(date);
    if (server === null) continue;
    // A Date header is cut to the whole second: the site's time was somewhere in the half-second after it.
    skews.push((receivedAt - (server + 500)) / 1000);
  }
  if (skews.length === 0) return null;
  skews.sort((a, b) => a - b);
  const mid = Math.floor(skews.length / 2);
  const median = skews.length % 2 === 1 ? (skews[mid] ?? 0) : ((skews[mid - 1] ?? 0) + (skews[mid] ?? 0)) / 2;
  return Math.round(median * 10) / 10;
}

/** Where the clock is set right on each system. */
export function fixClock(platform: string): string {
  switch (platform) {
    case 'win32':
      return 'Open Settings, then Time & language, then Date & time, turn on Set time automatically and press Sync now';
    case 'darwin':
      return 'Open System Settings, then General, then Date & Time, and turn on Set time and date automatically';
    default:
      return "Open your system's Date & Time settings and turn on automatic time, or run timedatectl set-ntp true in a terminal";
  }
}

/** A finding when the clock is more than a minute off; null otherwise (or when the skew is not known). */
export function clockFinding(skewSeconds: number | null, platform: string = process.platform): Finding | null {
  if (skewSeconds === null || !Number.isFinite(skewSeconds)) return null;
  const off = Math.abs(skewSeconds);
  if (off <= CLOCK_SKEW_LIMIT_SECONDS) return null;
  const direction = skewSeconds > 0 ? 'ahead' : 'behind';
  return {
    id: 'clock-skew',
    kind: 'clock-skew',
    severity: off >= CLOCK_SKEW_PROBLEM_SECONDS ? 'problem' : 'warning',
    title: sentences(`This computer's clock is ${formatWait(off)} ${direction}`),
    detail: sentences(
      'With a wrong clock, secure connections can fail and a passed security check can expire at once',
      fixClock(platform),
    ),
    facts: [{ label: 'Clock difference', value: `${skewSeconds > 0 ? '+' : '-'}${Math.round(off)} s`, copy: true }],
  };
}
