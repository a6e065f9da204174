import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../electron/config';
import { NetError } from '../../../electron/platform/http';
import { readPublicIp } from '../../../electron/services/ip/public-ip';
import { fakeHttp } from '../fake-http';

const config = (sources: { url: string; format: 'cloudflare-trace' | 'text'; family: 4 | 6 | 'any' }[]) =>
  parseConfig({ publicIp: { sources, timeoutMs: 1000 } });

describe('readPublicIp', () => {
  it('reads v4 and v6 from their own sources', async () => {
    const http = fakeHttp({
      'http://echo.test/v4': { body: 'ip=198.51.100.23\nloc=NL\ncolo=AMS\nwarp=off\n' },
      'http://echo.test/v6': { body: 'ip=2001:db8::23\nloc=NL\n' },
    });
    const result = await readPublicIp({
      http,
      config: config([
        { url: 'http://echo.test/v4', format: 'cloudflare-trace', family: 4 },
        { url: 'http://echo.test/v6', format: 'cloudflare-trace', family: 6 },
      ]),
    });
    expect(result.v4).toEqual({
      ip: '198.51.100.23',
      family: 4,
      loc: 'NL',
      colo: 'AMS',
      warp: 'off',
      source: 'http://echo.test/v4',
    });
    expect(result.v6).toMatchObject({ ip: '2001:db8::23', family: 6 });
    expect(result.failures).toEqual([]);
    expect(http.requests.every((r) => r.timeoutMs === 1000 && r.maxBytes <= 64 * 1024)).toBe(true);
  });

  it('falls back to the next source and records why each one failed', async () => {
    const http = fakeHttp({
      'http://echo.test/no-ip': { body: 'fl=1\nloc=NL\n' },
      'http://echo.test/down': { status: 503, body: 'unavailable' },
      'http://echo.test/slow': new NetError('timeout', 'echo.test did not answer within 1 s'),
      'http://echo.test/text': { body: '203.0.113.50\n' },
    });
    const result = await readPublicIp({
      http,
      config: config([
        { url: 'http://echo.test/no-ip', format: 'cloudflare-trace', family: 4 },
        { url: 'http://echo.test/down', format: 'cloudflare-trace', family: 4 },
        { url: 'http://echo.test/slow', format: 'text', family: 4 },
        { url: 'http://echo.test/text', format: 'text', family: 4 },
      ]),
    });
    expect(result.v4?.ip).toBe('203.0.113.50');
    expect(result.failures).toEqual([
      { source: 'http://echo.test/no-ip', error: { code: 'bad-answer', message: 'the answer has no ip= line' } },
      { source: 'http://echo.test/down', error: { code: 'bad-status', message: 'answered HTTP 503' } },
      {
        source: 'http://echo.test/slow',
        error: { code: 'net-timeout', message: 'echo.test did not answer within 1 s' },
      },
    ]);
  });

  it('reports every failure and no address when all sources fail', async () => {
    const http = fakeHttp({ 'http://echo.test/a': { body: '<html>nope</html>' } });
    const result = await readPublicIp({
      http,
      config: config([{ url: 'http://echo.test/a', format: 'text', family: 4 }]),
    });
    expect(result.v4).toBeUndefined();
    expect(result.v6).toBeUndefined();
    expect(result.failures).toHaveLength(1);
    expect(result.failures[0]?.error.code).toBe('bad-answer');
  });

  it('a family-4 source that answers IPv6 is a failure for that chain', async () => {
    const http = fakeHttp({ 'http://echo.test/v4': { body: '2001:db8::1' } });
    const result = await readPublicIp({
      http,
      config: config([{ url: 'http://echo.test/v4', format: 'text', family: 4 }]),
    });
    expect(result.v4).toBeUndefined();
    expect(result.failures[0]?.error.code).toBe('wrong-family');
  });

  it('an `any` source fills whichever family it answers, without a failure for the other', async () => {
    const http = fakeHttp({ 'http://echo.test/any': { body: 'ip=198.51.100.7\n' } });
    const result = await readPublicIp({
      http,
      config: config([{ url: 'http://echo.test/any', format: 'cloudflare-trace', family: 'any' }]),
    });
    expect(result.v4?.ip).toBe('198.51.100.7');
    expect(result.v6).toBeUndefined();
    expect(result.failures).toEqual([]);
  });

  it('stops asking once the caller aborted', async () => {
    const http = fakeHttp({});
    const controller = new AbortController();
    controller.abort();
    const result = await readPublicIp({
      http,
      signal: controller.signal,
      config: config([{ url: 'http://echo.test/a', format: 'text', family: 4 }]),
    });
    expect(http.requests).toHaveLength(0);
    expect(result.v4).toBeUndefined();
  });
});
