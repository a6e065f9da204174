/**
 * Every verdict × status × router × public IP through the real diagnose() with fake checks, and the rules
 * every diagnosis keeps: a next step unless all is fine, no contradictions, the sentence rule, honest marks.
 * Each rule is one test over all cases; a failure lists the cases (and texts) that break it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { AccessResult, Diagnosis } from '../../../shared/model';
import { followsSentenceRule, formatWait } from '../../../shared/text';
import { isReachable, isRefused } from '../../../shared/verdict';
import {
  access,
  IPS,
  type IpCase,
  messagesOf,
  ROUTERS,
  type RouterCase,
  runDiagnosis,
  STATUSES,
  type StatusCase,
  UNPLUG_SECONDS,
  VERDICTS,
  type VerdictCase,
} from './fakes';

interface Case {
  name: string;
  access: AccessResult[];
  status: StatusCase;
  router: RouterCase;
  ip: IpCase;
  d: Diagnosis;
}

const TROUBLE: StatusCase[] = ['minor', 'major', 'critical'];

async function build(verdictSets: [string, AccessResult[]][], statuses: StatusCase[], routers: RouterCase[]) {
  const cases: Case[] = [];
  for (const [vName, results] of verdictSets) {
    for (const status of statuses) {
      for (const router of routers) {
        for (const ip of Object.keys(IPS) as IpCase[]) {
          const byTarget = new Map(results.map((r) => [r.target, r]));
          const routerFake = ROUTERS[router];
          const d = await runDiagnosis(
            {
              probe: (t) => byTarget.get(t) ?? access({ target: t }),
              status: STATUSES[status],
              router: routerFake === null ? null : routerFake,
              ip: IPS[ip],
            },
            results.map((r) => r.target),
          );
          cases.push({
            name: `${vName} | status ${status} | router ${router} | ip ${ip}`,
            access: results,
            status,
            router,
            ip,
            d,
          });
        }
      }
    }
  }
  return cases;
}

/** Runs one rule over every case; fails listing (up to 12) broken cases and how many there are. */
function holds(cases: () => Case[], rule: (c: Case) => string | null | undefined | false) {
  const broken: string[] = [];
  for (const c of cases()) {
    const why = rule(c);
    if (why) broken.push(`${c.name}: ${why}`);
  }
  expect(broken.slice(0, 12), `${broken.length} of ${cases().length} cases break the rule`).toEqual([]);
}

const allFine = (c: Case) => c.access.every((a) => a.verdict === 'ok') && c.status === 'none';
const texts = (d: Diagnosis) => messagesOf(d).map((m) => m.text);
const stepIds = (d: Diagnosis) => d.plan.map((s) => s.id);

/** Durations as the user reads them: "30 s", "10 min", "1.5 h", "2 days", in seconds. */
const UNIT: Record<string, number> = { s: 1, min: 60, h: 3600, days: 86_400 };
function durations(text: string): { said: string; seconds: number }[] {
  return [...text.matchAll(/(\d+(?:\.\d+)?) (s|min|h|days)\b/g)].map((m) => ({
    said: m[0],
    seconds: Number(m[1]) * (UNIT[m[2] ?? 's'] ?? 1),
  }));
}

