import { useEffect } from 'react';
import type { IpChange } from '../../../shared/model';
import { host } from '../../../shared/text';
import { CopyButton } from '../../components/CopyButton';
import { localTime } from '../../format';
import { text } from '../../text';
import { useWatch } from '../../watch-store';

const T = text.watch;
const SOURCE_TEXT = T.source;
const ROUTER_TEXT = T.routerMode;

export function WatchStep() {
  const { state, history, busy, error, load, setEnabled, checkNow } = useWatch();
  useEffect(() => {
    void load();
  }, [load]);
  const changes: IpChange[] = [...history].reverse();
  const ips = state ? [state.current.v4, state.current.v6].filter((ip): ip is string => Boolean(ip)) : [];
  return (
    <section className="step" aria-labelledby="watch-title">
      <h2 id="watch-title">{T.title}</h2>
      <p className="lead">{T.lead}</p>
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
              {T.toggle}
            </label>
            <button type="button" onClick={() => void checkNow()} disabled={busy || !state.enabled}>
              {busy || state.checking ? text.common.checking : T.checkNow}
            </button>
            <span className="muted" role="status" data-last-checked={state.lastCheckedAt ?? ''}>
              {state.checking
                ? T.checkingAll
                : state.lastCheckedAt
                  ? T.lastChecked(localTime(state.lastCheckedAt))
                  : state.enabled
                    ? T.notYet
                    : T.turnOn}
            </span>
          </div>
          <dl className="facts">
            {ips.length === 0 && (
              <div className="fact">
                <dt>{T.publicIp}</dt>
                <dd>{state.enabled ? T.ipNotKnown : T.off}</dd>
              </div>
            )}
            {ips.map((ip) => (
              <div className="fact" key={ip}>
                <dt>{T.publicIp}</dt>
                <dd>
                  <code>{ip}</code>
                  <CopyButton value={ip} label={text.copy.publicIp} />
                </dd>
              </div>
            ))}
            <div className="fact">
              <dt>{T.router}</dt>
              <dd>{ROUTER_TEXT[state.routerMode]}</dd>
            </div>
            {state.targets.map((t) => (
              <div className="fact" key={t.target} data-target-verdict={t.verdict ?? 'unknown'}>
                <dt>{host(t.target)}</dt>
                <dd>{t.verdict ?? T.notChecked}</dd>
              </div>
            ))}
          </dl>
          <h3>{T.changes}</h3>
          {changes.length === 0 ? (
            <p className="muted">{T.noChange}</p>
          ) : (
            <ol className="history" aria-label={T.history}>
              {changes.map((c) => (
                <li key={`${c.at}-${c.to}`}>
                  <time dateTime={c.at}>{localTime(c.at)}</time>{' '}
                  <span>
                    {T.change(c.family, c.from)}
                    <strong>{c.to}</strong>
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
