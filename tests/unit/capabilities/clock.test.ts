import { describe, expect, it } from 'vitest';
import { accessCapability } from '../../../electron/services/access/capability';
import { planFor } from '../../../electron/services/plan';
import type { AccessResult } from '../../../shared/model';
import { followsSentenceRule } from '../../../shared/text';

const probe = (skewMs: number): AccessResult => {
  const receivedAt = Date.parse('2026-12-02T10:00:00Z');
  return {
    target: 'https://chatgpt.com/',
    verdict: 'ok',
    httpStatus: 200,
    viaCloudflare: true,
    elapsedMs: 10,
    // The site's clock says now; ours is `skewMs` ahead of it.
    serverDate: { date: new Date(receivedAt - skewMs).toUTCString(), receivedAt },
  };
};

function diagnoseWith(skewMs: number) {
  const cap = accessCapability(async () => probe(skewMs));
  const results = { access: [probe(skewMs)] };
  const findings = cap.findings?.({ targets: ['https://chatgpt.com/'], results }) ?? [];
  return { findings, plan: planFor([cap], { targets: ['https://chatgpt.com/'], results, findings }) };
}

describe('a wrong system clock, told by the sites’ own Date headers', () => {
  it('ten minutes ahead: a finding and a step to fix it, in whole sentences', () => {
    const { findings, plan } = diagnoseWith(10 * 60_000);
    const clock = findings.find((f) => f.kind === 'clock-skew');
    expect(clock?.title).toContain('ahead');
    expect(plan.map((s) => s.id)).toEqual(['fix-clock']);
    for (const text of [clock?.title, clock?.detail, plan[0]?.title, plan[0]?.why]) {
      expect(followsSentenceRule(text ?? '')).toBe(true);
    }
  });

  it('a few seconds off is normal: nothing is said', () => {
    const { findings, plan } = diagnoseWith(5_000);
    expect(findings.some((f) => f.kind === 'clock-skew')).toBe(false);
    expect(plan).toEqual([]);
  });
});