function rules(cases: () => Case[]) {
  it('(a) at least one next step unless all is fine, and none when it is', () =>
    holds(cases, (c) => {
      if (allFine(c)) return c.d.plan.length > 0 && `all fine but the plan has ${stepIds(c.d).join(', ')}`;
      return c.d.plan.length === 0 && `not all fine but no next step (headline: ${c.d.headline.text})`;
    }));

  it('(b) the headline promises steps only when there are some', () =>
    holds(cases, (c) => /steps below/i.test(c.d.headline.text) && c.d.plan.length === 0 && c.d.headline.text));

  it('(b) an outage finding never coexists with a good headline', () =>
    holds(cases, (c) => {
      const outage = c.d.findings.find((f) => f.kind === 'outage' && f.severity !== 'good');
      return outage && c.d.headline.tone === 'good' && `${outage.title} under "${c.d.headline.text}"`;
    }));

  it('(b) the headline is good only when no finding is a problem', () =>
    holds(cases, (c) => {
      const problem = c.d.findings.find((f) => f.severity === 'problem');
      return problem && c.d.headline.tone === 'good' && `${problem.title} under a good headline`;
    }));

  it('(b) "the refusal is about your connection" only when some site refused you', () =>
    holds(cases, (c) => {
      const says = c.d.findings.some(
        (f) => f.kind === 'status-ok' && /refusal is about your connection/.test(f.detail),
      );
      const refused = c.access.some((a) => isRefused(a.verdict));
      return says !== (refused && c.status === 'none') && `says it: ${says}, refused: ${refused}`;
    }));

  it('(b) "nothing on your side fixes" never stands next to a router step', () =>
    holds(cases, (c) => {
      const router = c.d.plan.some((s) => s.id === 'reset-router' || s.id === 'power-cycle');
      const nothing = c.d.plan.find((s) => /nothing on your side fixes/i.test(`${s.title} ${s.why}`));
      return router && nothing && `${nothing.id} says "${nothing.why}" beside ${stepIds(c.d).join(', ')}`;
    }));

  it('(b) the router step matches what the router finding says about a reconnect', () =>
    holds(cases, (c) => {
      const ids = stepIds(c.d);
      if (ids.includes('reset-router') && c.router !== 'found, connected, offers reconnect')
        return `reset-router with router ${c.router}`;
      if (ids.includes('power-cycle') && c.router === 'found, connected, offers reconnect')
        return 'power-cycle although the router offers a reconnect';
      const refused = c.access.some((a) => isRefused(a.verdict));
      return refused !== (ids.includes('reset-router') || ids.includes('power-cycle')) && `refused ${refused}, ${ids}`;
    }));

  it('(b) at most one plan step carries a given view button', () =>
    holds(cases, (c) => {
      const views = c.d.plan.flatMap((s) => (s.view ? [s.view] : []));
      return new Set(views).size !== views.length && `views ${views.join(', ')}`;
    }));

  it('(b) the same wait reads the same everywhere it appears', () =>
    holds(cases, (c) => {
      const waits = [
        ...c.access.flatMap((a) => (a.retryAfterSeconds !== undefined ? [a.retryAfterSeconds] : [])),
        UNPLUG_SECONDS,
      ];
      for (const t of texts(c.d)) {
        for (const { said, seconds } of durations(t)) {
          const wait = waits.find((w) => Math.abs(seconds - w) <= Math.max(1, w * 0.1));
          if (wait !== undefined && said !== formatWait(wait) && !(said === `${wait} s` && formatWait(wait) === said))
            return `"${said}" for a wait of ${wait} s that formatWait says as "${formatWait(wait)}" (in "${t}")`;
        }
      }
      return null;
    }));

  it('(b) a challenge never yields outcome blocked, and nothing calls it a block', () =>
    holds(cases, (c) => {
      if (!c.access.every((a) => a.verdict === 'challenge' || a.verdict === 'ok')) return null;
      if (c.d.outcome === 'blocked') return 'outcome blocked';
      const blocked = texts(c.d).find((t) => /\byou are blocked\b|\bblocked (by|at)\b/i.test(t));
      return blocked && `says "${blocked}"`;
    }));

  it('(b) the outcome follows the one predicate', () =>
    holds(cases, (c) => {
      const expected = c.access.some((a) => isRefused(a.verdict))
        ? 'blocked'
        : c.access.every((a) => isReachable(a.verdict))
          ? 'ok'
          : 'unknown';
      return c.d.outcome !== expected && `outcome ${c.d.outcome}, expected ${expected}`;
    }));

  it('(b) the watch step is proposed whenever a site is not reachable or the service is in trouble', () =>
    holds(cases, (c) => {
      const expected = c.access.some((a) => !isReachable(a.verdict)) || TROUBLE.includes(c.status);
      const watchOpens = c.d.plan.some((s) => s.view === 'watch');
      const proposed = stepIds(c.d).includes('watch');
      if (proposed !== expected) return `watch step ${proposed}, expected ${expected}`;
      return expected && !watchOpens && 'no step opens the Watch view';
    }));

  it('(c) every message follows the sentence rule', () => {
    const broken = new Map<string, string>();
    for (const c of cases()) {
      for (const m of messagesOf(c.d)) if (!followsSentenceRule(m.text)) broken.set(m.text, `${m.where} (${c.name})`);
    }
    expect([...broken].map(([text, where]) => `${where}: ${text}`)).toEqual([]);
  });

  it('(d) the access mark is fine exactly when every site is reachable', () =>
    holds(cases, (c) => {
      const mark = c.d.checks.find((k) => k.check === 'access')?.mark;
      const expected = c.access.every((a) => isReachable(a.verdict)) ? 'fine' : 'problem';
      return mark !== expected && `access mark ${mark}, expected ${expected}`;
    }));

  it('(d) the status mark is a problem for trouble, fine for none, not available when unreadable', () =>
    holds(cases, (c) => {
      const mark = c.d.checks.find((k) => k.check === 'status')?.mark;
      const expected = c.status === 'none' ? 'fine' : c.status === 'unreadable' ? 'unavailable' : 'problem';
      return mark !== expected && `status mark ${mark}, expected ${expected}`;
    }));

  it('(d) the router mark is not available (not a problem) when there is no usable router', () =>
    holds(cases, (c) => {
      const mark = c.d.checks.find((k) => k.check === 'router')?.mark;
      const usable =
        c.router === 'found, connected, offers reconnect' || c.router === 'found, does not offer reconnect';
      const expected = usable ? 'fine' : 'unavailable';
      return mark !== expected && `router mark ${mark}, expected ${expected}`;
    }));

  it('(d) the IP mark is fine when the address is known, not available when it is not', () =>
    holds(cases, (c) => {
      const mark = c.d.checks.find((k) => k.check === 'ip')?.mark;
      const expected = c.ip === 'known' ? 'fine' : 'unavailable';
      return mark !== expected && `ip mark ${mark}, expected ${expected}`;
    }));
}

