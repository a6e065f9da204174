import { useEffect, useRef } from 'react';
import type { PowerCycleGuide as Guide, RouterProgress } from '../../../shared/model';
import { text } from '../../text';

/** The by-hand restart: what to do, then a live countdown and status while the watcher runs. */
export function PowerCycleGuide({
  guide,
  watching,
  progress,
  onStart,
  onStop,
}: {
  guide: Guide;
  watching: boolean;
  progress: RouterProgress | null;
  onStart(): void;
  onStop(): void;
}) {
  // The button pressed disappears ("I'm ready" becomes "Stop watching" and back): keep the keyboard focus
  // on the one that replaces it instead of letting it drop to the page body.
  const stop = useRef<HTMLButtonElement>(null);
  const start = useRef<HTMLButtonElement>(null);
  const moved = useRef(false);
  useEffect(() => {
    if (!moved.current) {
      moved.current = true;
      return;
    }
    (watching ? stop : start).current?.focus();
  }, [watching]);
  return (
    <section className="power-cycle" aria-labelledby="power-cycle-title">
      <h3 id="power-cycle-title">{text.powerCycle.title}</h3>
      <ol>
        {guide.steps.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
      {watching ? (
        <div aria-live="polite">
          <p className="lead" data-phase={progress?.phase ?? 'unplug'}>
            {progress?.message ?? text.powerCycle.waiting}
          </p>
          {progress?.remainingSeconds !== undefined && progress.remainingSeconds > 0 && (
            <p className="countdown" role="timer">
              {text.powerCycle.seconds(progress.remainingSeconds)}
            </p>
          )}
          <div className="actions">
            <button ref={stop} type="button" onClick={onStop}>
              {text.powerCycle.stop}
            </button>
          </div>
        </div>
      ) : (
        <div className="actions">
          <button ref={start} type="button" className="primary" onClick={onStart}>
            {text.powerCycle.start}
          </button>
        </div>
      )}
    </section>
  );
}
