/** Reads the service's status: the configured endpoint first, the feed when that fails. */
import type { AppError, StatusResult } from '../../../shared/model';
import { sentences } from '../../../shared/text';
import type { Config } from '../../config';
import { AppFailure, toAppError } from '../../core/errors';
import type { HttpClient } from '../../platform/http';
import { parseStatusBody } from './parse';

export interface StatusDeps {
  http: HttpClient;
  config: Pick<Config, 'status'>;
  signal?: AbortSignal;
}

export async function checkServiceStatus(deps: StatusDeps): Promise<StatusResult> {
  const { url, feedUrl } = deps.config.status;
  const urls = feedUrl && feedUrl !== url ? [url, feedUrl] : [url];
  const failures: { source: string; error: AppError }[] = [];
  for (const source of urls) {
    try {
      const res = await deps.http.request({
        url: source,
        timeoutMs: deps.config.status.timeoutMs,
        maxBytes: 2 * 1024 * 1024,
        maxRedirects: 3,
        signal: deps.signal,
        headers: { accept: 'application/json, application/rss+xml, application/atom+xml;q=0.9, */*;q=0.5' },
      });
      if (res.status !== 200) throw new AppFailure('bad-status', `The status page answered HTTP ${res.status}.`);
      if (res.truncated) throw new AppFailure('body-too-large', 'The status answer is larger than 2 MiB.');
      const parsed = parseStatusBody(res.body, res.headers['content-type']);
      if (!parsed.ok) throw new AppFailure('bad-answer', `Could not read the status page: ${parsed.reason}`);
      return { ok: true, status: { ...parsed.status, source } };
    } catch (error) {
      failures.push({ source, error: toAppError(error) });
    }
  }
  return failed(failures, url);
}

/**
 * When every source failed, the main endpoint's reason leads (it is the one the user configured); the
 * feed's reason follows, so neither is lost.
 */
function failed(failures: { source: string; error: AppError }[], url: string): StatusResult {
  const [first, ...rest] = failures;
  if (!first) return { ok: false, source: url, error: { code: 'no-source', message: 'No status source is set.' } };
  return {
    ok: false,
    source: first.source,
    error: {
      code: first.error.code,
      message: sentences(first.error.message, ...rest.map((f) => `The feed fallback failed too: ${f.error.message}`)),
    },
  };
}
