/** Reads the service's status: the configured endpoint first, the feed when that fails. */
import type { StatusResult } from '../../../shared/model';
import type { Config } from '../../config';
import type { HttpClient } from '../../platform/http';
import { AppFailure, toAppError } from '../errors';
import { parseStatusBody } from './parse';

export interface StatusDeps {
  http: HttpClient;
  config: Pick<Config, 'status'>;
  signal?: AbortSignal;
}

export async function checkServiceStatus(deps: StatusDeps): Promise<StatusResult> {
  const { url, feedUrl } = deps.config.status;
  const urls = feedUrl && feedUrl !== url ? [url, feedUrl] : [url];
  let last: StatusResult = { ok: false, source: url, error: { code: 'no-source', message: 'No status source' } };
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
      if (res.status !== 200) throw new AppFailure('bad-status', `The status page answered HTTP ${res.status}`);
      if (res.truncated) throw new AppFailure('body-too-large', 'The status answer is larger than 2 MiB');
      const parsed = parseStatusBody(res.body, res.headers['content-type']);
      if (!parsed.ok) throw new AppFailure('bad-answer', `Could not read the status page: ${parsed.reason}`);
      return { ok: true, status: { ...parsed.status, source } };
    } catch (error) {
      last = { ok: false, source, error: toAppError(error) };
    }
  }
  return last;
}
