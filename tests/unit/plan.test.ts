import { describe, expect, it } from 'vitest';
import { planFixes } from '../../electron/services/plan';
import type { AccessResult, RouterInfo, StatusResult } from '../../shared/model';

const site = 'https://chatgpt.com/';
const access = (verdict: AccessResult['verdict'], extra: Partial<AccessResult> = {}): AccessResult => ({
  target: site,
  verdict,
  viaCloudflare: true,
  elapsedMs: 10,
  ...extra,
});
const status = (indicator: 'none' | 'major'): StatusResult => ({
  ok: true,
  status: { format: 'statuspage', source: 's', indicator, description: '', degradedComponents: [], incidents: [] },
});
const router = (reconnect: RouterInfo['reconnect']) => ({ ok: true as const, router: { reconnect } as RouterInfo });

describe('fix plan', () => {
  it('nothing to do when every site answers', () => {
    expect(planFixes({ access: [access('ok')], status: status('none'), router: null })).toEqual([]);
  });

  it('a 1020 block with a router that offers reconnect: reset router, then watch, then contact with the Ray ID', () => {
    const plan = planFixes({
      access: [access('blocked', { cloudflareCode: 1020, rayId: '8f1a2b3c4d5e6f70-AMS' })],
      status: status('none'),
      router: router('offered'),
    });
    expect(plan.map((s) => s.id)).toEqual(['reset-router', 'watch', 'contact-site']);
    expect(plan[0]?.view).toBe('router');
    expect(plan[2]?.title).toContain('8f1a2b3c4d5e6f70-AMS');
  });

  it('without a router (or one that does not offer reconnect) the plan guides a restart by hand', () => {
    for (const r of [null, router('not-offered')]) {
      const plan = planFixes({ access: [access('blocked')], status: null, router: r });
      expect(plan.map((s) => s.id)).toEqual(['power-cycle', 'watch']);
    }
  });

  it('says when a new address is not certain behind another NAT', () => {
    const plan = planFixes({
      access: [access('blocked')],
      status: null,
      router: router('offered'),
      routerBehindAnotherNat: true,
    });
    expect(plan[0]?.why).toMatch(/behind another NAT/);
  });

  it('an outage comes first; rate limits say how long to wait; challenges say to open the browser', () => {
    const plan = planFixes({
      access: [
        access('rate-limited', { retryAfterSeconds: 600 }),
        access('challenge', { target: 'https://b.example/' }),
      ],
      status: status('major'),
      router: null,
    });
    expect(plan.map((s) => s.id)).toEqual([
      'wait-outage',
      'open-in-browser',
      'wait-rate-limit',
      'power-cycle',
      'watch',
    ]);
    expect(plan.find((s) => s.id === 'wait-rate-limit')?.title).toBe('Wait about 10 min, then try again');
    expect(plan.find((s) => s.id === 'open-in-browser')?.title).toContain('b.example');
  });
});
