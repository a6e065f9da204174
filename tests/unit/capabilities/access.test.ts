import { describe, expect, it } from 'vitest';
import { accessCapability } from '../../../electron/services/access/capability';
import { accessFindings } from '../../../electron/services/access/findings';
import { accessFixes } from '../../../electron/services/access/fixes';
import type { RankedStep } from '../../../electron/services/capability';
import type { AccessResult, Finding } from '../../../shared/model';
import { followsSentenceRule, formatWait } from '../../../shared/text';
import { access, PUBLIC_IP, RAY, VERDICTS } from '../diagnosis/fakes';

const one = (r: AccessResult, ip?: string) => {
  const [f] = accessFindings([r], ip);
  if (!f) throw new Error('one finding per site');
  return f;
};
const fixes = (...rs: AccessResult[]) =>
  accessFixes({ targets: rs.map((r) => r.target), results: { access: rs }, findings: [] });
const expectRule = (items: (Finding | RankedStep)[]) => {
  for (const item of items) {
    const texts = 'detail' in item ? [item.title, item.detail] : [item.title, item.why];
    for (const t of texts) expect(followsSentenceRule(t), t).toBe(true);
  }
};

describe('access findings', () => {
  it('one finding per site, keyed by verdict and target', () => {
    const findings = accessFindings([access(), access({ target: 'https://b.test/', verdict: 'blocked' })], undefined);
    expect(findings.map((f) => f.id)).toEqual(['ok:https://chatgpt.com/', 'blocked:https://b.test/']);
    expect(accessFindings(undefined, undefined)).toEqual([]);
  });

  it('the 1020 finding is a problem naming Cloudflare, the code and its meaning, with the Ray ID and IP as copyable facts', () => {
    const f = one(VERDICTS['blocked 1020 with Ray ID'](), PUBLIC_IP);
    expect(f).toMatchObject({ kind: 'blocked', severity: 'problem' });
    expect(f.title).toContain('Cloudflare');
    expect(f.title).toContain('1020');
    expect(f.title).toContain('chatgpt.com');
    expect(f.detail).toMatch(/firewall rule/);
    expect(f.detail).toMatch(/Ray ID/);
    expect(f.facts).toEqual([
      { label: 'Ray ID', value: RAY, copy: true },
      { label: 'Error code', value: '1020' },
      { label: 'Your public IP', value: PUBLIC_IP, copy: true },
    ]);
  });

  it.each([
    [1005, /network/],
    [1006, /banned/],
    [1009, /country or region/],
    [1010, /browser/],
    [1012, /refuses/],
  ])('explains Cloudflare code %d', (code, meaning) => {
    const f = one(access({ verdict: 'blocked', cloudflareCode: code }));
    expect(f.detail).toMatch(meaning);
  });

  it('an unknown code or no code says only that the site refuses, and names no Ray ID it does not have', () => {
    for (const r of [access({ verdict: 'blocked', cloudflareCode: 1106 }), VERDICTS['blocked without code']()]) {
      const f = one(r);
      expect(f.detail).toMatch(/refuses your request/);
      expect(f.detail).not.toMatch(/Ray ID/);
      expect(f.facts?.some((x) => x.label === 'Ray ID')).toBe(false);
    }
  });

  it('a block without a known vendor names the site and the HTTP status instead', () => {
    const f = one(VERDICTS['blocked without code']());
    expect(f.title).toContain('chatgpt.com');
    expect(f.title).toContain('403');
    expect(f.title).not.toContain('Cloudflare');
  });

  it('names the vendor the classifier found', () => {
    expect(one(access({ verdict: 'blocked', viaCloudflare: false, vendor: 'akamai' })).title).toContain('Akamai');
  });

  it('a Retry-After of 0 s names no wait, as the plan does', () => {
    const f = one(access({ verdict: 'rate-limited', retryAfterSeconds: 0 }));
    expect(f.detail).not.toContain('0 s');
    expect(f.detail).toContain('a few minutes');
  });

  it.each([30, 120, 600, 7200, 200_000])('a rate limit with Retry-After %d s says the wait as formatWait does', (s) => {
    const f = one(access({ verdict: 'rate-limited', retryAfterSeconds: s }));
    expect(f).toMatchObject({ kind: 'rate-limited', severity: 'problem' });
    expect(f.detail).toContain(formatWait(s));
  });

  it('a rate limit without Retry-After says a few minutes', () => {
    expect(one(access({ verdict: 'rate-limited' })).detail).toMatch(/a few minutes/);
  });

  it('a challenge is information, not a block', () => {
    const f = one(VERDICTS.challenge());
    expect(f).toMatchObject({ kind: 'challenge', severity: 'info' });
    expect(f.detail).toMatch(/not a block/);
    expect(`${f.title} ${f.detail}`).not.toMatch(/\bblocked\b/i);
  });

  it('a site that is down is a warning that is not about your connection', () => {
    const f = one(VERDICTS['down 521']());
    expect(f).toMatchObject({ kind: 'site-down', severity: 'warning' });
    expect(f.title).toContain('521');
    expect(f.detail).toMatch(/not about your connection/);
  });

  it('an unreachable site is a problem whose detail is why', () => {
    for (const r of [VERDICTS['unreachable refused'](), VERDICTS['unreachable timeout']()]) {
      const f = one(r);
      expect(f).toMatchObject({ kind: 'unreachable', severity: 'problem' });
      expect(f.detail.toLowerCase()).toContain(r.error?.message.toLowerCase());
    }
  });

  it('a reachable site is good and says the HTTP status and the time', () => {
    const f = one(access({ httpStatus: 204, elapsedMs: 87 }));
    expect(f).toMatchObject({ kind: 'reachable', severity: 'good' });
    expect(f.detail).toContain('204');
    expect(f.detail).toContain('87 ms');
  });

  // The host-led titles ("chatgpt.com is reachable.") fail here: SOURCE BUG, see the report.
  it.each(Object.keys(VERDICTS) as (keyof typeof VERDICTS)[])('every message of %s follows the sentence rule', (v) => {
    expectRule(accessFindings([VERDICTS[v]()], PUBLIC_IP));
  });

  it('every message follows the sentence rule for the other codes, vendors and waits', () => {
    expectRule(
      accessFindings(
        [
          ...[1005, 1006, 1009, 1010, 1012, 1106].map((cloudflareCode) =>
            access({ verdict: 'blocked', cloudflareCode }),
          ),
          access({ verdict: 'blocked', viaCloudflare: false, vendor: 'akamai' }),
          ...[0, 30, 120, 7200, 200_000, undefined].map((retryAfterSeconds) =>
            access({ verdict: 'rate-limited', retryAfterSeconds }),
          ),
        ],
        undefined,
      ),
    );
  });
});

