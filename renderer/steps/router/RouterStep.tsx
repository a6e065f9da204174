import { useEffect, useRef } from 'react';
import type { PowerCycleResult } from '../../../shared/model';
import { api } from '../../api';
import { CheckAgainButton } from '../../components/CheckAgainButton';
import { ErrorBanner } from '../../components/ErrorBanner';
import { PowerCycleGuide } from '../../components/router/PowerCycleGuide';
import { RouterCard } from '../../components/router/RouterCard';
import { useApp } from '../../store';
import { text } from '../../text';
import { powerCycleSteps } from '../../text/instructions';

const T = text.router;
const WARNING = T.warning;
const DEFAULT_GUIDE = { unplugSeconds: 30, steps: powerCycleSteps(30) };

const WATCH_TONE: Record<PowerCycleResult['outcome'], string> = {
  'ip-changed': 'good',
  'same-ip': 'warning',
  back: 'warning',
  timeout: 'warning',
  cancelled: 'warning',
};

export function RouterStep() {
  const router = useApp((s) => s.router);
  const { loadRouter, askRouterReset, cancelRouterReset, confirmRouterReset, startPowerCycle, stopPowerCycle } =
    useApp.getState();

  useEffect(() => {
    const off = api.on('routerProgress', (p) => useApp.getState().applyRouterProgress(p));
    if (!useApp.getState().router.status) void useApp.getState().loadRouter();
    return off;
  }, []);

  // Each stage replaces the button just pressed (Reset router → the warning → progress → the result), which
  // drops the keyboard focus to the page body. Put it on what the new stage shows instead: the last element
  // marked `data-focus-here` (the result comes after the Reset button in the page). Only when the focus
  // was lost, so a user who moved on is left where they are.
  const section = useRef<HTMLElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: it runs on each stage change; the stage's elements are read from the page.
  useEffect(() => {
    if (document.activeElement && document.activeElement !== document.body) return;
    const marked = section.current?.querySelectorAll<HTMLElement>('[data-focus-here]');
    marked?.[marked.length - 1]?.focus();
  }, [router.stage]);

  const reset = router.reset;
  const refused = reset && reset.outcome !== 'reconnected' ? reset : null;
  const showGuide = refused !== null || router.stage === 'watching' || (router.status !== null && !router.status.ok);

  return (
    <section ref={section} className="step" aria-labelledby="router-title">
      <h2 id="router-title">{T.title}</h2>
      <p className="lead">{T.lead}</p>

      {router.loading && <p aria-busy="true">{T.looking}</p>}
      {router.status && <RouterCard status={router.status} />}
      <ErrorBanner error={router.error} />

      {router.status && !router.status.ok && router.stage !== 'watching' && (
        <div className="actions">
          <button type="button" onClick={() => void loadRouter()} disabled={router.loading}>
            {router.loading ? T.lookingShort : T.lookAgain}
          </button>
        </div>
      )}

      {router.status?.ok && (router.stage === 'idle' || router.stage === 'result' || router.stage === 'watched') && (
        <div className="actions">
          <button type="button" className="primary" onClick={askRouterReset} data-focus-here="">
            {T.reset}
          </button>
          <button type="button" onClick={() => void loadRouter()} disabled={router.loading}>
            {T.checkAgain}
          </button>
        </div>
      )}

      {router.stage === 'confirm' && (
        <div className="banner banner-warning" role="alertdialog" aria-labelledby="router-confirm">
          <p id="router-confirm">{T.confirm(WARNING)}</p>
          <div className="actions">
            <button type="button" className="primary" onClick={() => void confirmRouterReset()}>
              {T.resetNow}
            </button>
            <button type="button" onClick={cancelRouterReset} data-focus-here="">
              {text.common.cancel}
            </button>
          </div>
        </div>
      )}

      {router.stage === 'resetting' && (
        <div aria-live="polite" tabIndex={-1} data-focus-here="">
          <progress
            className="router-progress"
            aria-label={T.progress}
            max={1}
            value={router.progress?.fraction ?? 0}
          />
          <p data-phase={router.progress?.phase ?? 'discovering'}>{router.progress?.message ?? T.starting}</p>
        </div>
      )}

      {reset?.outcome === 'reconnected' && router.stage === 'result' && (
        <div
          className={`banner banner-${reset.ipChanged ? 'good' : 'warning'}`}
          role="status"
          data-reset="reconnected"
          tabIndex={-1}
          data-focus-here=""
        >
          {reset.ipChanged
            ? T.newIp(reset.oldIp, reset.newIp, (reset.durationMs / 1000).toFixed(1))
            : T.sameIp(reset.newIp)}
          {reset.natWarning && <p>{reset.natWarning.message}</p>}
          <div className="actions">
            <CheckAgainButton />
          </div>
        </div>
      )}

      {refused && (
        <div
          className="banner banner-warning"
          role="status"
          data-reset={refused.outcome}
          tabIndex={-1}
          data-focus-here=""
        >
          {refused.error.message}
        </div>
      )}

      {/* After a timeout, a stop or the same IP the guide stays, so the user can try again: no dead end. */}
      {showGuide && (router.stage !== 'watched' || router.powerCycle?.outcome !== 'ip-changed') && (
        <PowerCycleGuide
          guide={refused?.guide ?? DEFAULT_GUIDE}
          watching={router.stage === 'watching'}
          progress={router.progress}
          onStart={() => void startPowerCycle()}
          onStop={() => void stopPowerCycle()}
        />
      )}

      {router.stage === 'watched' && router.powerCycle && (
        <div
          className={`banner banner-${WATCH_TONE[router.powerCycle.outcome]}`}
          role="status"
          data-watch={router.powerCycle.outcome}
          tabIndex={-1}
          data-focus-here=""
        >
          {router.powerCycle.message}
          <div className="actions">
            <CheckAgainButton />
          </div>
        </div>
      )}
    </section>
  );
}
