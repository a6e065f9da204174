import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../electron/config';
import { NetError } from '../../../electron/platform/http';
import { checkServiceStatus } from '../../../electron/services/status/check';
import { fakeHttp } from '../fake-http';
import { fixture } from '../fixtures';

const URL_MAIN = 'http://status.test/api/v2/summary.json';
const URL_FEED = 'http://status.test/feed.rss';
const config = (feedUrl = URL_FEED) => parseConfig({ status: { url: URL_MAIN, feedUrl, timeoutMs: 700 } });
const feedNow = () => new Date(Date.now()).toUTCString();

describe('checkServiceStatus', () => {
  it('reads the main endpoint and names its source', async () => {
    const http = fakeHttp({ [URL_MAIN]: { body: fixture('status', 'statuspage-summary-major.json') } });
    const result = await checkServiceStatus({ http, config: config() });
    expect(result).toMatchObject({ ok: true, status: { source: URL_MAIN, indicator: 'major' } });
    expect(http.requests.map((r) => r.url)).toEqual([URL_MAIN]);
    expect(http.requests[0]?.timeoutMs).toBe(700);
  });

  it('falls back to the feed when the main answer is invalid JSON', async () => {
    const rss = `<rss version="2.0"><channel><item><title>API errors</title><pubDate>${feedNow()}</pubDate></item></channel></rss>`;
    const http = fakeHttp({
      [URL_MAIN]: { body: '{"status": {', headers: { 'content-type': 'application/json' } },
      [URL_FEED]: { body: rss },
    });
    const result = await checkServiceStatus({ http, config: config() });
    expect(result).toMatchObject({ ok: true, status: { format: 'feed', source: URL_FEED, indicator: 'minor' } });
  });

  it('when both fail, leads with the main endpoint reason and adds the feed reason', async () => {
    const http = fakeHttp({
      [URL_MAIN]: { body: '{"status": {' },
      [URL_FEED]: new NetError('refused', 'status.test refused the connection'),
    });
    const result = await checkServiceStatus({ http, config: config() });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.source).toBe(URL_MAIN);
    expect(result.error.code).toBe('bad-answer');
    expect(result.error.message).toBe(
      'Could not read the status page: the status answer is not valid JSON. The feed fallback failed too: status.test refused the connection.',
    );
  });

  it('does not ask the same URL twice when the feed is the main URL', async () => {
    const http = fakeHttp({ [URL_MAIN]: { status: 502, body: 'Bad gateway' } });
    const result = await checkServiceStatus({ http, config: config(URL_MAIN) });
    expect(http.requests).toHaveLength(1);
    expect(result).toEqual({
      ok: false,
      source: URL_MAIN,
      error: { code: 'bad-status', message: 'The status page answered HTTP 502.' },
    });
  });

  it('refuses a truncated (oversized) answer instead of parsing half of it', async () => {
    const http = fakeHttp({ [URL_MAIN]: { body: '{"status":{"indicator":"none"}}', truncated: true } });
    const result = await checkServiceStatus({ http, config: config(URL_MAIN) });
    expect(result).toMatchObject({ ok: false, error: { code: 'body-too-large' } });
  });
});
