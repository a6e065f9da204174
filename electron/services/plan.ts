/**
 * Findings and the plan from every capability, in one place that names none of them: findings are
 * concatenated in registry order; fix steps are ordered by their rank, de-duplicated, and only the
 * first step that opens a view gets its button (two "Open Watch" buttons say nothing new).
 */
import type { Diagnosis, Finding, FixStep, Headline } from '../../shared/model';
import { host, sentences } from '../../shared/text';
import { isReachable } from '../../shared/verdict';
import type { AnyCapability, FindingInput, FixInput, RankedStep } from './capability';

export function findingsFor(capabilities: readonly AnyCapability[], input: FindingInput): Finding[] {
  return capabilities.flatMap((c) => c.findings?.(input) ?? []);
}

export function planFor(capabilities: readonly AnyCapability[], input: FixInput): FixStep[] {
  const ranked: RankedStep[] = capabilities.flatMap((c) => c.fixes?.(input) ?? []);
  // Stable: equal ranks keep the registry's order.
  const ordered = ranked
    .map((step, index) => ({ step, index }))
    .sort((a, b) => a.step.rank - b.step.rank || a.index - b.index);
  const seen = new Set<string>();
  const viewsLinked = new Set<string>();
  const plan: FixStep[] = [];
  for (const { step } of ordered) {
    const key = `${step.id}:${step.title}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const { rank: _rank, ...fix } = step;
    if (fix.view) {
      if (viewsLinked.has(fix.view)) delete fix.view;
      else viewsLinked.add(fix.view);
    }
    plan.push(fix);
  }
  return plan;
}

/** The line above the findings; it never contradicts them (an outage is never "nothing blocks you"). */
export function headlineFor(input: FixInput, outcome: Diagnosis['outcome']): Headline {
  const access = input.results.access ?? [];
  const sites = (verdicts: string[]) =>
    access
      .filter((a) => verdicts.includes(a.verdict))
      .map((a) => host(a.target))
      .join(', ');
  const problems = input.findings.filter(
    (f) => f.severity === 'problem' && f.kind !== 'blocked' && f.kind !== 'rate-limited',
  );
  if (outcome === 'blocked') {
    const blocked = sites(['blocked']);
    const limited = sites(['rate-limited']);
    return {
      tone: 'problem',
      text: sentences(
        blocked ? `You are blocked at ${blocked}` : `You are rate limited at ${limited}`,
        blocked && limited && `You are rate limited at ${limited}`,
        'The steps below say what to try, in order',
      ),
    };
  }
  if (outcome === 'ok') {
    const outage = input.findings.find((f) => f.kind === 'outage' && f.severity !== 'good');
    if (outage)
      return { tone: 'warning', text: sentences('Every site answered, but the service reports trouble', outage.title) };
    if (problems.length > 0)
      return { tone: 'warning', text: sentences('Every site answered, but something below needs a look') };
    const challenged = access.filter((a) => a.verdict === 'challenge');
    return {
      tone: 'good',
      text: sentences(
        'Every site answered, and nothing blocks you right now',
        challenged.length > 0 && `${sites(['challenge'])} asks your browser for a quick check, which a person passes`,
      ),
    };
  }
  const down = sites(['down']);
  const unreachable = sites(['unreachable']);
  const reachable = access.filter((a) => isReachable(a.verdict)).length;
  return {
    tone: 'warning',
    text: sentences(
      down && `${down} has trouble on its side`,
      unreachable && `${unreachable} could not be reached`,
      access.length === 0 && 'No site could be checked',
      reachable > 0 && 'The other sites answered',
      'The steps below say what to try',
    ),
  };
}
