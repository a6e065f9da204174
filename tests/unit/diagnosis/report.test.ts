import { describe, expect, it } from 'vitest';
import type { Diagnosis } from '../../../shared/model';
import { buildReport } from '../../../shared/report';

const diagnosis: Diagnosis = {
  runId: 'ui-1',
  startedAt: '2026-12-02T10:00:00.000Z',
  finishedAt: '2026-12-02T10:00:01.000Z',
  elapsedMs: 1000,
  targets: ['https://chatgpt.com/'],
  results: {
    ip: {
      v4: { ip: '198.51.100.23', family: 4, source: 'x' },
      v6: { ip: '2001:db8::7', family: 6, source: 'y' },
      failures: [],
    },
    access: [
      {
        target: 'https://chatgpt.com/',
        verdict: 'blocked',
        httpStatus: 403,
        cloudflareCode: 1020,
        rayId: '8f1a2b3c4d5e6f70',
        viaCloudflare: true,
        vendor: 'cloudflare',
        elapsedMs: 40,
        error: undefined,
      },
    ],
    status: {
      ok: true,
      status: {
        format: 'statuspage',
        source: 's',
        indicator: 'none',
        description: 'All good',
        degradedComponents: [],
        incidents: [],
      },
    },
  },
  checks: [
    { check: 'access', label: 'Site access', mark: 'problem', detail: 'chatgpt.com: blocked 1020', elapsedMs: 40 },
  ],
  findings: [{ id: 'x', kind: 'blocked', severity: 'problem', title: 'Blocked from 198.51.100.23.', detail: 'x.' }],
  plan: [],
  outcome: 'blocked',
  headline: { tone: 'problem', text: 'You are blocked at chatgpt.com.' },
};
const base = { diagnosis, version: '0.1.0', os: 'linux 6.1.0', now: new Date('2026-12-02T10:05:00Z') };

describe('the support report', () => {
  it('names the site, the verdict, vendor, code, Ray ID, the IPs, the status, the app and what was tried', () => {
    const text = buildReport({
      ...base,
      includeIp: true,
      tried: [{ what: 'Reset the router', result: 'Refused (606).', at: 't1' }],
    });
    for (const part of [
      'chatgpt.com: blocked',
      'HTTP 403',
      'vendor cloudflare',
      'code 1020',
      'Ray ID 8f1a2b3c4d5e6f70',
    ]) {
      expect(text).toContain(part);
    }
    expect(text).toContain('198.51.100.23');
    expect(text).toContain('2001:db8::7');
    expect(text).toContain('Service status: none (All good)');
    expect(text).toContain('Access Doctor 0.1.0 on linux 6.1.0');
    expect(text).toContain('t1 Reset the router: Refused (606).');
  });

  it('leaves every occurrence of the IP addresses out when asked', () => {
    const text = buildReport({
      ...base,
      includeIp: false,
      tried: [{ what: 'Scan', result: 'Blocked from 198.51.100.23.', at: 't' }],
    });
    expect(text).not.toContain('198.51.100.23');
    expect(text).not.toContain('2001:db8::7');
    expect(text).toContain('Public IPv4: (left out)');
    expect(text).toContain('Ray ID 8f1a2b3c4d5e6f70');
  });
});
