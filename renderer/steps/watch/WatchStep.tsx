import { useEffect } from 'react';
import type { IpChange, WatchState } from '../../../shared/model';
import { host } from '../../../shared/text';
import { CopyButton } from '../../components/CopyButton';
import { localTime } from '../../format';
import { useWatch } from '../../watch-store';

const SOURCE_TEXT: Record<IpChange['source'], string> = {
  'router-event': 'reported by your router',
  'router-poll': 'read from your router',
  echo: 'seen from outside',
};

const ROUTER_TEXT: Record<WatchState['routerMode'], string> = {
  events: 'tells us about changes at once',
  polling: 'asked every few seconds',
  none: 'not used (none found)',
};

export function WatchStep() {
  const { state, history, busy, error, load, setEnabled, checkNow } = useWatch();
  useEffect(() => {
    void load();
  }, [load]);
  const changes: IpChange[] = [...history].reverse();
  const ips = state ? [state.current.v4, state.current.v6].filter((ip): ip is string => Boolean(ip)) : [];
  return (
    <section className="step" aria-labelledby="watch-title">
      <h2 id="watch-title">Watch and notify</h2>
      <p className="lead">
        Access Doctor can keep watching from the tray: it tells you when your public IP changes and when a blocked site
        is reachable again.
      </p>
      {error && (
        <div className="banner banner-warning" role="alert">
          {error.message}
        </div>
      )}
      {state && (
        <>
          <div className="actions">
            <label className="toggle">
              <input
                type="checkbox"
                checked={state.enabled}
                disabled={busy}
                onChange={(e) => void setEnabled(e.currentTarget.checked)}
              />
              Watch in background
            </label>
            <button type="button" onClick={() => void checkNow()} disabled={busy || !state.enabled}>
              {busy || state.checking ? 'Checking…' : 'Check now'}
            </button>
            <span className="muted" role="status" data-last-checked={state.lastCheckedAt ?? ''}>
              {state.checking
                ? 'Checking your public IP and the sites…'
                : state.lastCheckedAt
                  ? `Last checked ${localTime(state.lastCheckedAt)}.`
                  : state.enabled
                    ? 'Not checked yet.'
                    : 'Turn on Watch in background to check.'}
            </span>
          </div>
          <dl className="facts">
            {ips.length === 0 && (
              <div className="fact">
                <dt>Public IP</dt>
                <dd>{state.enabled ? 'not known yet' : 'watch is off'}</dd>
              </div>
            )}
            {ips.map((ip) => (
              <div className="fact" key={ip}>
                <dt>Public IP</dt>
                <dd>
                  <code>{ip}</code>
                  <CopyButton value={ip} label="public IP" />
                </dd>
              </div>
            ))}
            <div className="fact">
              <dt>Router</dt>
              <dd>{ROUTER_TEXT[state.routerMode]}</dd>
            </div>
            {state.targets.map((t) => (
              <div className="fact" key={t.target} data-target-verdict={t.verdict ?? 'unknown'}>
                <dt>{host(t.target)}</dt>
                <dd>{t.verdict ?? 'not checked yet'}</dd>
              </div>
            ))}
          </dl>
          <h3>IP changes</h3>
          {changes.length === 0 ? (
            <p className="muted">No change seen yet.</p>
          ) : (
            <ol className="history" aria-label="IP changes, newest first">
              {changes.map((c) => (
                <li key={`${c.at}-${c.to}`}>
                  <time dateTime={c.at}>{localTime(c.at)}</time>{' '}
                  <span>
                    IPv{c.family}: {c.from ?? 'unknown'} → <strong>{c.to}</strong>
                  </span>{' '}
                  <small>({SOURCE_TEXT[c.source]})</small>
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </section>
  );
}
