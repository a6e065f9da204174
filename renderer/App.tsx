import { type KeyboardEvent as ReactKeyboardEvent, Suspense, useCallback, useEffect, useRef } from 'react';
import type { ViewId } from '../shared/model';
import { api } from './api';
import { unfinished, useBackups } from './backups-store';
import { IpBadge } from './components/IpBadge';
import { stepNeighbours } from './steps/navigation';
import { STEPS, stepById } from './steps/registry';
import { useApp } from './store';
import { text } from './text';
import { useWatch } from './watch-store';

/** Up/Down (and Home/End) move between the steps of the list, as in any list of choices. */
function onStepListKey(event: ReactKeyboardEvent<HTMLElement>) {
  const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('button')];
  const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
  if (index === -1) return;
  const next =
    event.key === 'ArrowDown'
      ? (index + 1) % buttons.length
      : event.key === 'ArrowUp'
        ? (index - 1 + buttons.length) % buttons.length
        : event.key === 'Home'
          ? 0
          : event.key === 'End'
            ? buttons.length - 1
            : -1;
  if (next === -1) return;
  event.preventDefault();
  buttons[next]?.focus();
}

/** Tells its parent once the step beside it (inside the same Suspense boundary) is on the screen. */
function Mounted({ onMount }: { onMount: () => void }) {
  useEffect(onMount, [onMount]);
  return null;
}

/**
 * Once the window is idle after its first screen, fetch the other steps' code, so a step's first visit
 * does not wait for its chunk.
 */
function preloadSteps() {
  for (const s of STEPS) void s.preload?.().catch(() => undefined);
}

/**
 * Back and Skip under every step, so no step is a dead end: Back to the step before, Skip to the next step
 * the plan suggests (or the next one in the list when the plan has none after this one).
 */
function StepFooter({ step }: { step: ViewId }) {
  const goTo = useApp((s) => s.goTo);
  // Select a stable reference and derive: a selector returning a fresh `[]` re-renders without end.
  const diagnosis = useApp((s) => s.diagnosis);
  const ids = STEPS.map((s) => s.id);
  const { back: backId, next: nextId } = stepNeighbours(ids, step, diagnosis?.plan ?? []);
  const back = backId ? stepById(backId) : undefined;
  const next = nextId ? stepById(nextId) : undefined;
  return (
    <nav className="step-footer" aria-label={text.app.stepNav}>
      {back && (
        <button type="button" onClick={() => goTo(back.id)}>
          {text.app.back(back.title)}
        </button>
      )}
      {next && (
        <button type="button" onClick={() => goTo(next.id)}>
          {text.app.skip(next.title)}
        </button>
      )}
    </nav>
  );
}

export function App() {
  const step = useApp((s) => s.step);
  const goTo = useApp((s) => s.goTo);
  useEffect(() => {
    void useWatch.getState().load();
    void useApp.getState().loadInfo();
    void useBackups.getState().load();
    const offs = [
      api.on('progress', (p) => useApp.getState().applyProgress(p)),
      api.on('scanRequested', () => void useApp.getState().startScan()),
      api.on('watchState', (s) => useWatch.getState().applyState(s)),
      api.on('ipChanged', (c) => useWatch.getState().applyChange(c)),
      api.on('navigate', (n) => {
        useApp.getState().goTo(n.view);
        // A "reachable again" notification must not open the old "You are blocked" result.
        if (n.rescan) void useApp.getState().startScan();
      }),
    ];
    // Alt+1…9 jumps to a step, as the numbers in the step list suggest.
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      const target = STEPS[Number(event.key) - 1];
      if (target) {
        event.preventDefault();
        useApp.getState().goTo(target.id);
      }
    };
    window.addEventListener('keydown', onKey);
    const idle = requestIdleCallback(preloadSteps, { timeout: 2000 });
    return () => {
      for (const off of offs) off();
      window.removeEventListener('keydown', onKey);
      cancelIdleCallback(idle);
    };
  }, []);
  const Current = stepById(step).Component;
  const tried = useApp((s) => s.tried);
  const lastTried = (view: string) => tried.findLast((t) => t.view === view)?.result;
  // Select the listing itself (a stable reference), then derive: a selector returning a new array each
  // time would make React re-render without end.
  const listing = useBackups((s) => s.listing);
  const leftOver = unfinished(listing);
  // Moving to a step puts the keyboard focus on its heading, so a screen reader reads where you are.
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  /** A step moved to while its code was still loading: its heading takes the focus once it is mounted. */
  const pendingFocus = useRef<ViewId | null>(null);
  const focusHeading = useCallback((id: ViewId) => {
    // Every step's heading has the id `<step>-title` (its section is labelled by it).
    const heading = main.current?.querySelector<HTMLElement>(`#${id}-title`);
    if (!heading) return false;
    heading.tabIndex = -1;
    heading.focus();
    return true;
  }, []);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    pendingFocus.current = focusHeading(step) ? null : step;
  }, [step, focusHeading]);
  const onStepMounted = useCallback(() => {
    if (pendingFocus.current === step && focusHeading(step)) pendingFocus.current = null;
  }, [step, focusHeading]);
  return (
    <div className="app">
      <header className="topbar">
        <h1>{text.app.name}</h1>
        <span className="tagline">{text.app.tagline}</span>
        <IpBadge />
      </header>
      <div className="body">
        <nav className="steps" aria-label={text.app.stepsNav} onKeyDown={onStepListKey}>
          <ol>
            {STEPS.map((s, index) => (
              <li key={s.id}>
                <button
                  type="button"
                  aria-current={s.id === step ? 'step' : undefined}
                  aria-keyshortcuts={`Alt+${index + 1}`}
                  onClick={() => goTo(s.id)}
                >
                  <span className="step-number">{index + 1}</span>
                  <span>
                    <strong>{s.title}</strong>
                    <small>{s.purpose}</small>
                    {lastTried(s.id) && (
                      <small className="tried" data-tried={s.id}>
                        {text.app.tried(lastTried(s.id) ?? '')}
                      </small>
                    )}
                  </span>
                </button>
              </li>
            ))}
          </ol>
        </nav>
        <main ref={main}>
          {leftOver.length > 0 && step !== 'backups' && (
            <div className="banner banner-warning" role="alert" data-unfinished={leftOver.length}>
              {text.app.unfinished(leftOver.length)}{' '}
              <button type="button" className="secondary" onClick={() => goTo('backups')}>
                {text.app.openBackups}
              </button>
            </div>
          )}
          {/* A step not loaded yet keeps its place (an empty, busy section) until its code is in. */}
          <Suspense fallback={<section className="step" aria-busy="true" />}>
            <Current />
            <Mounted key={step} onMount={onStepMounted} />
          </Suspense>
          <StepFooter step={step} />
        </main>
      </div>
    </div>
  );
}