describe('access fixes', () => {
  it('nothing to do when every site answers', () => {
    expect(fixes(access(), access({ target: 'https://b.test/' }))).toEqual([]);
  });

  it('a challenge: open that site in the browser, no view needed', () => {
    const steps = fixes(access({ verdict: 'challenge', target: 'https://b.example/' }));
    expect(steps.map((s) => s.id)).toEqual(['open-in-browser']);
    expect(steps[0]?.title).toContain('b.example');
    expect(steps[0]?.view).toBeUndefined();
  });

  it('a rate limit: wait the longest Retry-After, with the same words as the finding', () => {
    const limited = [
      access({ verdict: 'rate-limited', retryAfterSeconds: 120 }),
      access({ target: 'https://b.test/', verdict: 'rate-limited', retryAfterSeconds: 600 }),
    ];
    const steps = fixes(...limited);
    expect(steps.map((s) => s.id)).toEqual(['wait-rate-limit']);
    expect(steps[0]?.title).toContain(formatWait(600));
    expect(steps[0]?.view).toBe('watch');
    expect(accessFindings(limited, undefined)[1]?.detail).toContain(formatWait(600));
  });

  it('a rate limit without Retry-After: wait a few minutes', () => {
    expect(fixes(access({ verdict: 'rate-limited' }))[0]?.title).toMatch(/a few minutes/);
  });

  // SOURCE BUG: access/findings.ts says "The site asks to wait 0 s." while access/fixes.ts says "Wait a
  // few minutes" for the same `Retry-After: 0` (fixes treat 0 as "no Retry-After"; findings do not).
  it('Retry-After: 0 reads the same in the finding and the step', () => {
    const r = access({ verdict: 'rate-limited', retryAfterSeconds: 0 });
    const finding = one(r);
    const [step] = fixes(r);
    const saysFewMinutes = (t: string) => /a few minutes/.test(t);
    expect(saysFewMinutes(finding.detail)).toBe(saysFewMinutes(step?.title ?? ''));
  });

  it('a block: contact the site, quoting the Ray ID when there is one', () => {
    const [withRay] = fixes(VERDICTS['blocked 1020 with Ray ID']());
    expect(withRay).toMatchObject({ id: 'contact-site' });
    expect(withRay?.title).toContain(RAY);
    const [withoutRay] = fixes(VERDICTS['blocked without code']());
    expect(withoutRay?.id).toBe('contact-site');
    expect(withoutRay?.title).not.toMatch(/Ray ID/);
    expect(withoutRay?.why).toMatch(/public IP/);
  });

  it('a site that is down: try it again later, Watch says when; one step for every down site', () => {
    const steps = fixes(
      VERDICTS['down 521'](),
      access({ target: 'https://b.test/', verdict: 'down', httpStatus: 502 }),
    );
    expect(steps.map((s) => s.id)).toEqual(['wait-site']);
    expect(steps[0]?.title).toContain('chatgpt.com');
    expect(steps[0]?.title).toContain('b.test');
    expect(steps[0]?.view).toBe('watch');
  });

  it('an unreachable site: check the connection, naming the cause; the wording knows whether other sites answered', () => {
    const alone = fixes(VERDICTS['unreachable refused']());
    expect(alone.map((s) => s.id)).toEqual(['check-connection']);
    expect(alone[0]?.why).toContain('refused the connection');
    expect(alone[0]?.view).toBe('scan');
    const withOthers = fixes(VERDICTS['unreachable timeout'](), access({ target: 'https://b.test/' }));
    expect(withOthers[0]?.why).toMatch(/Other sites answered/);
    expect(alone[0]?.why).not.toMatch(/Other sites answered/);
  });

  it.each(Object.keys(VERDICTS) as (keyof typeof VERDICTS)[])('every step for %s follows the sentence rule', (v) => {
    expectRule(fixes(VERDICTS[v]()));
    expectRule(fixes(VERDICTS[v](), access({ target: 'https://b.test/' })));
  });

  it('ranks the connection first and contacting the site last', () => {
    const steps = fixes(
      access({ target: 'https://a.test/', verdict: 'blocked' }),
      access({ target: 'https://b.test/', verdict: 'rate-limited' }),
      access({ target: 'https://c.test/', verdict: 'down' }),
      access({ target: 'https://d.test/', verdict: 'challenge' }),
      access({ target: 'https://e.test/', verdict: 'unreachable' }),
    );
    const sorted = [...steps].sort((a, b) => a.rank - b.rank).map((s) => s.id);
    expect(sorted).toEqual(['check-connection', 'open-in-browser', 'wait-site', 'wait-rate-limit', 'contact-site']);
  });
});

