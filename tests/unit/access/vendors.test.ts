import { describe, expect, it } from 'vitest';
import { classifyAnswer } from '../../../electron/services/access/cloudflare';
import type { EdgeVendor } from '../../../shared/model';
import { fixture } from '../fixtures';

/** A vendor fixture with its placeholders filled (the same ones tests/unit/fixtures.ts fills). */
function page(path: string): string {
  const [dir = '', name = ''] = path.split('/');
  const body = fixture(dir, name)
    .replaceAll('{{HOST}}', 'shop.example.com')
    .replaceAll('{{RAY}}', '8f1a2b3c4d5e6f70')
    .replaceAll('{{IP}}', '198.51.100.23');
  if (body.includes('{{')) throw new Error(`fixture ${path} has an unfilled placeholder`);
  return body;
}

interface Case {
  name: string;
  file: string;
  status: number;
  headers?: Record<string, string>;
  verdict: 'blocked' | 'challenge' | 'down' | 'ok';
  vendor: EdgeVendor | undefined;
}

const CASES: Case[] = [
  {
    name: 'Akamai "Access Denied … Reference #" page',
    file: 'akamai/access-denied.html',
    status: 403,
    headers: { server: 'AkamaiGHost' },
    verdict: 'blocked',
    vendor: 'akamai',
  },
  {
    name: 'Akamai block page without its server header',
    file: 'akamai/access-denied.html',
    status: 403,
    verdict: 'blocked',
    vendor: 'akamai',
  },
  {
    name: 'Akamai Bot Manager crypto challenge',
    file: 'akamai/challenge.html',
    status: 428,
    verdict: 'challenge',
    vendor: 'akamai',
  },
  {
    name: 'CloudFront "Request blocked" 403',
    file: 'cloudfront/403-blocked.html',
    status: 403,
    headers: { server: 'CloudFront', 'x-cache': 'Error from cloudfront' },
    verdict: 'blocked',
    vendor: 'cloudfront',
  },
  {
    name: 'CloudFront 503 "could not be satisfied" (origin down, not a block)',
    file: 'cloudfront/503-origin.html',
    status: 503,
    headers: { server: 'CloudFront' },
    verdict: 'down',
    vendor: 'cloudfront',
  },
  {
    name: 'AWS WAF CAPTCHA action (405) named by its header',
    file: 'cloudfront/waf-challenge.html',
    status: 405,
    headers: { 'x-amzn-waf-action': 'captcha' },
    verdict: 'challenge',
    vendor: 'cloudfront',
  },
  {
    name: 'AWS WAF challenge action (202) named by its header',
    file: 'cloudfront/waf-challenge.html',
    status: 202,
    headers: { 'x-amzn-waf-action': 'challenge' },
    verdict: 'challenge',
    vendor: 'cloudfront',
  },
  {
    name: 'Imperva/Incapsula "Request unsuccessful … incident ID"',
    file: 'imperva/incident.html',
    status: 403,
    headers: { 'x-iinfo': '1-2-3 NNNN' },
    verdict: 'blocked',
    vendor: 'imperva',
  },
  {
    name: 'Imperva/Incapsula JavaScript challenge',
    file: 'imperva/challenge.html',
    status: 403,
    verdict: 'challenge',
    vendor: 'imperva',
  },
  {
    name: 'DataDome captcha (t: fe)',
    file: 'datadome/captcha.html',
    status: 403,
    headers: { 'x-datadome': 'protected' },
    verdict: 'challenge',
    vendor: 'datadome',
  },
  {
    name: 'DataDome banned visitor (t: bv)',
    file: 'datadome/blocked.html',
    status: 403,
    headers: { 'x-datadome': 'protected' },
    verdict: 'blocked',
    vendor: 'datadome',
  },
  {
    name: 'DataDome captcha served through CloudFront names DataDome',
    file: 'datadome/captcha.html',
    status: 403,
    headers: { server: 'CloudFront', 'x-amz-cf-id': 'x' },
    verdict: 'challenge',
    vendor: 'datadome',
  },
  {
    name: 'PerimeterX/HUMAN "Press & Hold"',
    file: 'perimeterx/press-and-hold.html',
    status: 403,
    verdict: 'challenge',
    vendor: 'perimeterx',
  },
  {
    name: 'PerimeterX/HUMAN page behind Cloudflare names PerimeterX',
    file: 'perimeterx/press-and-hold.html',
    status: 403,
    headers: { server: 'cloudflare', 'cf-ray': '8f1a2b3c4d5e6f70-AMS' },
    verdict: 'challenge',
    vendor: 'perimeterx',
  },
  {
    name: 'PerimeterX/HUMAN block without a captcha',
    file: 'perimeterx/blocked.html',
    status: 403,
    verdict: 'blocked',
    vendor: 'perimeterx',
  },
  {
    name: 'Sucuri "Access Denied - Sucuri Website Firewall"',
    file: 'sucuri/blocked.html',
    status: 403,
    headers: { server: 'Sucuri/Cloudproxy', 'x-sucuri-id': '14001' },
    verdict: 'blocked',
    vendor: 'sucuri',
  },
  {
    name: 'Sucuri JavaScript cookie challenge',
    file: 'sucuri/js-challenge.html',
    status: 403,
    headers: { server: 'Sucuri/Cloudproxy' },
    verdict: 'challenge',
    vendor: 'sucuri',
  },
  {
    name: 'DDoS-Guard "Checking your browser"',
    file: 'ddos-guard/check.html',
    status: 403,
    headers: { server: 'ddos-guard' },
    verdict: 'challenge',
    vendor: 'ddos-guard',
  },
  {
    name: 'DDoS-Guard block',
    file: 'ddos-guard/blocked.html',
    status: 403,
    headers: { server: 'ddos-guard' },
    verdict: 'blocked',
    vendor: 'ddos-guard',
  },
  {
    name: 'Cloudflare old "One more step" CAPTCHA without cf-mitigated',
    file: 'cloudflare/captcha-old.html',
    status: 403,
    headers: { server: 'cloudflare' },
    verdict: 'challenge',
    vendor: 'cloudflare',
  },
  {
    name: 'Cloudflare "Sorry, you have been blocked" (same title as the CAPTCHA)',
    file: 'cloudflare/blocked-waf.html',
    status: 403,
    verdict: 'blocked',
    vendor: 'cloudflare',
  },
  {
    name: 'a non-vendor 503 maintenance page',
    file: 'sites/maintenance-503.html',
    status: 503,
    headers: { server: 'nginx' },
    verdict: 'down',
    vendor: undefined,
  },
  {
    name: "a site's own 404 that quotes error texts, behind Cloudflare",
    file: 'sites/own-404.html',
    status: 404,
    headers: { server: 'cloudflare', 'cf-ray': '8f1a2b3c4d5e6f70-AMS' },
    verdict: 'ok',
    vendor: undefined,
  },
  {
    name: 'a 200 help article that quotes Cloudflare errors',
    file: 'cloudflare/article-mentions-error-code.html',
    status: 200,
    headers: { server: 'cloudflare' },
    verdict: 'ok',
    vendor: undefined,
  },
];

