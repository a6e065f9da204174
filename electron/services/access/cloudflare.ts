/**
 * Classifies one HTTP answer from a site as a user would experience it. Pure: takes status, headers and
 * the (capped) body. Cloudflare's pages are read for their code and Ray ID (the `cf-error-code` span,
 * the 2022+ "Error code 1020" template, the `error code: 1020` plain body sent to non-browsers, the
 * "Cloudflare Ray ID" footer) and the `cf-mitigated: challenge` header; other vendors' block and
 * challenge pages are told apart in `vendors.ts`. Linear in the body's size: only a bounded prefix is
 * read, with the scanner in `scan.ts` (no regular expression runs on the body).
 */

import type { AccessVerdict, EdgeVendor } from '../../../shared/model';
import { parseRetryAfter } from '../../core/http-dates';
import { PageText } from './scan';
import { headerChallenge, recognisePage, vendorFromHeaders } from './vendors';

export interface SiteAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface Classification {
  verdict: Exclude<AccessVerdict, 'unreachable'>;
  cloudflareCode?: number;
  rayId?: string;
  retryAfterSeconds?: number;
  viaCloudflare: boolean;
  /** Whose block, challenge or error page (or headers) this is; undefined for an ordinary page. */
  vendor?: EdgeVendor;
}

/** Cloudflare 1xxx codes that mean "this visitor is refused" (vs. 1015 rate limit, 52x origin trouble). */
const BLOCK_CODES = new Set([1005, 1006, 1007, 1008, 1009, 1010, 1011, 1012, 1020, 1025, 1034, 1106]);
const RATE_LIMIT_CODES = new Set([1015]);
/** Statuses Cloudflare never serves its error pages with: a site's own "not found" page stays its own. */
const SITE_OWN_STATUSES = new Set([404, 410]);

export function classifyAnswer(answer: SiteAnswer): Classification {
  const headers = new Map(Object.entries(answer.headers).map(([k, v]) => [k.toLowerCase(), v]));
  const header = (name: string) => headers.get(name);
  const isError = answer.status >= 400;
  // Only error answers are read: a 200 page that merely talks about "error code 1020" or quotes a
  // vendor's block page (a help article, a forum post) is an ordinary page.
  const page = isError ? new PageText(answer.body) : undefined;
  const recognised = page ? recognisePage(page) : undefined;
  const headerVendor = vendorFromHeaders(header);
  const viaCloudflare =
    Boolean(header('cf-ray')) || /cloudflare/i.test(header('server') ?? '') || recognised?.vendor === 'cloudflare';
  const rayId = rayFromHeader(header('cf-ray')) ?? (page ? rayFromPage(page) : undefined);
  const readsCode =
    page !== undefined && !SITE_OWN_STATUSES.has(answer.status) && (!recognised || recognised.vendor === 'cloudflare');
  const code = readsCode ? codeFromPage(page) : undefined;
  const retryAfterSeconds = parseRetryAfter(header('retry-after'));
  const base = { viaCloudflare, rayId, cloudflareCode: code, retryAfterSeconds };
  const vendor = recognised?.vendor ?? headerVendor;

  const challengedBy = headerChallenge(header);
  if (challengedBy) return { ...base, verdict: 'challenge', vendor: challengedBy };
  if (recognised?.kind === 'challenge') return { ...base, verdict: 'challenge', vendor };
  if ((code !== undefined && RATE_LIMIT_CODES.has(code)) || answer.status === 429) {
    return { ...base, verdict: 'rate-limited', vendor };
  }
  if (code !== undefined && BLOCK_CODES.has(code))
    return { ...base, verdict: 'blocked', vendor: vendor ?? 'cloudflare' };
  // Any other 403 refuses the visitor too: Cloudflare's "you have been blocked" (WAF) page has no 1xxx
  // code, other vendors' block pages have none either, and a plain 403 from the site (nginx …) is still
  // a refusal, not a reachable site. `vendor` says whose page it was, when that can be told.
  if (answer.status === 403) return { ...base, verdict: 'blocked', vendor };
  if (answer.status >= 500) return { ...base, verdict: 'down', vendor };
  if (code !== undefined && code >= 520 && code <= 530) return { ...base, verdict: 'down', vendor };
  return { ...base, verdict: 'ok' };
}

