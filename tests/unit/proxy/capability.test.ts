/** The proxy check's mark, its findings' wording and when it proposes trying without the proxy. */
import { describe, expect, it } from 'vitest';
import { proxyCapability } from '../../../electron/services/proxy/capability';
import { report } from '../../../electron/services/proxy/types';
import type { AccessResult, ProxyStatus } from '../../../shared/model';
import { followsSentenceRule } from '../../../shared/text';

const set: ProxyStatus = {
  system: 'gnome',
  reports: [
    report('gnome', 'GNOME settings', { mode: 'manual', servers: [{ kind: 'http', host: '10.0.0.1', port: 3128 }] }),
  ],
  failures: [],
};
const none: ProxyStatus = { system: 'gnome', reports: [report('gnome', 'GNOME settings', {})], failures: [] };
const unreadable: ProxyStatus = {
  system: 'kde',
  reports: [],
  failures: [{ source: 'kde', error: { code: 'tool-missing', message: 'The KDE proxy settings could not be read.' } }],
};
const blocked: AccessResult[] = [{ target: 'https://chatgpt.com/', verdict: 'blocked' } as AccessResult];
const ok: AccessResult[] = [{ target: 'https://chatgpt.com/', verdict: 'ok' } as AccessResult];

describe('proxy capability', () => {
  const cap = proxyCapability(async () => set, {});
  const check = cap.check;
  if (check?.id !== 'proxy') throw new Error('no proxy check');

  it('marks fine when none, problem when set, unavailable when unreadable', () => {
    expect(check.summarize(none).mark).toBe('fine');
    expect(check.summarize(set)).toEqual({ mark: 'problem', detail: 'http://10.0.0.1:3128 (GNOME settings).' });
    expect(check.summarize(unreadable).mark).toBe('unavailable');
  });

  it('says which proxy is set and where, in sentences', () => {
    const findings = cap.findings?.({ targets: [], results: { proxy: set } }) ?? [];
    expect(findings.map((f) => f.title)).toEqual(['A system proxy is set: http://10.0.0.1:3128 (GNOME settings).']);
    for (const f of [...findings, ...(cap.findings?.({ targets: [], results: { proxy: unreadable } }) ?? [])]) {
      expect(followsSentenceRule(f.title)).toBe(true);
      expect(followsSentenceRule(f.detail)).toBe(true);
    }
    expect(cap.findings?.({ targets: [], results: { proxy: none } })).toEqual([]);
  });

  it('proposes try-without-proxy (rank 45) only when a target is refused and a proxy is set', () => {
    const fixes = (proxy: ProxyStatus, access: AccessResult[]) =>
      cap.fixes?.({ targets: [], results: { proxy, access }, findings: [] }) ?? [];
    const steps = fixes(set, blocked);
    expect(steps.map((s) => [s.id, s.rank])).toEqual([['try-without-proxy', 45]]);
    expect(followsSentenceRule(steps[0]?.why ?? '')).toBe(true);
    expect(fixes(set, ok)).toEqual([]);
    expect(fixes(none, blocked)).toEqual([]);
  });
});
