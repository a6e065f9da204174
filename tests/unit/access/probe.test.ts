import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../electron/config';
import { INTERNAL_MESSAGE } from '../../../electron/core/errors';
import { NetError } from '../../../electron/platform/http';
import { probeTarget } from '../../../electron/services/access/probe';
import { fakeHttp } from '../fake-http';

const config = parseConfig({ http: { timeoutMs: 1500, maxBodyBytes: 4096, maxRedirects: 2 } });

describe('probeTarget', () => {
  it('classifies the answer and keeps the HTTP status', async () => {
    const http = fakeHttp({
      'https://site.test/': { status: 403, headers: { 'cf-ray': '8f1a2b3c4d5e6f70-AMS' }, body: 'error code: 1020' },
    });
    const result = await probeTarget('https://site.test/', { http, config });
    expect(result).toMatchObject({
      target: 'https://site.test/',
      verdict: 'blocked',
      httpStatus: 403,
      cloudflareCode: 1020,
      rayId: '8f1a2b3c4d5e6f70-AMS',
    });
    expect(http.requests[0]).toMatchObject({ timeoutMs: 1500, maxBytes: 4096, maxRedirects: 2 });
    expect(http.requests[0]?.headers?.accept).toMatch(/text\/html/);
  });

  it('names the cause when the site cannot be reached', async () => {
    const http = fakeHttp({
      'https://site.test/': new NetError('dns', 'The name site.test could not be resolved (DNS)'),
    });
    const result = await probeTarget('https://site.test/', { http, config });
    expect(result).toMatchObject({
      verdict: 'unreachable',
      viaCloudflare: false,
      error: { code: 'net-dns', message: 'The name site.test could not be resolved (DNS)' },
    });
    expect(result.httpStatus).toBeUndefined();
  });

  it('turns an unexpected exception into an internal error instead of throwing', async () => {
    const http = fakeHttp({ 'https://site.test/': new TypeError('boom') });
    const result = await probeTarget('https://site.test/', { http, config });
    expect(result.verdict).toBe('unreachable');
    expect(result.error).toEqual({ code: 'internal', message: INTERNAL_MESSAGE });
  });
});
