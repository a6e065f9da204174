import { describe, expect, it } from 'vitest';
import { classifyAnswer, cloudflareCode, parseRetryAfter } from '../../../electron/services/access/cloudflare';
import { cloudflarePage, fixture } from '../fixtures';

const CF = { server: 'cloudflare', 'content-type': 'text/html; charset=UTF-8' };
const cfWithRay = (ray: string) => ({ ...CF, 'cf-ray': ray });

describe('classifyAnswer: Cloudflare blocks', () => {
  it('reads the current 1020 page: blocked, code 1020, Ray ID from the cf-ray header', () => {
    const body = cloudflarePage('1020.html', { host: 'chatgpt.com', ray: '9a0b1c2d3e4f5a6b', ip: '203.0.113.9' });
    const result = classifyAnswer({ status: 403, headers: cfWithRay('9a0b1c2d3e4f5a6b-FRA'), body });
    expect(result).toMatchObject({
      verdict: 'blocked',
      cloudflareCode: 1020,
      rayId: '9a0b1c2d3e4f5a6b-FRA',
      viaCloudflare: true,
    });
  });

  it('takes the Ray ID from the page footer when there is no cf-ray header', () => {
    const body = cloudflarePage('1020.html', { ray: '7e6d5c4b3a291807' });
    const result = classifyAnswer({ status: 403, headers: CF, body });
    expect(result.rayId).toBe('7e6d5c4b3a291807');
    expect(result.verdict).toBe('blocked');
  });

  it('prefers the header Ray ID over a different one in the body', () => {
    const body = cloudflarePage('1020.html', { ray: '1111111111111111' });
    const result = classifyAnswer({ status: 403, headers: cfWithRay('2222222222222222-AMS'), body });
    expect(result.rayId).toBe('2222222222222222-AMS');
  });

  it('ignores a malformed cf-ray header and falls back to the body', () => {
    const body = cloudflarePage('1020.html', { ray: '3333333333333333' });
    const result = classifyAnswer({ status: 403, headers: cfWithRay('<script>'), body });
    expect(result.rayId).toBe('3333333333333333');
    expect(result.viaCloudflare).toBe(true);
  });

  it('reads the plain `error code: 1020` body sent to non-browsers', () => {
    const result = classifyAnswer({
      status: 403,
      headers: { ...cfWithRay('8f1a2b3c4d5e6f70-AMS'), 'content-type': 'text/plain; charset=UTF-8' },
      body: 'error code: 1020',
    });
    expect(result).toMatchObject({ verdict: 'blocked', cloudflareCode: 1020, rayId: '8f1a2b3c4d5e6f70-AMS' });
  });

  it('reads the 2022+ template: "Error code <span>1020</span>", Ray ID from the details list', () => {
    const body = cloudflarePage('1020-2022.html', { host: 'chatgpt.com', ray: '9a0b1c2d3e4f5a6b' });
    const result = classifyAnswer({ status: 403, headers: CF, body });
    expect(result).toMatchObject({
      verdict: 'blocked',
      cloudflareCode: 1020,
      rayId: '9a0b1c2d3e4f5a6b',
      viaCloudflare: true,
      vendor: 'cloudflare',
    });
  });

  it('names Cloudflare as the vendor of its blocks', () => {
    const body = cloudflarePage('1020.html');
    expect(classifyAnswer({ status: 403, headers: CF, body }).vendor).toBe('cloudflare');
  });

  it.each([
    ['1006.html', 1006],
    ['1009.html', 1009],
    ['1010.html', 1010],
    ['1012.html', 1012],
  ])('reads the older cf-error-code page %s as blocked with code %i', (file, code) => {
    const body = cloudflarePage(file, { ray: 'abcdef0123456789' });
    const result = classifyAnswer({ status: 403, headers: CF, body });
    expect(result).toMatchObject({ verdict: 'blocked', cloudflareCode: code, rayId: 'abcdef0123456789' });
  });

  it('reads the WAF "Sorry, you have been blocked" page (no 1xxx code) as blocked', () => {
    const body = cloudflarePage('blocked-waf.html', { ray: '0123456789abcdef' });
    const result = classifyAnswer({ status: 403, headers: cfWithRay('0123456789abcdef-LHR'), body });
    expect(result).toMatchObject({ verdict: 'blocked', viaCloudflare: true, rayId: '0123456789abcdef-LHR' });
    expect(result.cloudflareCode).toBeUndefined();
  });

  it('treats a non-Cloudflare 403 as a refusal without claiming Cloudflare or a code', () => {
    const result = classifyAnswer({
      status: 403,
      headers: { server: 'nginx/1.24.0', 'content-type': 'text/html' },
      body: fixture('cloudflare', 'nginx-403.html'),
    });
    expect(result).toMatchObject({ verdict: 'blocked', viaCloudflare: false });
    expect(result.cloudflareCode).toBeUndefined();
    expect(result.rayId).toBeUndefined();
  });

  it('matches header names whatever their case', () => {
    const result = classifyAnswer({
      status: 403,
      headers: { 'CF-Ray': '8f1a2b3c4d5e6f70-SIN' },
      body: 'error code: 1020',
    });
    expect(result).toMatchObject({ viaCloudflare: true, rayId: '8f1a2b3c4d5e6f70-SIN' });
  });
});

