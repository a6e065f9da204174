import { describe, expect, it } from 'vitest';
import type { FixInput } from '../../../electron/services/capability';
import { statusCapability } from '../../../electron/services/status/capability';
import { statusFindings, statusPageLink } from '../../../electron/services/status/findings';
import type { AccessResult, StatusResult } from '../../../shared/model';
import { followsSentenceRule } from '../../../shared/text';
import { access, STATUSES, type StatusCase, statusOf, VERDICTS } from '../diagnosis/fakes';

const cap = statusCapability(async () => STATUSES.none());
const check = () => {
  if (cap.check?.id !== 'status') throw new Error('the status capability has a status check');
  return cap.check;
};
const stepsFor = (status: StatusResult | undefined, accessResults: AccessResult[] = [access()]) => {
  const input: FixInput = { targets: [], results: { status, access: accessResults }, findings: [] };
  return cap.fixes?.(input) ?? [];
};
const CASES = Object.keys(STATUSES) as StatusCase[];

describe('status findings', () => {
  it('nothing to say when the check did not run', () => {
    expect(statusFindings(undefined, [])).toEqual([]);
  });

  it.each([
    ['major', 'problem'],
    ['critical', 'problem'],
    ['minor', 'warning'],
    ['maintenance', 'warning'],
  ] as const)('%s is an outage finding of severity %s that names the incidents', (indicator, severity) => {
    const [f, ...rest] = statusFindings(statusOf(indicator, ['Elevated errors', 'Login']), []);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ id: 'status', kind: 'outage', severity });
    expect(f?.detail).toContain('Elevated errors');
    expect(f?.detail).toContain('Login');
    expect(f?.detail).toContain('Partial System Outage');
    expect(f?.links).toEqual([{ label: 'Open the status page', url: 'https://status.openai.com/' }]);
  });

  it('all clear is good; it says the refusal is about your connection only when a site refused', () => {
    for (const refused of [VERDICTS['blocked 1020 with Ray ID'](), VERDICTS['rate-limited 1015 with Retry-After']()]) {
      const [f] = statusFindings(STATUSES.none(), [access(), refused]);
      expect(f).toMatchObject({ kind: 'status-ok', severity: 'good' });
      expect(f?.detail).toMatch(/refusal is about your connection/);
    }
    for (const other of ['ok', 'challenge', 'down 521', 'unreachable timeout'] as const) {
      const [f] = statusFindings(STATUSES.none(), [VERDICTS[other]()]);
      expect(f).toMatchObject({ kind: 'status-ok', severity: 'good' });
      expect(f?.detail).not.toMatch(/refusal/);
      expect(f?.detail).toContain('All Systems Operational');
    }
  });

  it('an unclear indicator is information quoting the page', () => {
    const [f] = statusFindings(statusOf('unknown'), []);
    expect(f).toMatchObject({ kind: 'status-unknown', severity: 'info' });
    expect(f?.detail).toContain('Partial System Outage');
  });

  it('an unreadable status page is information with the reason and the page to look at', () => {
    const [f] = statusFindings(STATUSES.unreadable(), []);
    expect(f).toMatchObject({ id: 'status-unknown', kind: 'status-unknown', severity: 'info' });
    expect(f?.detail).toContain('not valid JSON');
    expect(f?.links?.[0]?.url).toBe('https://status.openai.com/');
  });

  it.each([...CASES, 'maintenance', 'unknown'] as const)('every message for %s follows the sentence rule', (c) => {
    const status = c === 'maintenance' || c === 'unknown' ? statusOf(c) : STATUSES[c]();
    for (const accessResults of [[access()], [VERDICTS['blocked 1020 with Ray ID']()]]) {
      for (const f of statusFindings(status, accessResults)) {
        expect(followsSentenceRule(f.title), f.title).toBe(true);
        expect(followsSentenceRule(f.detail), f.detail).toBe(true);
      }
    }
  });

  it('a status page that failed with a network error still reads as sentences', () => {
    const failed: StatusResult = {
      ok: false,
      source: 'https://status.openai.com/api/v2/summary.json',
      error: { code: 'net-timeout', message: 'status.openai.com did not answer within 10 s' },
    };
    const [f] = statusFindings(failed, []);
    expect(followsSentenceRule(f?.detail ?? ''), f?.detail).toBe(true);
  });
});

describe('status page link', () => {
  it('links the status site’s home page, not the API', () => {
    expect(statusPageLink('https://status.openai.com/api/v2/summary.json')).toEqual({
      label: 'Open the status page',
      url: 'https://status.openai.com/',
    });
    expect(statusPageLink('not a url')).toBeUndefined();
  });
});

describe('status fixes', () => {
  it.each(['none', 'minor'] as const)('%s: no step of its own', (c) => {
    expect(stepsFor(STATUSES[c]())).toEqual([]);
  });

  it('unreadable: look at the status page yourself, with its link, after everything else', () => {
    const steps = stepsFor(STATUSES.unreadable());
    expect(steps).toHaveLength(1);
    expect(steps[0]).toMatchObject({ id: 'look-at-status', link: { url: expect.stringMatching(/^https?:\/\//) } });
    expect(steps[0]?.rank).toBeGreaterThan(90);
  });

  it('nothing when the check did not run', () => {
    expect(stepsFor(undefined)).toEqual([]);
  });

  it.each(['major', 'critical'] as const)(
    '%s: wait for the service, first, in the Watch view, with the status page',
    (c) => {
      const steps = stepsFor(STATUSES[c]());
      expect(steps.map((s) => s.id)).toEqual(['wait-outage']);
      expect(steps[0]?.view).toBe('watch');
      expect(steps[0]?.link?.url).toBe('https://status.openai.com/');
      expect(steps[0]?.rank).toBeLessThan(15);
      expect(followsSentenceRule(steps[0]?.title ?? '')).toBe(true);
      expect(followsSentenceRule(steps[0]?.why ?? '')).toBe(true);
    },
  );

  it('during an outage: "nothing on your side fixes it" only when no site refused you', () => {
    expect(stepsFor(STATUSES.major(), [VERDICTS['down 521']()])[0]?.why).toMatch(/Nothing on your side fixes/);
    const refused = stepsFor(STATUSES.major(), [VERDICTS['blocked 1020 with Ray ID']()])[0]?.why;
    expect(refused).not.toMatch(/nothing on your side/i);
    expect(refused).toMatch(/steps below/);
  });
});

describe('status check mark', () => {
  it.each([
    ['none', 'fine'],
    ['minor', 'problem'],
    ['major', 'problem'],
    ['critical', 'problem'],
    ['maintenance', 'problem'],
    ['unknown', 'unavailable'],
  ] as const)('%s → %s', (indicator, mark) => {
    expect(check().summarize(statusOf(indicator)).mark).toBe(mark);
  });

  it('unreadable → not available, with the reason', () => {
    expect(check().summarize(STATUSES.unreadable())).toEqual({
      mark: 'unavailable',
      detail: 'The status answer is not valid JSON.',
    });
  });
});
