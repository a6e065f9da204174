import { useState } from 'react';
import type {
  BrowserId,
  BrowsersResult,
  ClearSiteDataResult,
  PrivateWindowResult,
  ProfileSiteData,
} from '../../../shared/model';
import { host, sentences } from '../../../shared/text';
import { api } from '../../api';
import { CheckAgainButton } from '../../components/CheckAgainButton';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useApp } from '../../store';
import { text } from '../../text';
import { extensionsMenu, settingMenu } from '../../text/instructions';
import { useReading } from '../../use-reading';

const SETTING_TEXT = text.browsers.setting;
const RISK_TEXT = text.browsers.risk;
const T = text.browsers;

/**
 * The browsers: each profile's cookies for the site (cleared after asking, backed up first, undone in
 * one click), its risky extensions and the settings that break the site's checks, with where to fix each.
 */
export function BrowsersStep() {
  // Actions name what runs: `clear:<profile folder>`, `undo`, `private:<browser>`.
  const { value: result, error, setError, busy, setBusy, read } = useReading<BrowsersResult, string>(api.browsersList);
  const [confirm, setConfirm] = useState<ProfileSiteData | null>(null);
  const [cleared, setCleared] = useState<ClearSiteDataResult | null>(null);
  const [undone, setUndone] = useState(false);
  const [tried, setTried] = useState<PrivateWindowResult | null>(null);
  const [loaded, setLoaded] = useState<boolean | null>(null);
  const { goTo, recordTried } = useApp.getState();
  const clear = async (p: ProfileSiteData) => {
    setConfirm(null);
    setBusy(`clear:${p.folder}`);
    setError(null);
    const outcome = await api.browsersClear(p.browser, p.id);
    setBusy(null);
    if (!outcome.ok) return setError(outcome.error);
    setCleared(outcome.value);
    setUndone(false);
    recordTried(
      T.triedClear(p.browserName, p.name),
      T.triedClearResult(outcome.value.removedCookies, outcome.value.backupId),
      'browsers',
    );
    void read();
  };
  const undo = async () => {
    if (!cleared) return;
    setBusy('undo');
    const outcome = await api.restoreBackup(cleared.backupId);
    setBusy(null);
    if (!outcome.ok) return setError(outcome.error);
    setUndone(true);
    recordTried(T.triedUndo, T.triedUndoResult(cleared.backupId), 'browsers');
    void read();
  };
  const tryPrivate = async (browser: BrowserId) => {
    setBusy(`private:${browser}`);
    setError(null);
    setLoaded(null);
    const target = useApp.getState().targets[0];
    const outcome = await api.browsersPrivateWindow(browser, target);
    setBusy(null);
    if (!outcome.ok) return setError(outcome.error);
    setTried(outcome.value);
  };
  const answer = (yes: boolean) => {
    if (!tried) return;
    setLoaded(yes);
    recordTried(T.triedPrivate, T.triedPrivateResult(host(tried.target), tried.browserName, yes), 'browsers');
  };
  const browsers = [...new Map((result?.profiles ?? []).map((p) => [p.browser, p.browserName])).entries()];
  const site = result?.sites[0] ?? T.theSite;
  const sites = result && result.sites.length > 0 ? T.sitesJoined(result.sites) : T.theSite;
  return (
    <section className="step" aria-labelledby="browsers-title">
      <h2 id="browsers-title">{T.title}</h2>
      <p className="lead">{T.lead}</p>
      {busy === 'reading' && <p aria-busy="true">{T.reading}</p>}
      <ErrorBanner error={error} />
      {cleared && (
        <div className="banner banner-good" role="status" data-cleared={cleared.backupId}>
          {undone
            ? T.undone(cleared.backupId)
            : T.cleared(cleared.removedCookies, cleared.sites, cleared.profileName, cleared.backupId)}
          <div className="actions">
            {!undone && (
              <button type="button" onClick={() => void undo()} disabled={busy !== null}>
                {busy === 'undo' ? text.common.puttingBack : T.undo}
              </button>
            )}
            <CheckAgainButton />
          </div>
        </div>
      )}
      {result && result.profiles.length === 0 && <p data-profiles="0">{T.noProfiles(site)}</p>}
      {result && result.profiles.length > 0 && (
        <ul className="backups" aria-label={T.profiles}>
          {result.profiles.map((p) => {
            const risky = (p.extensions ?? []).filter((e) => e.enabled && e.risk);
            return (
              <li key={p.folder} data-profile={`${p.browser}:${p.id}`} data-cookies={p.cookies ?? ''}>
                <div>
                  <strong>{T.profile(p.browserName, p.name)}</strong>
                  <small>{T.cookies(p.cookies, sites, p.browserName, p.running, p.note)}</small>
                  {p.localStorage && <small data-local-storage="">{T.localStorage(p.localStorage.items)}</small>}
                  {risky.map((e) => (
                    <small key={e.id} data-risky={e.id}>
                      {sentences(
                        T.riskyExtension(e.name, RISK_TEXT[e.risk ?? 'blocker'], e.where),
                        extensionsMenu(p.browser, p.browserName),
                      )}
                    </small>
                  ))}
                  {(p.blocking ?? []).map((b) => (
                    <small key={b.id} data-blocking={b.id}>
                      {sentences(
                        T.blocking(SETTING_TEXT[b.setting], b.scope === 'site' ? b.sites : null, b.where),
                        settingMenu(p.browser, p.browserName, b.setting, b.scope),
                      )}
                    </small>
                  ))}
                </div>
                {confirm?.folder === p.folder ? (
                  <span className="actions">
                    <button type="button" className="primary" onClick={() => void clear(p)}>
                      {T.clearNow}
                    </button>
                    <button type="button" onClick={() => setConfirm(null)}>
                      {text.common.cancel}
                    </button>
                  </span>
                ) : (
                  ((p.cookies ?? 0) > 0 || (p.localStorage?.items ?? 0) > 0) && (
                    <button
                      type="button"
                      onClick={() => setConfirm(p)}
                      disabled={busy !== null || p.running}
                      aria-label={T.clearLabel(site, p.browserName, p.name)}
                    >
                      {busy === `clear:${p.folder}` ? T.clearing : T.clear}
                    </button>
                  )
                )}
              </li>
            );
          })}
        </ul>
      )}
      {confirm && (
        <p className="muted" role="status">
          {T.confirm(site, confirm.browserName, confirm.name)}
        </p>
      )}
      {browsers.length > 0 && (
        <section className="private-test" aria-labelledby="private-title">
          <h3 id="private-title">{T.privateTitle}</h3>
          <p className="muted">{T.privateLead}</p>
          <div className="actions">
            {browsers.map(([id, name]) => (
              <button
                key={id}
                type="button"
                data-private={id}
                onClick={() => void tryPrivate(id)}
                disabled={busy !== null}
              >
                {busy === `private:${id}` ? T.opening : T.tryPrivate(name)}
              </button>
            ))}
          </div>
        </section>
      )}
      {tried && (
        <div className="banner" role="status" data-private-result={tried.launched ? 'launched' : 'by-hand'}>
          <p>{tried.message}</p>
          {loaded === null ? (
            <>
              <p>{T.privateQuestion(host(tried.target))}</p>
              <div className="actions">
                <button type="button" className="primary" data-answer="yes" onClick={() => answer(true)}>
                  {T.yes}
                </button>
                <button type="button" data-answer="no" onClick={() => answer(false)}>
                  {T.no}
                </button>
              </div>
            </>
          ) : loaded ? (
            <>
              <p data-conclusion="browser">{T.causeBrowser}</p>
              <div className="actions">
                <CheckAgainButton />
              </div>
            </>
          ) : (
            <>
              <p data-conclusion="network">{T.causeNetwork}</p>
              <div className="actions">
                <button type="button" className="primary" onClick={() => goTo('vpn')}>
                  {T.checkNetworkPath}
                </button>
              </div>
            </>
          )}
        </div>
      )}
      <div className="actions">
        <button type="button" onClick={() => void read()} disabled={busy !== null}>
          {text.common.readAgain}
        </button>
      </div>
    </section>
  );
}
