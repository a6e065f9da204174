import { describe, expect, it } from 'vitest';
import { parseFeed, parseStatusBody } from '../../../electron/services/status/parse';
import { fixture } from '../fixtures';

describe('Statuspage v2 summary.json', () => {
  it('reads an all-clear summary', () => {
    const result = parseStatusBody(fixture('status', 'statuspage-summary-ok.json'), 'application/json');
    expect(result).toEqual({
      ok: true,
      status: {
        format: 'statuspage',
        indicator: 'none',
        description: 'All Systems Operational',
        degradedComponents: [],
        incidents: [],
      },
    });
  });

  it('reads a major outage: unresolved incidents only, group components left out', () => {
    const result = parseStatusBody(fixture('status', 'statuspage-summary-major.json'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.status).toMatchObject({
      format: 'statuspage',
      indicator: 'major',
      description: 'Partial System Outage',
    });
    expect(result.status.degradedComponents).toEqual([{ name: 'ChatGPT', status: 'major_outage' }]);
    expect(result.status.incidents).toEqual([
      {
        name: 'Elevated error rates in ChatGPT',
        status: 'identified',
        impact: 'major',
        url: 'https://stspg.io/abc123',
        updatedAt: '2026-11-25T10:12:44.000Z',
      },
    ]);
  });

  it('maps an unknown indicator to unknown and drops non-https incident links', () => {
    const body = JSON.stringify({
      status: { indicator: 'purple' },
      components: 'not a list',
      incidents: [
        { name: 'X', status: 'investigating', impact: 'critical', shortlink: 'javascript:alert(1)' },
        7,
        null,
      ],
    });
    const result = parseStatusBody(body);
    expect(result).toMatchObject({ ok: true, status: { indicator: 'unknown', description: 'Status unknown' } });
    if (result.ok) {
      expect(result.status.incidents).toEqual([
        { name: 'X', status: 'investigating', impact: 'critical', url: undefined, updatedAt: undefined },
      ]);
      expect(result.status.degradedComponents).toEqual([]);
    }
  });
});

describe('incident.io summary (undocumented, read tolerantly)', () => {
  it('reads ongoing incidents, the worst impact and component names from the structure', () => {
    const result = parseStatusBody(fixture('status', 'incidentio-summary-outage.json'), 'application/json');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.status.format).toBe('incident.io');
    expect(result.status.indicator).toBe('major');
    expect(result.status.description).toBe('Major service outage');
    expect(result.status.incidents.map((i) => [i.name, i.status, i.impact])).toEqual([
      ['Increased error rates for ChatGPT conversations', 'identified', 'major'],
      ['Slow file uploads', 'monitoring', 'minor'],
    ]);
    expect(result.status.incidents[0]).toMatchObject({
      url: 'https://status.example.com/incidents/01KAZ4N7QW2M8X6PJ0D3R5T9YV',
      updatedAt: '2026-11-25T10:14:52.330Z',
    });
    expect(result.status.degradedComponents).toEqual([
      { name: 'ChatGPT', status: 'partial_outage' },
      { name: 'Login', status: 'degraded_performance' },
    ]);
  });

  it('reads a quiet page as no outage', () => {
    const result = parseStatusBody(fixture('status', 'incidentio-summary-ok.json'));
    expect(result).toMatchObject({ ok: true, status: { format: 'incident.io', indicator: 'none', incidents: [] } });
  });

  it('reads an in-progress maintenance as maintenance', () => {
    const result = parseStatusBody(fixture('status', 'incidentio-summary-maintenance.json'));
    expect(result).toMatchObject({
      ok: true,
      status: { indicator: 'maintenance', degradedComponents: [{ name: 'Realtime', status: 'under_maintenance' }] },
    });
  });

  it('accepts the summary without its wrapper, and counts an unknown impact as at least minor', () => {
    const body = JSON.stringify({
      ongoing_incidents: [{ name: 'Something odd', status: 'investigating', current_worst_impact: 'weird_new_impact' }],
    });
    const result = parseStatusBody(body);
    expect(result).toMatchObject({ ok: true, status: { indicator: 'minor' } });
    if (result.ok) expect(result.status.incidents[0]?.impact).toBe('unknown');
  });

  it('leaves out an "ongoing" incident already marked resolved', () => {
    const body = JSON.stringify({
      summary: { ongoing_incidents: [{ name: 'Done', status: 'resolved', current_worst_impact: 'full_outage' }] },
    });
    expect(parseStatusBody(body)).toMatchObject({ ok: true, status: { indicator: 'none', incidents: [] } });
  });

  it('picks the critical impact when one incident is a full outage', () => {
    const body = JSON.stringify({
      summary: {
        ongoing_incidents: [
          { name: 'A', status: 'identified', current_worst_impact: 'degraded_performance' },
          { name: 'B', status: 'investigating', current_worst_impact: 'full_outage' },
        ],
        affected_components: [{ component_id: 'nowhere', status: 'full_outage' }],
      },
    });
    const result = parseStatusBody(body);
    expect(result).toMatchObject({ ok: true, status: { indicator: 'critical' } });
    if (result.ok)
      expect(result.status.degradedComponents).toEqual([{ name: 'Unnamed component', status: 'full_outage' }]);
  });
});

