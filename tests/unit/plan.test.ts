/** The plan and the headline across capabilities: rank order, one button per view, no contradictions. */
import { describe, expect, it } from 'vitest';
import type { AnyCapability, RankedStep } from '../../electron/services/capability';
import { findingsFor, headlineFor, planFor } from '../../electron/services/plan';
import type { DiagnosisResults } from '../../shared/model';
import { followsSentenceRule, formatWait } from '../../shared/text';
import { outcomeOf } from '../../shared/verdict';
import { access, capabilities, IPS, RAY, ROUTERS, STATUSES, VERDICTS } from './diagnosis/fakes';

const draw = (results: DiagnosisResults, caps: AnyCapability[] = capabilities()) => {
  const targets = (results.access ?? []).map((a) => a.target);
  const findings = findingsFor(caps, { targets, results });
  const plan = planFor(caps, { targets, results, findings });
  const headline = headlineFor({ targets, results, findings }, outcomeOf(results.access ?? []));
  return { findings, plan, headline, ids: plan.map((s) => s.id) };
};
const step = (over: Partial<RankedStep> & Pick<RankedStep, 'rank'>): RankedStep => ({
  id: 'watch',
  title: 'Do it.',
  why: 'Because.',
  ...over,
});

describe('planFor', () => {
  it('orders by rank; equal ranks keep the registry order; the rank does not leak into the plan', () => {
    const caps: AnyCapability[] = [
      { id: 'a', fixes: () => [step({ rank: 50, title: 'A50.' }), step({ rank: 10, title: 'A10.' })] },
      { id: 'b', fixes: () => [step({ rank: 10, title: 'B10.' }), step({ rank: 5, title: 'B5.' })] },
    ];
    const plan = planFor(caps, { targets: [], results: {}, findings: [] });
    expect(plan.map((s) => s.title)).toEqual(['B5.', 'A10.', 'B10.', 'A50.']);
    expect(plan.some((s) => 'rank' in s)).toBe(false);
  });

  it('drops a step proposed twice, and only the first step of a view keeps its button', () => {
    const caps: AnyCapability[] = [
      {
        id: 'a',
        fixes: () => [
          step({ rank: 30, id: 'wait-rate-limit', title: 'Wait.', view: 'watch' }),
          step({ rank: 80, id: 'watch', title: 'Watch.', view: 'watch' }),
          step({ rank: 80, id: 'watch', title: 'Watch.', view: 'watch' }),
          step({ rank: 15, id: 'check-connection', title: 'Check.', view: 'scan' }),
        ],
      },
    ];
    const plan = planFor(caps, { targets: [], results: {}, findings: [] });
    expect(plan.map((s) => [s.id, s.view])).toEqual([
      ['check-connection', 'scan'],
      ['wait-rate-limit', 'watch'],
      ['watch', undefined],
    ]);
  });

  it('nothing to do when every site answers and the service is fine', () => {
    expect(
      draw({ ip: IPS.known(), access: [access()], status: STATUSES.none(), router: ROUTERS['not found']() }).plan,
    ).toEqual([]);
  });

  it('a 1020 block with a router that offers a reconnect: reset the router, then watch, then contact the site with the Ray ID', () => {
    const { plan, ids } = draw({
      access: [VERDICTS['blocked 1020 with Ray ID']()],
      status: STATUSES.none(),
      router: ROUTERS['found, connected, offers reconnect'](),
    });
    expect(ids).toEqual(['reset-router', 'watch', 'contact-site']);
    expect(plan[0]?.view).toBe('router');
    expect(plan[1]?.view).toBe('watch');
    expect(plan[2]?.title).toContain(RAY);
  });

  it('without a router, or with one that does not offer a reconnect, the plan guides a restart by hand', () => {
    for (const router of [undefined, ROUTERS['not found'](), ROUTERS['found, does not offer reconnect']()]) {
      expect(draw({ access: [VERDICTS['blocked without code']()], router }).ids).toEqual([
        'power-cycle',
        'watch',
        'contact-site',
      ]);
    }
  });

  it('an outage comes first; then the challenge, the rate limit, the router, the watch', () => {
    const { plan, ids } = draw({
      access: [
        access({ verdict: 'rate-limited', retryAfterSeconds: 600 }),
        access({ verdict: 'challenge', target: 'https://b.example/' }),
      ],
      status: STATUSES.major(),
    });
    expect(ids).toEqual(['wait-outage', 'open-in-browser', 'wait-rate-limit', 'power-cycle', 'watch']);
    expect(plan.find((s) => s.id === 'wait-rate-limit')?.title).toContain(formatWait(600));
    expect(plan.find((s) => s.id === 'open-in-browser')?.title).toContain('b.example');
    // The outage step has the Watch button; the later steps of that view do not repeat it.
    expect(plan.filter((s) => s.view === 'watch').map((s) => s.id)).toEqual(['wait-outage']);
  });

  it('every step title and why follows the sentence rule', () => {
    const { plan } = draw({
      access: [VERDICTS['blocked 1020 with Ray ID'](), VERDICTS['rate-limited 1015 with Retry-After']()],
      status: STATUSES.critical(),
      router: ROUTERS['found, does not offer reconnect'](),
    });
    for (const s of plan) {
      expect(followsSentenceRule(s.title), s.title).toBe(true);
      expect(followsSentenceRule(s.why), s.why).toBe(true);
    }
  });
});