describe('access check', () => {
  const check = () => {
    const c = accessCapability(async (target) => access({ target })).check;
    if (c?.id !== 'access') throw new Error('the access capability has an access check');
    return c;
  };

  it('probes every target', async () => {
    const probed: string[] = [];
    const cap = accessCapability(async (target) => {
      probed.push(target);
      return access({ target });
    });
    const c = cap.check;
    if (c?.id !== 'access') throw new Error('access check');
    const rs = await c.run(
      { targets: ['https://a.test/', 'https://b.test/'] },
      { signal: new AbortController().signal, progress: () => {} },
    );
    expect(probed).toEqual(['https://a.test/', 'https://b.test/']);
    expect(rs.map((r) => r.target)).toEqual(probed);
  });

  it.each(Object.keys(VERDICTS) as (keyof typeof VERDICTS)[])(
    '%s: the mark is fine exactly when the site is reachable',
    (v) => {
      const r = VERDICTS[v]();
      expect(check().summarize([r]).mark).toBe(r.verdict === 'ok' || r.verdict === 'challenge' ? 'fine' : 'problem');
    },
  );

  it('one site not reachable among reachable ones is a problem', () => {
    expect(check().summarize([access(), VERDICTS['down 521']()]).mark).toBe('problem');
    expect(check().summarize([access(), VERDICTS.challenge()]).mark).toBe('fine');
  });
});