describe('parseStatusBody: bad answers', () => {
  it('rejects invalid JSON with a reason', () => {
    expect(parseStatusBody('{"status": {"indicator": "none", ', 'application/json')).toEqual({
      ok: false,
      reason: 'the status answer is not valid JSON',
    });
    expect(parseStatusBody('not json', 'application/json; charset=utf-8')).toMatchObject({ ok: false });
  });

  it('rejects JSON of the wrong shape', () => {
    expect(parseStatusBody('[1,2,3]')).toEqual({ ok: false, reason: 'the status JSON is not an object' });
    expect(parseStatusBody('null', 'application/json')).toEqual({
      ok: false,
      reason: 'the status JSON is not an object',
    });
    expect(parseStatusBody('{"page":{"name":"x"}}')).toEqual({
      ok: false,
      reason: 'the status JSON has neither the Statuspage nor the incident.io shape',
    });
    expect(parseStatusBody('{"status":{"indicator":3}}')).toMatchObject({ ok: false });
  });

  it('rejects an HTML page or an empty answer', () => {
    expect(parseStatusBody('<!doctype html><title>Status</title>', 'text/html')).toEqual({
      ok: false,
      reason: 'the status answer is neither JSON nor a feed',
    });
    expect(parseStatusBody('')).toMatchObject({ ok: false });
  });
});

describe('feeds', () => {
  const now = Date.parse('2026-11-25T11:00:00Z');

  it('RSS: reports the recent unresolved item, skips the resolved and the old one', () => {
    const result = parseFeed(fixture('status', 'feed-ongoing.rss'), now);
    expect(result).toMatchObject({ ok: true, status: { format: 'feed', indicator: 'minor' } });
    if (!result.ok) return;
    expect(result.status.incidents).toEqual([
      {
        name: 'Elevated errors for ChatGPT & the API',
        status: 'ongoing',
        impact: 'unknown',
        url: 'https://status.example.com/incidents/z9x8c7v6b5n4',
        updatedAt: '2026-11-25T10:12:44.000Z',
      },
    ]);
  });

  it('RSS: everything is quiet once the recent item is older than the window', () => {
    const later = Date.parse('2026-11-26T12:00:00Z');
    expect(parseFeed(fixture('status', 'feed-ongoing.rss'), later)).toMatchObject({
      ok: true,
      status: { indicator: 'none', incidents: [], description: 'No recent unresolved incident' },
    });
  });

  it('RSS: a single resolved item (the world feed) is no incident', () => {
    const result = parseFeed(fixture('status', 'feed.rss'), Date.parse('2025-10-20T10:30:00Z'));
    expect(result).toMatchObject({ ok: true, status: { indicator: 'none', incidents: [] } });
  });

  it('Atom: reads entries with link elements and html content', () => {
    const result = parseFeed(fixture('status', 'feed.atom'), now);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.status.incidents).toEqual([
      {
        name: 'Elevated error rates in ChatGPT',
        status: 'ongoing',
        impact: 'unknown',
        url: 'https://status.example.com/incidents/z9x8c7v6b5n4',
        updatedAt: '2026-11-25T10:12:44.000Z',
      },
    ]);
  });

  it('parseStatusBody picks the feed parser by the answer, whatever the content type', () => {
    const result = parseStatusBody(fixture('status', 'feed.atom'), 'text/plain');
    expect(result).toMatchObject({ ok: true, status: { format: 'feed' } });
  });

  it('rejects a billion-laughs document quickly, without expanding anything', () => {
    const started = performance.now();
    const result = parseFeed(fixture('status', 'billion-laughs.xml'), now);
    expect(result).toEqual({ ok: false, reason: 'the feed declares a DOCTYPE or entities' });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(parseStatusBody(fixture('status', 'billion-laughs.xml'))).toMatchObject({ ok: false });
  });

  it('rejects a DOCTYPE hidden after a comment, and XML that is neither RSS nor Atom', () => {
    expect(
      parseFeed('<?xml version="1.0"?><!-- hi --><!doctype rss SYSTEM "file:///etc/passwd"><rss/>', now),
    ).toMatchObject({
      ok: false,
      reason: 'the feed declares a DOCTYPE or entities',
    });
    expect(parseFeed('<?xml version="1.0"?><svg><g/></svg>', now)).toEqual({
      ok: false,
      reason: 'the XML is neither RSS nor Atom',
    });
  });

  it('skips items without a readable date and limits what it keeps', () => {
    const items = Array.from(
      { length: 120 },
      (_, n) => `<item><title>Incident ${n}</title><pubDate>Tue, 25 Nov 2026 10:00:00 +0000</pubDate></item>`,
    ).join('');
    const xml = `<rss version="2.0"><channel><item><title>No date</title></item>${items}</channel></rss>`;
    const result = parseFeed(xml, now);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.status.incidents.some((i) => i.name === 'No date')).toBe(false);
      expect(result.status.incidents.length).toBeLessThanOrEqual(50);
      expect(result.status.incidents.length).toBeGreaterThan(0);
    }
  });
});