describe('classifyAnswer: rate limits', () => {
  it('reads the 1015 page with 429 and Retry-After in seconds', () => {
    const body = cloudflarePage('1015.html');
    const result = classifyAnswer({ status: 429, headers: { ...CF, 'retry-after': '120' }, body });
    expect(result).toMatchObject({ verdict: 'rate-limited', cloudflareCode: 1015, retryAfterSeconds: 120 });
  });

  it('reads a 1015 page even when served with another error status', () => {
    const result = classifyAnswer({ status: 403, headers: CF, body: cloudflarePage('1015.html') });
    expect(result).toMatchObject({ verdict: 'rate-limited', cloudflareCode: 1015 });
  });

  it('treats a bare 429 from any server as rate limited, with an HTTP-date Retry-After', () => {
    const inTwoMinutes = new Date(Date.now() + 120_000).toUTCString();
    const result = classifyAnswer({ status: 429, headers: { 'retry-after': inTwoMinutes }, body: 'Too Many Requests' });
    expect(result.verdict).toBe('rate-limited');
    expect(result.viaCloudflare).toBe(false);
    // HTTP-dates have one-second resolution and the clock moved on a little.
    expect(result.retryAfterSeconds).toBeGreaterThanOrEqual(118);
    expect(result.retryAfterSeconds).toBeLessThanOrEqual(120);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-25T10:00:00Z');
  it('reads delta-seconds', () => {
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter(' 3600 ', now)).toBe(3600);
  });
  it('reads an HTTP-date relative to now', () => {
    expect(parseRetryAfter('Wed, 25 Nov 2026 10:05:00 GMT', now)).toBe(300);
  });
  it('ignores a date in the past, garbage, negative and absurd values', () => {
    expect(parseRetryAfter('Wed, 25 Nov 2026 09:00:00 GMT', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
    expect(parseRetryAfter('99999999999', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
  });
});

describe('classifyAnswer: challenges', () => {
  it('treats `cf-mitigated: challenge` as a challenge, not a block', () => {
    const result = classifyAnswer({
      status: 403,
      headers: { ...cfWithRay('8f1a2b3c4d5e6f70-CDG'), 'cf-mitigated': 'challenge' },
      body: cloudflarePage('challenge.html'),
    });
    expect(result).toMatchObject({ verdict: 'challenge', rayId: '8f1a2b3c4d5e6f70-CDG' });
  });

  it('recognises the "Just a moment..." page without the header', () => {
    const result = classifyAnswer({ status: 403, headers: CF, body: cloudflarePage('challenge.html') });
    expect(result.verdict).toBe('challenge');
  });

  it('calls the old "Attention Required! | One more step" CAPTCHA a challenge without cf-mitigated', () => {
    const result = classifyAnswer({ status: 403, headers: CF, body: cloudflarePage('captcha-old.html') });
    expect(result).toMatchObject({ verdict: 'challenge', vendor: 'cloudflare', rayId: '8f1a2b3c4d5e6f70' });
  });

  it('calls the legacy 503 "Checking your browser" page a challenge, not down', () => {
    const body = '<form id="challenge-form" action="/cdn-cgi/l/chk_jschl"><input name="jschl_vc" value="x"></form>';
    expect(classifyAnswer({ status: 503, headers: CF, body }).verdict).toBe('challenge');
  });

  it('does not call a site 403 a challenge because Cloudflare injected its detection script', () => {
    const body = '<h1>Forbidden</h1><script src="/cdn-cgi/challenge-platform/scripts/jsd/main.js"></script>';
    expect(classifyAnswer({ status: 403, headers: CF, body }).verdict).toBe('blocked');
  });

  it('recognises the header on a 200 (non-interactive challenge) too', () => {
    const result = classifyAnswer({ status: 200, headers: { ...CF, 'cf-mitigated': 'Challenge' }, body: '' });
    expect(result.verdict).toBe('challenge');
  });
});

describe('classifyAnswer: the site itself failing', () => {
  it('reads a 522 page as down with code 522', () => {
    const body = cloudflarePage('522.html');
    const result = classifyAnswer({ status: 522, headers: cfWithRay('8f1a2b3c4d5e6f70-AMS'), body });
    expect(result).toMatchObject({ verdict: 'down', cloudflareCode: 522, viaCloudflare: true });
  });

  it.each([500, 502, 503, 504])('treats HTTP %i as down', (status) => {
    expect(classifyAnswer({ status, headers: {}, body: 'Service Unavailable' }).verdict).toBe('down');
  });
});

describe('classifyAnswer: ordinary pages stay ok', () => {
  it('a 200 page that talks about "Error code 1020" and Ray IDs is not a block', () => {
    const result = classifyAnswer({
      status: 200,
      headers: cfWithRay('8f1a2b3c4d5e6f70-AMS'),
      body: fixture('cloudflare', 'article-mentions-error-code.html'),
    });
    expect(result.verdict).toBe('ok');
    expect(result.cloudflareCode).toBeUndefined();
  });

  it('a plain 200 page behind Cloudflare is ok and keeps its Ray ID', () => {
    const result = classifyAnswer({
      status: 200,
      headers: cfWithRay('8F1A2B3C4D5E6F70-AMS'),
      body: '<!doctype html><title>ChatGPT</title>',
    });
    expect(result).toMatchObject({ verdict: 'ok', viaCloudflare: true, rayId: '8f1a2b3c4d5e6f70-AMS' });
  });

  it('a 404 that says "error code: 1020" is the site\'s own page, not a block', () => {
    const result = classifyAnswer({
      status: 404,
      headers: cfWithRay('8f1a2b3c4d5e6f70-AMS'),
      body: 'error code: 1020',
    });
    expect(result.verdict).toBe('ok');
    expect(result.cloudflareCode).toBeUndefined();
  });

  it('a redirect-less 404 is reachable, not blocked or down', () => {
    expect(classifyAnswer({ status: 404, headers: CF, body: 'Not found' }).verdict).toBe('ok');
  });
});

describe('cloudflareCode', () => {
  it('finds the code in each page style', () => {
    expect(cloudflareCode('error code: 1020')).toBe(1020);
    expect(cloudflareCode('  error code: 1015\n')).toBe(1015);
    expect(cloudflareCode('<span class="cf-error-code">1009</span>')).toBe(1009);
    expect(cloudflareCode('<span data-translate="error">Error</span>\n <span>1020</span>')).toBe(1020);
    expect(cloudflareCode('<span class="code-label">Error code 522</span>')).toBe(522);
    expect(cloudflareCode('<title>site.test | 524: A timeout occurred</title>')).toBe(524);
  });

  it('finds the code with tags, comments or entities between label and number', () => {
    expect(cloudflareCode('<p>Error code <span class="x">1020</span></p>')).toBe(1020);
    expect(cloudflareCode('Error code<!-- -->&nbsp;<!-- -->1020')).toBe(1020);
    expect(cloudflareCode('<li>Error reference number: <span>1020</span></li>')).toBe(1020);
    expect(cloudflareCode('Error code: 1015.')).toBe(1015);
  });

  it('only counts `error code: N` as the plain body when it stands alone on its line', () => {
    expect(cloudflareCode('\n\n   error code: 1020   \r\n')).toBe(1020);
    expect(cloudflareCode('see error code: 10200')).toBeUndefined();
    expect(cloudflareCode('error code: 1020x')).toBeUndefined();
  });

  it('ignores numbers outside the Cloudflare ranges and bodies without a code', () => {
    expect(cloudflareCode('error code: 404')).toBeUndefined();
    expect(cloudflareCode('error code: 3000')).toBeUndefined();
    expect(cloudflareCode('<h1>Forbidden</h1>')).toBeUndefined();
    expect(cloudflareCode('')).toBeUndefined();
  });
});
