/**
 * Asks one echo source for our public address, keeping what a polite long-running client needs and
 * `askSource` drops: the HTTP status and `Retry-After`, so the monitor can back off as asked.
 */
import type { PublicAddress } from '../../../shared/model';
import type { Config } from '../../config';
import { AppFailure } from '../../core/errors';
import { parseRetryAfter } from '../../core/http-dates';
import type { HttpClient } from '../../platform/http';
import { parseCloudflareTrace, parsePlainIp } from './trace';

export type EchoSource = Config['publicIp']['sources'][number];

/** A failed ask; `retryAfterMs` is set when the source told us how long to stay away. */
export class EchoFailure extends AppFailure {
  constructor(
    code: string,
    message: string,
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
    this.name = 'EchoFailure';
  }
}

export type AskEcho = (source: EchoSource, signal?: AbortSignal) => Promise<PublicAddress>;

export function createEchoAsker(http: HttpClient, config: Pick<Config, 'publicIp'>, now = Date.now): AskEcho {
  return async (source, signal) => {
    const res = await http.request({
      url: source.url,
      timeoutMs: config.publicIp.timeoutMs,
      maxBytes: 16 * 1024,
      maxRedirects: 2,
      signal,
      headers: { accept: 'text/plain' },
    });
    if (res.status !== 200) {
      const seconds =
        res.status === 429 || res.status === 503 ? parseRetryAfter(res.headers['retry-after'], now()) : undefined;
      throw new EchoFailure(
        res.status === 429 ? 'rate-limited' : 'bad-status',
        `answered HTTP ${res.status}`,
        seconds === undefined ? undefined : seconds * 1000,
      );
    }
    const parsed = source.format === 'cloudflare-trace' ? parseCloudflareTrace(res.body) : parsePlainIp(res.body);
    if (!parsed.ok) throw new EchoFailure('bad-answer', parsed.reason);
    return { ...parsed.value, source: source.url };
  };
}