describe('classifyAnswer: vendors, blocks and challenges', () => {
  it.each(CASES)('$name → $verdict ($vendor)', ({ file, status, headers, verdict, vendor }) => {
    const result = classifyAnswer({ status, headers: headers ?? {}, body: page(file) });
    expect(result.verdict).toBe(verdict);
    expect(result.vendor).toBe(vendor);
  });

  it('does not read a Cloudflare code out of another vendor’s page', () => {
    const result = classifyAnswer({ status: 403, headers: {}, body: page('akamai/access-denied.html') });
    expect(result.cloudflareCode).toBeUndefined();
    expect(result.viaCloudflare).toBe(false);
  });

  it('a 200 page quoting vendor block pages stays ok, whatever it quotes', () => {
    const quoted = ['akamai/access-denied.html', 'datadome/blocked.html', 'perimeterx/press-and-hold.html']
      .map(page)
      .join('\n');
    const result = classifyAnswer({ status: 200, headers: {}, body: quoted });
    expect(result).toMatchObject({ verdict: 'ok', viaCloudflare: false });
    expect(result.vendor).toBeUndefined();
  });

  it('names the vendor from headers alone for a bare 403', () => {
    const vendorOf = (headers: Record<string, string>) =>
      classifyAnswer({ status: 403, headers, body: 'Forbidden' }).vendor;
    expect(vendorOf({ server: 'AkamaiGHost' })).toBe('akamai');
    expect(vendorOf({ 'x-amz-cf-id': 'x', server: 'CloudFront' })).toBe('cloudfront');
    expect(vendorOf({ 'X-CDN': 'Imperva' })).toBe('imperva');
    expect(vendorOf({ 'x-dd-b': '1' })).toBe('datadome');
    expect(vendorOf({ 'x-sucuri-block': 'BLK01' })).toBe('sucuri');
    expect(vendorOf({ server: 'ddos-guard' })).toBe('ddos-guard');
    expect(vendorOf({ 'cf-ray': '8f1a2b3c4d5e6f70-AMS' })).toBe('cloudflare');
    expect(vendorOf({ server: 'nginx' })).toBeUndefined();
  });
});
