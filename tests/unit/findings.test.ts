import { describe, expect, it } from 'vitest';
import { buildFindings, host, outcomeOf } from '../../electron/services/findings';
import type { AccessResult, PublicIpResult, StatusResult } from '../../shared/model';

const access = (over: Partial<AccessResult>): AccessResult => ({
  target: 'https://chatgpt.com/',
  verdict: 'ok',
  viaCloudflare: true,
  elapsedMs: 120,
  ...over,
});
const ip: PublicIpResult = {
  v4: { ip: '198.51.100.23', family: 4, source: 'trace', loc: 'NL', colo: 'AMS', warp: 'off' },
  failures: [],
};

describe('buildFindings: access', () => {
  it('a 1020 block names the code, its meaning, the Ray ID and the IP, copyable', () => {
    const [finding] = buildFindings({
      publicIp: ip,
      access: [access({ verdict: 'blocked', httpStatus: 403, cloudflareCode: 1020, rayId: '8f1a2b3c4d5e6f70-AMS' })],
      status: null,
    });
    expect(finding).toMatchObject({
      id: 'blocked:https://chatgpt.com/',
      kind: 'blocked',
      severity: 'problem',
      title: 'Blocked by Cloudflare (error 1020) at chatgpt.com',
    });
    expect(finding?.detail).toMatch(/firewall rule/);
    expect(finding?.detail).toMatch(/Quote the Ray ID/);
    expect(finding?.facts).toEqual([
      { label: 'Ray ID', value: '8f1a2b3c4d5e6f70-AMS', copy: true },
      { label: 'Error code', value: '1020' },
      { label: 'Your public IP', value: '198.51.100.23', copy: true },
    ]);
  });

  it('explains 1009 as a country block and an unknown code generically', () => {
    const [country, other] = buildFindings({
      publicIp: null,
      access: [
        access({ verdict: 'blocked', cloudflareCode: 1009 }),
        access({ target: 'https://b.test/', verdict: 'blocked', cloudflareCode: 1106 }),
      ],
      status: null,
    });
    expect(country?.detail).toMatch(/country or region/);
    expect(other?.detail).toBe('The site refuses your request.');
    expect(other?.facts).toEqual([{ label: 'Error code', value: '1106' }]);
  });

  it('a rate limit says how long to wait', () => {
    const findings = buildFindings({
      publicIp: null,
      access: [
        access({ verdict: 'rate-limited', cloudflareCode: 1015, retryAfterSeconds: 120 }),
        access({ target: 'https://b.test/', verdict: 'rate-limited', retryAfterSeconds: 30 }),
        access({ target: 'https://c.test/', verdict: 'rate-limited', retryAfterSeconds: 7200 }),
        access({ target: 'https://d.test/', verdict: 'rate-limited' }),
      ],
      status: null,
    });
    expect(findings[0]?.title).toBe('Rate limited (error 1015) at chatgpt.com');
    expect(findings.map((f) => f.detail.match(/wait [^.]+|a few minutes/)?.[0])).toEqual([
      'wait 2 min',
      'wait 30 s',
      'wait 2 h',
      'a few minutes',
    ]);
  });

  it('a challenge is information, not a problem', () => {
    const [f] = buildFindings({ publicIp: null, access: [access({ verdict: 'challenge' })], status: null });
    expect(f).toMatchObject({ kind: 'challenge', severity: 'info', title: 'chatgpt.com asks for a browser check' });
    expect(f?.detail).toMatch(/not a block/);
  });

  it('a 522 says the site is in trouble; unreachable names the cause', () => {
    const findings = buildFindings({
      publicIp: null,
      access: [
        access({ verdict: 'down', httpStatus: 522, cloudflareCode: 522 }),
        access({
          target: 'http://127.0.0.1:9/',
          verdict: 'unreachable',
          viaCloudflare: false,
          error: { code: 'net-refused', message: '127.0.0.1:9 refused the connection' },
        }),
      ],
      status: null,
    });
    expect(findings[0]).toMatchObject({
      kind: 'site-down',
      title: 'chatgpt.com is having trouble (HTTP 522, error 522)',
    });
    expect(findings[1]).toMatchObject({
      kind: 'unreachable',
      severity: 'problem',
      title: 'Cannot reach 127.0.0.1:9',
      detail: '127.0.0.1:9 refused the connection',
    });
  });

  it('a reachable site reports status and time', () => {
    const [f] = buildFindings({ publicIp: null, access: [access({ httpStatus: 200, elapsedMs: 87 })], status: null });
    expect(f).toMatchObject({ kind: 'reachable', severity: 'good', detail: 'It answered HTTP 200 in 87 ms.' });
  });
});

