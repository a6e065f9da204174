import { describe, expect, it } from 'vitest';
import type { FixInput } from '../../../electron/services/capability';
import { routerCapability } from '../../../electron/services/router/capability';
import { routerAnswered, routerFindings } from '../../../electron/services/router/findings';
import type { AccessResult, RouterStatus } from '../../../shared/model';
import { followsSentenceRule, formatWait } from '../../../shared/text';
import { isRefused } from '../../../shared/verdict';
import {
  access,
  PUBLIC_IP,
  ROUTERS,
  type RouterCase,
  routerInfo,
  VERDICTS,
  type VerdictCase,
} from '../diagnosis/fakes';

const ROUTER_CASES = (Object.keys(ROUTERS) as RouterCase[]).filter((c) => ROUTERS[c] !== null);
const statusOf = (c: RouterCase): RouterStatus | undefined => ROUTERS[c]?.() ?? undefined;
const cap = (unplugSeconds = 30) => routerCapability(async () => ROUTERS['not found'](), unplugSeconds);
const stepsFor = (router: RouterStatus | undefined, accessResults: AccessResult[], unplugSeconds = 30) => {
  const c = cap(unplugSeconds);
  const results = { router, access: accessResults };
  const input: FixInput = { targets: [], results, findings: c.findings?.({ targets: [], results }) ?? [] };
  return c.fixes?.(input) ?? [];
};
const check = () => {
  const c = cap().check;
  if (c?.id !== 'router') throw new Error('the router capability has a router check');
  return c;
};
const cgnat = (): RouterStatus => ({ ok: true, router: routerInfo({ externalIp: '100.64.3.4' }) });

describe('router findings', () => {
  it('nothing to say when the check did not run', () => {
    expect(routerFindings(undefined, null)).toEqual([]);
  });

  it('a connected router is information with its name, address and WAN IP as facts', () => {
    const findings = routerFindings(ROUTERS['found, connected, offers reconnect'](), PUBLIC_IP);
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f).toMatchObject({ kind: 'router', severity: 'info' });
    expect(f?.title).toContain('FRITZ!Box 7590');
    expect(f?.facts).toEqual(
      expect.arrayContaining([
        { label: 'Router', value: 'FRITZ!Box 7590 (192.168.1.1)' },
        { label: 'Router WAN IP', value: PUBLIC_IP, copy: true },
        { label: 'Connected for', value: '2 h' },
      ]),
    );
    expect(f?.detail).toMatch(/offers a remote reconnect/);
  });

  it('says so when it does not offer a reconnect, and when it is not connected', () => {
    const [notOffered] = routerFindings(ROUTERS['found, does not offer reconnect'](), PUBLIC_IP);
    expect(notOffered?.detail).toMatch(/does not offer a remote reconnect/);
    const [down] = routerFindings(
      { ok: true, router: routerInfo({ connectionStatus: 'Disconnected', externalIp: null }) },
      PUBLIC_IP,
    );
    expect(down).toMatchObject({ kind: 'router', severity: 'warning' });
    expect(down?.title).toContain('Disconnected');
    expect(down?.facts).toEqual(
      expect.arrayContaining([{ label: 'Router WAN IP', value: 'not reported', copy: false }]),
    );
  });

  it('carrier-grade NAT becomes a warning next to the router finding', () => {
    const findings = routerFindings(cgnat(), PUBLIC_IP);
    expect(findings.map((f) => [f.kind, f.severity])).toEqual([
      ['router', 'info'],
      ['router-nat', 'warning'],
    ]);
    expect(findings[1]?.id).toBe('router-nat:cgnat');
  });

  it('the router’s own view of the outside address wins over the echo service for NAT', () => {
    const findings = routerFindings({ ok: true, router: routerInfo({ publicIp: '203.0.113.9' }) }, PUBLIC_IP);
    expect(findings.find((f) => f.kind === 'router-nat')?.id).toBe('router-nat:mismatch');
  });

  it('no router and a broken router are information, and read differently', () => {
    const [missing] = routerFindings(ROUTERS['not found'](), null);
    const [broken] = routerFindings(ROUTERS['answered but broken'](), null);
    expect(missing).toMatchObject({ kind: 'router-not-found', severity: 'info' });
    expect(broken).toMatchObject({ kind: 'router-not-found', severity: 'info' });
    expect(missing?.title).not.toBe(broken?.title);
    expect(broken?.detail).toContain('not well-formed XML');
    expect(missing?.detail).toMatch(/restarting the router by hand/);
  });

  it('routerAnswered tells no answer from a broken answer', () => {
    expect(routerAnswered(ROUTERS['not found']())).toBe(false);
    expect(routerAnswered({ ok: false, error: { code: 'router-no-interface', message: 'No network.' } })).toBe(false);
    expect(routerAnswered(ROUTERS['answered but broken']())).toBe(true);
    expect(routerAnswered(ROUTERS['found, connected, offers reconnect']())).toBe(true);
  });

  it.each(ROUTER_CASES)('every message for %s follows the sentence rule', (c) => {
    for (const ip of [PUBLIC_IP, null]) {
      for (const f of routerFindings(statusOf(c), ip)) {
        expect(followsSentenceRule(f.title), f.title).toBe(true);
        expect(followsSentenceRule(f.detail), f.detail).toBe(true);
      }
    }
  });

  it('every message for NAT, a disconnected router and an unknown reconnect follows the sentence rule', () => {
    const statuses: RouterStatus[] = [
      cgnat(),
      { ok: true, router: routerInfo({ externalIp: '10.0.0.2' }) },
      { ok: true, router: routerInfo({ externalIp: '203.0.113.1' }) },
      { ok: true, router: routerInfo({ connectionStatus: null, externalIp: null, reconnect: 'unknown' }) },
      { ok: true, router: routerInfo({ connectionStatus: 'Disconnected', uptimeSeconds: 30 }) },
    ];
    for (const s of statuses) {
      for (const f of routerFindings(s, PUBLIC_IP)) {
        expect(followsSentenceRule(f.title), f.title).toBe(true);
        expect(followsSentenceRule(f.detail), f.detail).toBe(true);
      }
    }
  });
});

