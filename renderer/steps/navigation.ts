import type { FixStep, ViewId } from '../../shared/model';

/**
 * Where Back and Skip lead from a step, so no step is a dead end: Back to the step before in the list,
 * Skip to the next step after this one that the plan suggests (or the next one in the list when the plan
 * has none after it). Pure, over the list's order, so it is tested without a page.
 */
export function stepNeighbours(
  order: readonly ViewId[],
  step: ViewId,
  plan: readonly FixStep[],
): { back?: ViewId; next?: ViewId } {
  const index = order.indexOf(step);
  const back = index > 0 ? order[index - 1] : undefined;
  const planned = plan.flatMap((p) => (p.view && p.view !== step && p.view !== 'scan' ? [p.view] : []));
  const next = planned.find((v) => order.indexOf(v) > index) ?? order[index + 1];
  return { ...(back ? { back } : {}), ...(next && next !== step ? { next } : {}) };
}
