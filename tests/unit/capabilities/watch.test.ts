import { describe, expect, it } from 'vitest';
import type { FixInput } from '../../../electron/services/capability';
import { watchCapability } from '../../../electron/services/watch/capability';
import type { AccessResult, Finding } from '../../../shared/model';
import { followsSentenceRule } from '../../../shared/text';
import { isReachable } from '../../../shared/verdict';
import { access, VERDICTS, type VerdictCase } from '../diagnosis/fakes';

const outage = (severity: Finding['severity']): Finding => ({
  id: 'status',
  kind: 'outage',
  severity,
  title: 'The service reports a major outage.',
  detail: 'It says so.',
});
const stepsFor = (accessResults: AccessResult[] | undefined, findings: Finding[] = []) => {
  const input: FixInput = { targets: [], results: { access: accessResults }, findings };
  return watchCapability().fixes?.(input) ?? [];
};

describe('watch fixes', () => {
  it('has no check of its own', () => {
    expect(watchCapability().check).toBeUndefined();
  });

  it.each(Object.keys(VERDICTS) as VerdictCase[])(
    '%s: proposes watching exactly when the site is not reachable',
    (v) => {
      const r = VERDICTS[v]();
      const steps = stepsFor([r]);
      expect(steps.length > 0).toBe(!isReachable(r.verdict));
      expect(stepsFor([access({ target: 'https://b.test/' }), r]).length > 0).toBe(!isReachable(r.verdict));
    },
  );

  it('proposes watching during an outage or trouble, even when every site answered', () => {
    expect(stepsFor([access()], [outage('problem')]).map((s) => s.id)).toEqual(['watch']);
    expect(stepsFor([access()], [outage('warning')]).map((s) => s.id)).toEqual(['watch']);
    expect(stepsFor([access()], [outage('good')])).toEqual([]);
  });

  it('nothing when there is nothing to wait for', () => {
    expect(stepsFor([access()])).toEqual([]);
    expect(stepsFor([])).toEqual([]);
    expect(stepsFor(undefined)).toEqual([]);
  });

  it('the step opens the Watch view and follows the sentence rule', () => {
    const [step] = stepsFor([VERDICTS['blocked 1020 with Ray ID']()]);
    expect(step).toMatchObject({ id: 'watch', view: 'watch' });
    expect(followsSentenceRule(step?.title ?? '')).toBe(true);
    expect(followsSentenceRule(step?.why ?? '')).toBe(true);
  });
});
