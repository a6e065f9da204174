/**
 * HTTP header arithmetic more than one capability needs: the access probe reads `Retry-After` from a
 * block page, the IP monitor from a rate-limited echo source.
 */

/** Longest wait we believe (about 115 days); anything longer is a broken header, not advice. */
const MAX_RETRY_AFTER_SECONDS = 10_000_000;

/**
 * Seconds to wait, from either form of `Retry-After` (RFC 9110 §10.2.3): delta-seconds or an HTTP date.
 * Undefined when absent, unreadable, in the past or absurd, so callers fall back to their own backoff.
 */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d{1,7}$/.test(text)) return Number(text);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  // `|| 0`: a date less than a second ago rounds up to -0, which is "now", not a distinct value.
  const seconds = Math.ceil((date - now) / 1000) || 0;
  return seconds >= 0 && seconds < MAX_RETRY_AFTER_SECONDS ? seconds : undefined;
}
