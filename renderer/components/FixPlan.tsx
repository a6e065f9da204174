import { useCallback } from 'react';
import type { FixStep } from '../../shared/model';
import { useApp } from '../store';
import { text } from '../text';
import { Countdown } from './Countdown';
import { LinkButton } from './LinkButton';

const VIEW_BUTTON = text.plan.button;

/** The plan's steps in order, each with a button to the wizard step that does it. */
export function FixPlan({ steps, finishedAt }: { steps: FixStep[]; finishedAt?: string }) {
  const goTo = useApp((s) => s.goTo);
  const recheck = useCallback(() => void useApp.getState().startScan(), []);
  const outageFirst = steps[0]?.id === 'wait-outage';
  return (
    <section className="plan" aria-labelledby="plan-title">
      <h3 id="plan-title">{text.plan.title}</h3>
      {outageFirst && (
        <p className="plan-lead" data-not-you="">
          {text.plan.notYou(steps.length - 1)}
        </p>
      )}
      <ol>
        {steps.map((step, index) => (
          <li
            key={`${step.id}:${step.title}`}
            data-fix={step.id}
            data-optional={outageFirst && index > 0 ? '' : undefined}
          >
            {outageFirst && index > 0 && <small className="optional">{text.plan.optional}</small>}
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
