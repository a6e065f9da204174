/** The comparison's wording and its effect on the plan: differs, same, PAC, and the proxy server chosen. */
import { describe, expect, it } from 'vitest';
import { proxyCapability } from '../../../electron/services/proxy/capability';
import { httpProxyOf } from '../../../electron/services/proxy/compare';
import { comparisonFinding } from '../../../electron/services/proxy/findings';
import { report } from '../../../electron/services/proxy/types';
import type { AccessResult, ProxyStatus } from '../../../shared/model';
import { followsSentenceRule } from '../../../shared/text';

const target = 'https://chatgpt.com/';
const blocked: AccessResult = {
  target,
  verdict: 'blocked',
  httpStatus: 403,
  cloudflareCode: 1020,
  viaCloudflare: true,
  elapsedMs: 1,
};
const ok: AccessResult = { target, verdict: 'ok', httpStatus: 200, viaCloudflare: true, elapsedMs: 1 };
const set: ProxyStatus = {
  system: 'gnome',
  reports: [report('gnome', 'GNOME', { mode: 'manual', servers: [{ kind: 'http', host: '10.0.0.1', port: 3128 }] })],
  failures: [],
};

describe('proxy comparison', () => {
  it('says in one sentence what differs, and that the proxy is the cause', () => {
    const f = comparisonFinding({
      kind: 'compared',
      proxy: 'http://10.0.0.1:3128',
      where: 'GNOME settings',
      rows: [{ target, viaProxy: blocked, direct: ok }],
    });
    expect(f?.title).toBe('Through your proxy chatgpt.com answers 1020; without it, it loads.');
    expect(f?.severity).toBe('problem');
    expect(followsSentenceRule(f?.detail ?? '')).toBe(true);
  });

  it('says the proxy is not the cause when both ways answer alike, and drops the try-without-proxy step', () => {
    const comparison = {
      kind: 'compared' as const,
      proxy: 'http://10.0.0.1:3128',
      where: 'GNOME settings',
      rows: [{ target, viaProxy: blocked, direct: blocked }],
    };
    const f = comparisonFinding(comparison);
    expect(f?.title).toBe('The proxy is not the cause.');
    expect(followsSentenceRule(f?.detail ?? '')).toBe(true);
    const cap = proxyCapability(async () => set, {});
    const fixes = (proxy: ProxyStatus) =>
      cap.fixes?.({ targets: [target], results: { proxy, access: [blocked] }, findings: [] }) ?? [];
    expect(fixes(set).map((s) => s.id)).toEqual(['try-without-proxy']);
    expect(fixes({ ...set, comparison })).toEqual([]);
  });

  it('an excepted site is not blamed on the proxy, and the step is dropped when every refusing site is excepted', () => {
    const excepted = {
      kind: 'compared' as const,
      proxy: 'http://10.0.0.1:3128',
      where: 'GNOME settings',
      rows: [{ target, viaProxy: blocked, direct: blocked, bypassedBy: '*.chatgpt.com' }],
    };
    const f = comparisonFinding(excepted);
    expect(f?.title).toBe(
      'chatgpt.com is on the proxy’s exception list (*.chatgpt.com), so it is reached without the proxy.',
    );
    expect(f?.severity).toBe('info');
    expect(followsSentenceRule(f?.detail ?? '')).toBe(true);
    const listed: ProxyStatus = {
      ...set,
      reports: [{ ...(set.reports[0] ?? report('gnome', 'GNOME', {})), ignoreHosts: ['chatgpt.com'] }],
    };
    const cap = proxyCapability(async () => listed, {});
    const input = { targets: [target], results: { proxy: listed, access: [blocked] }, findings: [] };
    expect(cap.fixes?.(input) ?? []).toEqual([]);
    const setFinding = cap.findings?.(input).find((x) => x.kind === 'proxy');
    expect(setFinding?.severity).toBe('info');
    expect(setFinding?.detail).toContain('chatgpt.com is on the proxy’s exception list (chatgpt.com)');
    // Another site that refuses is still worth a try without the proxy.
    const other: AccessResult = { ...blocked, target: 'https://openai.com/' };
    const both = {
      targets: [target, other.target],
      results: { proxy: listed, access: [blocked, other] },
      findings: [],
    };
    expect((cap.fixes?.(both) ?? []).map((s) => s.id)).toEqual(['try-without-proxy']);
  });

  it('names the PAC script that decides', () => {
    const f = comparisonFinding({ kind: 'pac', pacUrl: 'http://wpad/proxy.pac', where: 'GNOME settings' });
    expect(f?.title).toBe('Whether the proxy is used is decided by a PAC script at http://wpad/proxy.pac.');
    expect(followsSentenceRule(f?.detail ?? '')).toBe(true);
  });

  it('takes the first http(s) server; SOCKS and https:// proxies are not spoken', () => {
    expect(httpProxyOf(set.reports[0] ?? report('env', 'x', {}))).toEqual({
      endpoint: { host: '10.0.0.1', port: 3128 },
      url: 'http://10.0.0.1:3128',
    });
    expect(
      httpProxyOf(report('env', 'env', { servers: [{ kind: 'https', host: 'http://[::1]', port: 8080 }] })),
    ).toMatchObject({ endpoint: { host: '::1', port: 8080 } });
    expect(
      httpProxyOf(report('gnome', 'g', { servers: [{ kind: 'socks', host: '10.0.0.2', port: 1080 }] })),
    ).toHaveProperty('unsupported');
    expect(
      httpProxyOf(report('env', 'e', { servers: [{ kind: 'http', host: 'https://p.example', port: 443 }] })),
    ).toHaveProperty('unsupported');
  });
});