describe('headlineFor', () => {
  it('all fine is good', () => {
    const { headline } = draw({ access: [access()], status: STATUSES.none() });
    expect(headline.tone).toBe('good');
    expect(followsSentenceRule(headline.text)).toBe(true);
  });

  it('a challenge is still good, and says a person passes it', () => {
    const { headline } = draw({ access: [VERDICTS.challenge()], status: STATUSES.none() });
    expect(headline.tone).toBe('good');
    expect(headline.text).toMatch(/chatgpt\.com/);
    expect(headline.text).not.toMatch(/\bblocked\b/i);
  });

  it('an outage is never "nothing blocks you": every site answered, but the service reports trouble', () => {
    for (const status of [STATUSES.minor(), STATUSES.major(), STATUSES.critical()]) {
      const { headline } = draw({ access: [access()], status });
      expect(headline.tone).toBe('warning');
      expect(headline.text).not.toMatch(/nothing blocks you/);
      expect(followsSentenceRule(headline.text)).toBe(true);
    }
  });

  it('a block or a rate limit is a problem naming the site', () => {
    for (const v of ['blocked 1020 with Ray ID', 'rate-limited 1015 with Retry-After'] as const) {
      const { headline } = draw({ access: [VERDICTS[v]()] });
      expect(headline.tone).toBe('problem');
      expect(headline.text).toContain('chatgpt.com');
      expect(followsSentenceRule(headline.text)).toBe(true);
    }
    const both = draw({
      access: [
        access({ target: 'https://a.test/', verdict: 'blocked' }),
        access({ target: 'https://b.test/', verdict: 'rate-limited' }),
      ],
    }).headline.text;
    expect(both).toMatch(/blocked at a\.test/);
    expect(both).toMatch(/rate limited at b\.test/);
  });

  it('down or unreachable is a warning naming the site, and says the other sites answered when they did', () => {
    const { headline } = draw({ access: [VERDICTS['down 521'](), access({ target: 'https://b.test/' })] });
    expect(headline.tone).toBe('warning');
    expect(headline.text).toMatch(/chatgpt\.com/);
    expect(headline.text).toMatch(/other sites answered/);
    expect(draw({ access: [VERDICTS['unreachable timeout']()] }).headline.text).not.toMatch(/other sites/);
  });

  // SOURCE BUG (plan.ts headlineFor): when no site could be checked the headline says "The steps below say
  // what to try" over an empty plan.
  it('promises steps only when there are steps', () => {
    for (const results of [{}, { access: [] }, { access: [], status: STATUSES.none() }] as DiagnosisResults[]) {
      const { headline, plan } = draw(results);
      if (/steps below/.test(headline.text)) expect(plan, headline.text).not.toEqual([]);
    }
  });
});
