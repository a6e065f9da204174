import { describe, expect, it } from 'vitest';
import {
  formatDiagnosis,
  formatFinding,
  formatProgress,
  formatPublicIp,
  formatStatus,
} from '../../../electron/cli/format';
import type { Diagnosis } from '../../../shared/model';

describe('formatFinding', () => {
  it('marks severity and lists facts under the detail', () => {
    expect(
      formatFinding({
        id: 'x',
        kind: 'blocked',
        severity: 'problem',
        title: 'Blocked by Cloudflare (error 1020) at chatgpt.com',
        detail: 'Cloudflare says a firewall rule matched.',
        facts: [{ label: 'Ray ID', value: '8f1a2b3c4d5e6f70-AMS', copy: true }],
      }),
    ).toEqual([
      '✖ Blocked by Cloudflare (error 1020) at chatgpt.com',
      '  Cloudflare says a firewall rule matched.',
      '  Ray ID: 8f1a2b3c4d5e6f70-AMS',
    ]);
    expect(formatFinding({ id: 'y', kind: 'reachable', severity: 'good', title: 'ok', detail: 'd' })[0]).toBe('✔ ok');
  });
});

describe('formatDiagnosis', () => {
  const diagnosis = (over: Partial<Diagnosis> = {}): Diagnosis => ({
    runId: 'r',
    startedAt: '2026-11-25T10:00:00.000Z',
    finishedAt: '2026-11-25T10:00:01.000Z',
    elapsedMs: 1000,
    targets: ['https://chatgpt.com/'],
    results: {},
    plan: [],
    checks: [],
    findings: [
      { id: 'w', kind: 'warp', severity: 'warning', title: 'Your traffic goes through Cloudflare WARP.', detail: 'D.' },
    ],
    outcome: 'blocked',
    headline: { tone: 'problem', text: 'You are blocked at chatgpt.com.' },
    ...over,
  });

  it('prints a header, each finding and the headline; no plan section when there is nothing to do', () => {
    expect(formatDiagnosis(diagnosis()).split('\n')).toEqual([
      'Access Doctor diagnosis (1000 ms)',
      '',
      '! Your traffic goes through Cloudflare WARP.',
      '  D.',
      '',
      'You are blocked at chatgpt.com.',
    ]);
  });

  it('the last lines are the plan, numbered, each with its why and its link', () => {
    const text = formatDiagnosis(
      diagnosis({
        plan: [
          {
            id: 'wait-outage',
            title: 'Wait for the service to recover.',
            why: 'It is down.',
            link: { label: 'Open the status page', url: 'https://status.openai.com/' },
          },
          { id: 'watch', title: 'Let Access Doctor watch.', why: 'It tells you.' },
        ],
      }),
    );
    expect(text.split('\n').slice(-7)).toEqual([
      '',
      'What to try next:',
      '  1. Wait for the service to recover.',
      '     It is down.',
      '     Open the status page: https://status.openai.com/',
      '  2. Let Access Doctor watch.',
      '     It tells you.',
    ]);
  });
});

describe('formatProgress', () => {
  it('shows running, then what the check found (its mark) with detail and time', () => {
    expect(formatProgress({ runId: 'r', check: 'access', label: 'Site access', state: 'running' })).toBe(
      '  Site access: …',
    );
    expect(
      formatProgress({
        runId: 'r',
        check: 'access',
        label: 'Site access',
        state: 'finished',
        mark: 'problem',
        detail: 'chatgpt.com: blocked 1020',
        elapsedMs: 412,
      }),
    ).toBe('  Site access: problem — chatgpt.com: blocked 1020 (412 ms)');
    expect(
      formatProgress({ runId: 'r', check: 'ip', label: 'Public IP', state: 'finished', mark: 'fine', elapsedMs: 3 }),
    ).toBe('  Public IP: fine (3 ms)');
    expect(
      formatProgress({
        runId: 'r',
        check: 'status',
        label: 'Service status',
        state: 'finished',
        mark: 'unavailable',
        elapsedMs: 0,
      }),
    ).toBe('  Service status: not available (0 ms)');
  });
});

describe('formatPublicIp', () => {
  it('prints each family with its trace extras and source', () => {
    expect(
      formatPublicIp({
        v4: { ip: '198.51.100.23', family: 4, source: 'http://echo/trace', loc: 'NL', colo: 'AMS', warp: 'off' },
        failures: [],
      }),
    ).toBe('IPv4: 198.51.100.23 (location NL, Cloudflare AMS, warp=off)  [http://echo/trace]\nIPv6: none found');
  });

  it('lists the failures only when nothing was found', () => {
    const text = formatPublicIp({
      failures: [
        { source: 'http://echo/a', error: { code: 'net-timeout', message: 'echo did not answer within 2 s' } },
      ],
    });
    expect(text).toBe('IPv4: unknown\nIPv6: none found\n  http://echo/a: echo did not answer within 2 s');
  });
});

describe('formatStatus', () => {
  it('prints the description, components and incidents', () => {
    expect(
      formatStatus({
        ok: true,
        status: {
          format: 'incident.io',
          source: 's',
          indicator: 'major',
          description: 'Major service outage',
          degradedComponents: [{ name: 'ChatGPT', status: 'partial_outage' }],
          incidents: [{ name: 'Errors', status: 'identified', impact: 'major', url: 'https://status.example.com/i/1' }],
        },
      }),
    ).toBe(
      'Major service outage (indicator: major, from incident.io)\n  component ChatGPT: partial_outage\n  incident: Errors [identified] https://status.example.com/i/1',
    );
  });

  it('prints the failure and its source', () => {
    expect(
      formatStatus({ ok: false, source: 'http://s/summary.json', error: { code: 'bad-answer', message: 'not JSON' } }),
    ).toBe('Service status unknown: not JSON\n  source: http://s/summary.json');
  });
});
