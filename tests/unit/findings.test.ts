/** The findings list across capabilities: registry order, one finding per thing found, meanings kept. */
import { describe, expect, it } from 'vitest';
import type { AnyCapability } from '../../electron/services/capability';
import { findingsFor } from '../../electron/services/plan';
import type { DiagnosisResults } from '../../shared/model';
import { followsSentenceRule } from '../../shared/text';
import { access, capabilities, IPS, PUBLIC_IP, RAY, ROUTERS, routerInfo, STATUSES, VERDICTS } from './diagnosis/fakes';

const findings = (results: DiagnosisResults, targets = ['https://chatgpt.com/']) =>
  findingsFor(capabilities(), { targets, results });

describe('findingsFor', () => {
  it('reads the capabilities in registry order: IP, sites, status, router', () => {
    const kinds = findings({
      ip: IPS.known(),
      access: [VERDICTS['blocked 1020 with Ray ID']()],
      status: STATUSES.none(),
      router: ROUTERS['found, connected, offers reconnect'](),
    }).map((f) => f.kind);
    expect(kinds).toEqual(['public-ip', 'blocked', 'status-ok', 'router']);
  });

  it('a check that did not run adds nothing', () => {
    expect(findings({})).toEqual([]);
    expect(findings({ access: [access()] }).map((f) => f.kind)).toEqual(['reachable']);
  });

  it('asks every capability that has findings, and skips those without', () => {
    const seen: string[] = [];
    const caps: AnyCapability[] = [
      {
        id: 'a',
        findings: () => {
          seen.push('a');
          return [];
        },
      },
      { id: 'no-findings' },
      {
        id: 'b',
        findings: () => {
          seen.push('b');
          return [];
        },
      },
    ];
    expect(findingsFor(caps, { targets: [], results: {} })).toEqual([]);
    expect(seen).toEqual(['a', 'b']);
  });

  it('finding ids are unique within one diagnosis, even for several sites', () => {
    const list = findings(
      {
        ip: IPS.known(),
        access: [
          access({ target: 'https://a.test/', verdict: 'blocked' }),
          access({ target: 'https://b.test/', verdict: 'blocked' }),
          access({ target: 'https://c.test/', verdict: 'rate-limited' }),
        ],
        status: STATUSES.major(),
        router: { ok: true, router: routerInfo({ externalIp: '100.64.1.1' }) },
      },
      ['https://a.test/', 'https://b.test/', 'https://c.test/'],
    );
    const ids = list.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('the 1020 finding names the Ray ID and the public IP the IP check found as copyable facts', () => {
    const blocked = findings({ ip: IPS.known(), access: [VERDICTS['blocked 1020 with Ray ID']()] }).find(
      (f) => f.kind === 'blocked',
    );
    expect(blocked?.facts).toEqual(
      expect.arrayContaining([
        { label: 'Ray ID', value: RAY, copy: true },
        { label: 'Your public IP', value: PUBLIC_IP, copy: true },
      ]),
    );
  });

  it('without a known public IP the block has no IP fact rather than an empty one', () => {
    const blocked = findings({ ip: IPS.unknown(), access: [VERDICTS['blocked 1020 with Ray ID']()] }).find(
      (f) => f.kind === 'blocked',
    );
    expect(blocked?.facts?.some((f) => f.label === 'Your public IP')).toBe(false);
  });

  it('a challenge is not a block, and nothing calls it one', () => {
    const list = findings({ access: [VERDICTS.challenge()], status: STATUSES.none() });
    expect(list.map((f) => f.kind)).toEqual(['challenge', 'status-ok']);
    expect(list.some((f) => f.severity === 'problem')).toBe(false);
    expect(list.find((f) => f.kind === 'status-ok')?.detail).not.toMatch(/refusal/);
  });

  it('a site that is down is not about your connection, and the status finding does not say it is', () => {
    const list = findings({ access: [VERDICTS['down 521']()], status: STATUSES.none() });
    expect(list.find((f) => f.kind === 'site-down')?.detail).toMatch(/not about your connection/);
    expect(list.find((f) => f.kind === 'status-ok')?.detail).not.toMatch(/about your connection/);
  });

  it('every finding title and detail follows the sentence rule (fully known, capitalised case)', () => {
    const list = findings({
      ip: IPS.known(),
      access: [VERDICTS['blocked 1020 with Ray ID'](), VERDICTS['rate-limited 1015 with Retry-After']()],
      status: STATUSES.major(),
      router: ROUTERS['found, connected, offers reconnect'](),
    });
    for (const f of list) {
      expect(followsSentenceRule(f.title), f.title).toBe(true);
      expect(followsSentenceRule(f.detail), f.detail).toBe(true);
    }
  });
});
