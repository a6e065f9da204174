/**
 * Issue 7 §1, "the same review for every regex that runs on untrusted text": status feeds, SSDP
 * replies, XML text and Cloudflare traces, each fed the hostile shapes that make patterns backtrack.
 * Bounds are generous (the machine is shared); a quadratic pattern misses them by orders of magnitude.
 */
import { describe, expect, it } from 'vitest';
import { decodeXmlText } from '../../../electron/core/xml-text';
import { parseCloudflareTrace } from '../../../electron/services/ip/trace';
import { parseSsdpReply } from '../../../electron/services/router/ssdp';
import { parseFeed } from '../../../electron/services/status/parse';

function bestMs(run: () => unknown): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    run();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

describe('regexes on untrusted text stay linear', () => {
  it('a feed whose descriptions are full of unclosed `<` parses quickly, and still reads the items', () => {
    const now = Date.parse('2026-11-25T11:00:00Z');
    const item = (i: number) =>
      `<item><title>Incident ${i}</title><pubDate>Wed, 25 Nov 2026 10:00:00 GMT</pubDate>` +
      `<description><![CDATA[${'<'.repeat(4000)}]]></description></item>`;
    const xml = `<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>${Array.from({ length: 50 }, (_, i) => item(i)).join('')}</channel></rss>`;
    const result = parseFeed(xml, now);
    expect(result.ok && result.status.incidents.length).toBe(50);
    // The old `/<[^>]*>/g` took about 750 ms here; the linear one takes about 1 ms plus parsing.
    expect(bestMs(() => parseFeed(xml, now))).toBeLessThan(150);
  });

  it('decodes a long run of `&` and near-entities quickly', () => {
    const text = '&#x1234567&#12345678&abcdefg&'.repeat(20_000);
    expect(decodeXmlText('&amp;&#x41;&#66;')).toBe('&AB');
    expect(bestMs(() => decodeXmlText(text))).toBeLessThan(100);
  });

  it('rejects a hostile SSDP reply quickly', () => {
    const reply = `HTTP/1.1 200 OK${'\r\n '.repeat(2000)}LOCATION: ${'x'.repeat(3000)}`;
    expect(parseSsdpReply(reply)).toBeNull();
    expect(bestMs(() => parseSsdpReply(reply))).toBeLessThan(50);
  });

  it('reads a trace padded with hostile lines quickly', () => {
    const body = `${'=\r\n'.repeat(20_000)}ip=203.0.113.7\nloc=${'a'.repeat(10_000)}\n`;
    const result = parseCloudflareTrace(body);
    expect(result).toMatchObject({ ok: true, value: { ip: '203.0.113.7', loc: undefined } });
    expect(bestMs(() => parseCloudflareTrace(body))).toBeLessThan(100);
  });
});
