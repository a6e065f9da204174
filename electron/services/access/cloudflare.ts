/**
 * Classifies one HTTP answer from a site as a user would experience it. Pure: takes status, headers and
 * the (capped) body. Patterns follow Cloudflare's error pages: the `cf-error-code` span and the
 * "Cloudflare Ray ID" footer of the HTML pages, the `error code: 1020` plain body sent to
 * non-browsers, and the `cf-mitigated: challenge` header of managed challenges.
 */
import type { AccessVerdict } from '../../../shared/model';

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
}

/** Cloudflare 1xxx codes that mean "this visitor is refused" (vs. 1015 rate limit, 52x origin trouble). */
const BLOCK_CODES = new Set([1005, 1006, 1007, 1008, 1009, 1010, 1011, 1012, 1020, 1025, 1034, 1106]);
const RATE_LIMIT_CODES = new Set([1015]);

export function classifyAnswer(answer: SiteAnswer): Classification {
  const headers = new Map(Object.entries(answer.headers).map(([k, v]) => [k.toLowerCase(), v]));
  const header = (name: string) => headers.get(name);
  const body = answer.body.slice(0, 512 * 1024);
  const viaCloudflare = Boolean(header('cf-ray')) || /cloudflare/i.test(header('server') ?? '');
  const rayId = rayFromHeader(header('cf-ray')) ?? rayFromBody(body);
  // Cloudflare serves its error pages with an error status. A 200 page that merely talks about
  // "error code 1020" (a help article, a forum post) is an ordinary page, not a block.
  const code = answer.status >= 400 ? cloudflareCode(body) : undefined;
  const retryAfterSeconds = parseRetryAfter(header('retry-after'));
  const base = { viaCloudflare, rayId, cloudflareCode: code, retryAfterSeconds };

  if (header('cf-mitigated')?.toLowerCase() === 'challenge' || isChallengePage(body)) {
    return { ...base, verdict: 'challenge' };
  }
  if ((code !== undefined && RATE_LIMIT_CODES.has(code)) || answer.status === 429) {
    return { ...base, verdict: 'rate-limited' };
  }
  if (code !== undefined && BLOCK_CODES.has(code)) return { ...base, verdict: 'blocked' };
  // Any other 403 refuses the visitor too: Cloudflare's "you have been blocked" (WAF) page has no 1xxx
  // code, and a non-Cloudflare 403 (nginx, Akamai …) is still a refusal, not a reachable site.
  // `viaCloudflare` tells the two apart for the wording.
  if (answer.status === 403) return { ...base, verdict: 'blocked' };
  if (answer.status >= 500) return { ...base, verdict: 'down' };
  if (code !== undefined && code >= 520 && code <= 530) return { ...base, verdict: 'down' };
  return { ...base, verdict: 'ok' };
}

/** `error code: 1020` (plain), `<span class="cf-error-code">1020</span>`, or "Error code 1020" in text. */
export function cloudflareCode(body: string): number | undefined {
  const patterns = [
    /^\s*error code:\s*(\d{3,4})\s*$/im,
    /class="[^"]*cf-error-code[^"]*"[^>]*>\s*(\d{3,4})\s*</i,
    /data-translate="error"[^>]*>\s*Error\s*<\/span>\s*<span[^>]*>\s*(\d{3,4})\s*</i,
    /Error(?:&nbsp;|\s)+code(?::|&nbsp;|\s)+(\d{3,4})\b/i,
    /<title>[^<]*\|\s*(\d{3,4})\s*:/i,
  ];
  for (const pattern of patterns) {
    const match = pattern.exec(body);
    if (match?.[1]) {
      const code = Number(match[1]);
      if ((code >= 1000 && code <= 1999) || (code >= 500 && code <= 599)) return code;
    }
  }
  return undefined;
}

/** `cf-ray: 8f1a2b3c4d5e6f70-FRA` → `8f1a2b3c4d5e6f70-FRA`. */
function rayFromHeader(value: string | undefined): string | undefined {
  const match = value && /^([0-9a-f]{16})(-[A-Z]{3})?$/i.exec(value.trim());
  return match ? `${match[1]?.toLowerCase()}${match[2] ?? ''}` : undefined;
}

function rayFromBody(body: string): string | undefined {
  const match = /Ray ID:?\s*(?:<[^>]{0,80}>\s*)*([0-9a-f]{16})\b/i.exec(body);
  return match?.[1]?.toLowerCase();
}

function isChallengePage(body: string): boolean {
  return /<title>\s*Just a moment\.\.\.\s*<\/title>|window\._cf_chl_opt|\/cdn-cgi\/challenge-platform\//i.test(body);
}

/** Seconds, from either form of Retry-After; absurd values are ignored. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const text = value.trim();
  if (/^\d{1,7}$/.test(text)) return Number(text);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  const seconds = Math.ceil((date - now) / 1000);
  return seconds >= 0 && seconds < 10_000_000 ? seconds : undefined;
}