/**
 * The Cloudflare code a page names: `error code: 1020` alone on a line (the plain body), the
 * `cf-error-code` span, `<span data-translate="error">Error</span> <span>1020</span>`, "Error code 1020"
 * in text (also with tags between, as in the 2022+ template), "Error reference number: 1020", or a
 * `<title>host | 522: …</title>`. Only 1xxx and 5xx numbers count.
 */
export function cloudflareCode(body: string): number | undefined {
  return codeFromPage(new PageText(body));
}

function codeFromPage(page: PageText): number | undefined {
  const inRange = (code: number) => (code >= 1000 && code <= 1999) || (code >= 500 && code <= 599);
  const codeAt = (at: number): number | undefined => {
    if (at < 0) return undefined;
    const digits = page.digitsAt(at, 3, 4);
    return digits && inRange(digits.value) ? digits.value : undefined;
  };
  return (
    // `error code: 1020` on a line of its own.
    page.firstAfter('error code:', (at) => {
      if (!page.onlyBlanksBefore(at - 'error code:'.length)) return undefined;
      const start = page.skipBlanks(at);
      const digits = page.digitsAt(start, 3, 4);
      if (!digits || !inRange(digits.value) || !page.onlyBlanksAfter(digits.end)) return undefined;
      return digits.value;
    }) ??
    page.firstAfter('cf-error-code', (at) => {
      const end = page.endOfTag(at);
      return end < 0 ? undefined : codeAt(page.skipBlanks(end));
    }) ??
    page.firstAfter('data-translate="error"', (at) => {
      const end = page.endOfTag(at);
      if (end < 0) return undefined;
      const label = page.skipBlanks(end);
      return page.text.startsWith('error', label) ? codeAt(page.skipFiller(label + 'error'.length)) : undefined;
    }) ??
    page.firstAfter('error code', (at) => codeAt(page.skipFiller(at))) ??
    page.firstAfter('error&nbsp;code', (at) => codeAt(page.skipFiller(at))) ??
    page.firstAfter('error reference number', (at) => codeAt(page.skipFiller(at))) ??
    page.firstAfter('<title>', (at) => {
      const title = page.windowUntil(at, '<', 512);
      // `host | 522: Connection timed out`: a `|`, blanks, the code, blanks, a colon.
      let bar = title.indexOf('|');
      while (bar >= 0) {
        let i = bar + 1;
        while (i < title.length && isBlankChar(title[i])) i++;
        let j = i;
        while (j < title.length && j - i < 5 && isDigitChar(title.charCodeAt(j))) j++;
        let k = j;
        while (k < title.length && isBlankChar(title[k])) k++;
        if (j - i >= 3 && j - i <= 4 && title[k] === ':' && inRange(Number(title.slice(i, j)))) {
          return Number(title.slice(i, j));
        }
        bar = title.indexOf('|', Math.max(k, bar + 1));
      }
      return undefined;
    })
  );
}

function isDigitChar(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isBlankChar(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

/** `cf-ray: 8f1a2b3c4d5e6f70-FRA` → `8f1a2b3c4d5e6f70-FRA`. The header is short; the pattern is anchored. */
function rayFromHeader(value: string | undefined): string | undefined {
  const text = value?.trim();
  const match = text && text.length <= 32 ? /^([0-9a-f]{16})(-[A-Z]{3})?$/i.exec(text) : null;
  return match ? `${match[1]?.toLowerCase()}${match[2] ?? ''}` : undefined;
}

/** `Ray ID: 8f1a…`, `Cloudflare Ray ID: <strong>8f1a…</strong>`: 16 hex digits after the label and filler. */
function rayFromPage(page: PageText): string | undefined {
  return page.firstAfter('ray id', (at) => {
    const start = page.skipFiller(at);
    return start < 0 ? undefined : page.hexAt(start, 16);
  });
}

/** One parser for Retry-After, shared with the echo sources (core/http-dates.ts). */
export { parseRetryAfter };