describe('router fixes', () => {
  const REFUSED: VerdictCase[] = [
    'blocked 1020 with Ray ID',
    'blocked without code',
    'rate-limited 1015 with Retry-After',
  ];

  it.each(Object.keys(VERDICTS) as VerdictCase[])('%s: a router step only when a site refused you', (v) => {
    const r = VERDICTS[v]();
    for (const c of ROUTER_CASES) {
      const steps = stepsFor(statusOf(c), [r]);
      expect(steps.length > 0, `${v} / ${c}`).toBe(isRefused(r.verdict));
      expect(REFUSED.includes(v)).toBe(isRefused(r.verdict));
    }
  });

  it('a router that offers (or may offer) a reconnect: reset it, in the Router view', () => {
    for (const router of [
      ROUTERS['found, connected, offers reconnect'](),
      { ok: true as const, router: routerInfo({ reconnect: 'unknown' }) },
    ]) {
      const steps = stepsFor(router, [VERDICTS['blocked 1020 with Ray ID']()]);
      expect(steps.map((s) => [s.id, s.view])).toEqual([['reset-router', 'router']]);
    }
  });

  it('no router, a broken one or one without reconnect: restart it by hand, in the Router view', () => {
    for (const c of ['found, does not offer reconnect', 'not found', 'answered but broken'] as const) {
      const steps = stepsFor(statusOf(c), [VERDICTS['blocked 1020 with Ray ID']()]);
      expect(
        steps.map((s) => [s.id, s.view]),
        c,
      ).toEqual([['power-cycle', 'router']]);
    }
    expect(stepsFor(undefined, [VERDICTS['blocked without code']()]).map((s) => s.id)).toEqual(['power-cycle']);
  });

  it('the two ways of saying why a restart by hand differ for a router that answered and one that did not', () => {
    const notOffered = stepsFor(statusOf('found, does not offer reconnect'), [VERDICTS['blocked without code']()]);
    const missing = stepsFor(statusOf('not found'), [VERDICTS['blocked without code']()]);
    expect(notOffered[0]?.why).toMatch(/does not offer a remote reconnect/);
    expect(missing[0]?.why).not.toMatch(/does not offer/);
  });

  it('behind another NAT the step says a new address is not certain', () => {
    const [step] = stepsFor(cgnat(), [VERDICTS['blocked 1020 with Ray ID']()]);
    expect(step?.id).toBe('reset-router');
    expect(step?.why).toMatch(/behind another NAT/);
    const [plain] = stepsFor(statusOf('found, connected, offers reconnect'), [VERDICTS['blocked 1020 with Ray ID']()]);
    expect(plain?.why).not.toMatch(/NAT/);
  });

  it.each(ROUTER_CASES)('every step for %s follows the sentence rule', (c) => {
    for (const step of stepsFor(statusOf(c), [VERDICTS['blocked 1020 with Ray ID']()])) {
      expect(followsSentenceRule(step.title), step.title).toBe(true);
      expect(followsSentenceRule(step.why), step.why).toBe(true);
    }
  });

  // formatWait is "one way to say a wait"; the power-cycle step writes `${unplugSeconds} s` by hand.
  // SOURCE BUG (router/capability.ts): with unplugSeconds 120 it says "120 s" where formatWait says "2 min".
  it('says how long to unplug the way formatWait says it', () => {
    const [step] = stepsFor(statusOf('not found'), [VERDICTS['blocked without code']()], 120);
    expect(step?.why).toContain(`for ${formatWait(120)}`);
  });
});

describe('router check mark', () => {
  it('connected is fine, not connected is a problem, and no router is not available (not a problem)', () => {
    expect(check().summarize(ROUTERS['found, connected, offers reconnect']()).mark).toBe('fine');
    expect(check().summarize(ROUTERS['found, does not offer reconnect']()).mark).toBe('fine');
    expect(check().summarize({ ok: true, router: routerInfo({ connectionStatus: 'Disconnected' }) }).mark).toBe(
      'problem',
    );
    expect(check().summarize(ROUTERS['not found']())).toEqual({ mark: 'unavailable', detail: 'No router answered.' });
    expect(check().summarize(ROUTERS['answered but broken']())).toEqual({
      mark: 'unavailable',
      detail: 'A router answered but cannot be used.',
    });
  });

  it('names the router and its WAN address', () => {
    const { detail } = check().summarize(ROUTERS['found, connected, offers reconnect']());
    expect(detail).toContain('FRITZ!Box 7590');
    expect(detail).toContain(PUBLIC_IP);
  });
});

it('the router capability has access results to decide by', () => {
  expect(stepsFor(undefined, [access()])).toEqual([]);
});