describe('buildFindings: public IP and WARP', () => {
  it('shows both addresses and the location', () => {
    const findings = buildFindings({
      publicIp: { ...ip, v6: { ip: '2001:db8::23', family: 6, source: 'trace6' } },
      access: [],
      status: null,
    });
    expect(findings[0]).toMatchObject({
      kind: 'public-ip',
      title: 'Your public IP address is 198.51.100.23 and 2001:db8::23',
      facts: [
        { label: 'IPv4', value: '198.51.100.23', copy: true },
        { label: 'IPv6', value: '2001:db8::23', copy: true },
      ],
    });
    expect(findings[0]?.detail).toContain('located in NL');
    expect(findings.some((f) => f.kind === 'warp')).toBe(false);
  });

  it('warns when traffic leaves through WARP', () => {
    const findings = buildFindings({
      publicIp: { v4: { ...ip.v4, ip: '104.28.1.1', family: 4, source: 't', warp: 'plus' }, failures: [] },
      access: [],
      status: null,
    });
    expect(findings.find((f) => f.kind === 'warp')?.severity).toBe('warning');
  });

  it('lists why every echo service failed', () => {
    const findings = buildFindings({
      publicIp: {
        failures: [
          { source: 'a', error: { code: 'net-timeout', message: 'a did not answer within 5 s' } },
          { source: 'b', error: { code: 'bad-answer', message: 'the answer has no ip= line' } },
        ],
      },
      access: [],
      status: null,
    });
    expect(findings).toEqual([
      {
        id: 'public-ip-unknown',
        kind: 'public-ip-unknown',
        severity: 'warning',
        title: 'Could not read your public IP address',
        detail: 'Every echo service failed: a did not answer within 5 s; the answer has no ip= line.',
      },
    ]);
  });
});

describe('buildFindings: service status', () => {
  const status = (indicator: 'none' | 'minor' | 'major' | 'critical', incidents: string[] = []): StatusResult => ({
    ok: true,
    status: {
      format: 'statuspage',
      source: 's',
      indicator,
      description: indicator === 'none' ? 'All Systems Operational' : 'Partial System Outage',
      degradedComponents: [],
      incidents: incidents.map((name) => ({ name, status: 'identified', impact: indicator })),
    },
  });

  it('a major outage is a problem naming the incidents', () => {
    const [f] = buildFindings({ publicIp: null, access: [], status: status('major', ['Elevated errors', 'Login']) });
    expect(f).toMatchObject({
      kind: 'outage',
      severity: 'problem',
      title: 'The service reports a major outage',
      detail: 'Ongoing: Elevated errors; Login',
    });
  });

  it('all clear says the block is about the connection', () => {
    const [f] = buildFindings({ publicIp: null, access: [], status: status('none') });
    expect(f).toMatchObject({ severity: 'good', title: 'The service reports no outage' });
    expect(f?.detail).toMatch(/your connection or browser/);
  });

  it('a minor disruption is a warning with the description', () => {
    const [f] = buildFindings({ publicIp: null, access: [], status: status('minor') });
    expect(f).toMatchObject({ severity: 'warning', title: 'The service reports: Partial System Outage' });
  });

  it('an unreadable status page becomes status-unknown with the reason', () => {
    const [f] = buildFindings({
      publicIp: null,
      access: [],
      status: { ok: false, source: 's', error: { code: 'bad-answer', message: 'the status answer is not valid JSON' } },
    });
    expect(f).toMatchObject({ kind: 'status-unknown', detail: 'the status answer is not valid JSON' });
  });
});

describe('outcomeOf', () => {
  it('blocked wins, then ok needs every target ok or challenged', () => {
    expect(outcomeOf([access({ verdict: 'ok' }), access({ verdict: 'blocked' })])).toBe('blocked');
    expect(outcomeOf([access({ verdict: 'rate-limited' }), access({ verdict: 'unreachable' })])).toBe('blocked');
    expect(outcomeOf([access({ verdict: 'ok' }), access({ verdict: 'challenge' })])).toBe('ok');
    expect(outcomeOf([access({ verdict: 'ok' }), access({ verdict: 'unreachable' })])).toBe('unknown');
    expect(outcomeOf([access({ verdict: 'down' })])).toBe('unknown');
    expect(outcomeOf([])).toBe('unknown');
  });
});

describe('host', () => {
  it('shows the host with port, or the raw text when it is not a URL', () => {
    expect(host('https://chatgpt.com/c/123')).toBe('chatgpt.com');
    expect(host('http://127.0.0.1:8080/site/')).toBe('127.0.0.1:8080');
    expect(host('nonsense')).toBe('nonsense');
  });
});
