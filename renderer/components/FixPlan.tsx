import { useCallback } from 'react';
import type { FixStep } from '../../shared/model';
import { sentences } from '../../shared/text';
import { useApp } from '../store';
import { Countdown } from './Countdown';
import { LinkButton } from './LinkButton';

const VIEW_BUTTON: Record<NonNullable<FixStep['view']>, string> = {
  scan: 'Scan again',
  router: 'Open Reset router',
  watch: 'Open Watch',
  backups: 'Open Backups',
  vpn: 'Open Network path',
  browsers: 'Open Browsers',
  report: 'Open the support report',
};

/**
 * An outage the plan puts first is the answer ("it's not you"): the steps after it only matter if the site
 * still refuses you once the service has recovered, so they are marked optional.
 */
function notYou(others: number): string {
  return sentences(
    'It’s not you: the service itself reports an outage, so the first thing is to wait for it to recover',
    others > 0 && 'The other steps are optional; try them if the site still refuses you once it is over',
  );
}

/** The plan's steps in order, each with a button to the wizard step that does it. */
export function FixPlan({ steps, finishedAt }: { steps: FixStep[]; finishedAt?: string }) {
  const goTo = useApp((s) => s.goTo);
  const recheck = useCallback(() => void useApp.getState().startScan(), []);
  const outageFirst = steps[0]?.id === 'wait-outage';
  return (
    <section className="plan" aria-labelledby="plan-title">
      <h3 id="plan-title">What to try next</h3>
      {outageFirst && (
        <p className="plan-lead" data-not-you="">
          {notYou(steps.length - 1)}
        </p>
      )}
      <ol>
        {steps.map((step, index) => (
          <li
            key={`${step.id}:${step.title}`}
            data-fix={step.id}
            data-optional={outageFirst && index > 0 ? '' : undefined}
          >
            {outageFirst && index > 0 && <small className="optional">Optional.</small>}
            <strong>{step.title}</strong>
            <p>{step.why}</p>
            {step.view && (
              <button
                type="button"
                className="secondary"
                onClick={() => {
                  if (step.view === 'scan') void useApp.getState().startScan();
                  else if (step.view) goTo(step.view);
                }}
              >
                {VIEW_BUTTON[step.view]}
              </button>
            )}
            {step.link && <LinkButton link={step.link} />}
            {step.waitSeconds !== undefined && finishedAt && (
              <Countdown from={finishedAt} seconds={step.waitSeconds} onDone={recheck} />
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