describe('every verdict × status × router × public IP (one site)', () => {
  let cases: Case[] = [];
  beforeAll(async () => {
    cases = await build(
      (Object.keys(VERDICTS) as VerdictCase[]).map((v) => [v, [VERDICTS[v]()]]),
      Object.keys(STATUSES) as StatusCase[],
      Object.keys(ROUTERS) as RouterCase[],
    );
  });

  it('covers every combination', () => {
    expect(cases).toHaveLength(8 * 5 * 5 * 2);
  });

  rules(() => cases);

  it('the 1020 finding names the Ray ID as a fact in every combination', () =>
    holds(
      () => cases.filter((c) => c.access[0]?.cloudflareCode === 1020),
      (c) => {
        const f = c.d.findings.find((x) => x.kind === 'blocked');
        return !f?.facts?.some((x) => x.label === 'Ray ID' && x.value === c.access[0]?.rayId) && 'no Ray ID fact';
      },
    ));
});

describe('two sites: every pair of verdicts × status × router', () => {
  let cases: Case[] = [];
  beforeAll(async () => {
    const names = Object.keys(VERDICTS) as VerdictCase[];
    const pairs: [string, AccessResult[]][] = [];
    for (const [i, a] of names.entries()) {
      for (const b of names.slice(i + 1)) {
        pairs.push([`${a} + ${b}`, [VERDICTS[a]('https://chatgpt.com/'), VERDICTS[b]('https://claude.ai/')]]);
      }
    }
    cases = await build(pairs, ['none', 'major', 'unreadable'], ['found, connected, offers reconnect', 'not found']);
  });

  rules(() => cases);
});
