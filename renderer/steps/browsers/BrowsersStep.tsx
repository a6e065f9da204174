import { useCallback, useEffect, useState } from 'react';
import type {
  AppError,
  BrowserId,
  BrowsersResult,
  ClearSiteDataResult,
  PrivateWindowResult,
  ProfileSiteData,
} from '../../../shared/model';
import { host } from '../../../shared/text';
import { api } from '../../api';
import { CheckAgainButton } from '../../components/CheckAgainButton';
import { useApp } from '../../store';

const SETTING_TEXT = {
  cookies: 'Cookies are',
  javascript: 'JavaScript is',
  'third-party-cookies': 'Third-party cookies are',
  'user-agent': 'The browser identity is changed and',
  fingerprinting: 'Fingerprinting resistance is on and',
} as const;

const RISK_TEXT = {
  'vpn-proxy': 'is a VPN or proxy',
  'ua-spoof': 'changes how the browser identifies itself',
  blocker: 'blocks scripts or requests',
  privacy: 'clears cookies or strips parts of pages',
} as const;

/**
 * The browsers: each profile's cookies for the site (cleared after asking, backed up first, undone in
 * one click), its risky extensions and the settings that break the site's checks, with where to fix each.
 */
export function BrowsersStep() {
  const [result, setResult] = useState<BrowsersResult | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState<string | null>('reading');
  const [confirm, setConfirm] = useState<ProfileSiteData | null>(null);
  const [cleared, setCleared] = useState<ClearSiteDataResult | null>(null);
  const [undone, setUndone] = useState(false);
  const [tried, setTried] = useState<PrivateWindowResult | null>(null);
  const [loaded, setLoaded] = useState<boolean | null>(null);
  const { goTo, recordTried } = useApp.getState();
  const read = useCallback(async () => {
    setBusy('reading');
    const outcome = await api.browsersList();
    setBusy(null);
    if (outcome.ok) setResult(outcome.value);
    else setError(outcome.error);
  }, []);
  useEffect(() => {
    void read();
  }, [read]);
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
      `Clear the site's cookies in ${p.browserName} (${p.name})`,
      `Removed ${outcome.value.removedCookies} cookies; backup ${outcome.value.backupId}.`,
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
    recordTried('Put the cookies back', `Backup ${cleared.backupId} was put back.`, 'browsers');
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
    const where = `a private ${tried.browserName} window`;
    recordTried(
      'Private window test',
      yes
        ? `${host(tried.target)} loaded in ${where}, so the browser's cookies or extensions are the cause.`
        : `${host(tried.target)} did not load in ${where} either, so the block is not about this browser's state.`,
      'browsers',
    );
  };
  const browsers = [...new Map((result?.profiles ?? []).map((p) => [p.browser, p.browserName])).entries()];
  const site = result?.sites[0] ?? 'the site';
  const sites = result && result.sites.length > 0 ? result.sites.join(' and ') : 'the site';
  return (
    <section className="step" aria-labelledby="browsers-title">
      <h2 id="browsers-title">Your browsers</h2>
      <p className="lead">
        A stale sign-in, an extension or a blocked setting can keep a site refusing you. Access Doctor reads every
        browser profile; it changes only the site's cookies, after asking, and keeps a backup.
      </p>
      {busy === 'reading' && <p aria-busy="true">Reading your browser profiles…</p>}
      {error && (
        <div className="banner banner-problem" role="alert">
          {error.message}
        </div>
      )}
      {cleared && (
        <div className="banner banner-good" role="status" data-cleared={cleared.backupId}>
          {undone
            ? `The cookies are back as they were (backup ${cleared.backupId}).`
            : `Removed ${cleared.removedCookies} cookies of ${cleared.sites.join(', ')} from ${cleared.profileName}. The old file is kept as backup ${cleared.backupId}.`}
          <div className="actions">
            {!undone && (
              <button type="button" onClick={() => void undo()} disabled={busy !== null}>
                {busy === 'undo' ? 'Putting back…' : 'Undo'}
              </button>
            )}
            <CheckAgainButton />
          </div>
        </div>
      )}
      {result && result.profiles.length === 0 && (
        <p data-profiles="0">
          No browser profile was found for this user. If you use a portable browser, clear {site}'s cookies in its
          settings.
        </p>
      )}
      {result && result.profiles.length > 0 && (
        <ul className="backups" aria-label="Browser profiles">
          {result.profiles.map((p) => {
            const risky = (p.extensions ?? []).filter((e) => e.enabled && e.risk);
            return (
              <li key={p.folder} data-profile={`${p.browser}:${p.id}`} data-cookies={p.cookies ?? ''}>
                <div>
                  <strong>
                    {p.browserName} — {p.name}
                  </strong>
                  <small>
                    {p.cookies === null ? 'Cookies could not be counted.' : `${p.cookies} cookies of ${sites}.`}
                    {p.running ? ` ${p.browserName} is running: close it to clear them.` : ''}
                    {p.note ? ` ${p.note}` : ''}
                  </small>
                  {risky.map((e) => (
                    <small key={e.id} data-risky={e.id}>
                      The extension “{e.name}” {RISK_TEXT[e.risk ?? 'blocker']}: turn it off at {e.where} to test.
                    </small>
                  ))}
                  {(p.blocking ?? []).map((b) => (
                    <small key={b.id} data-blocking={b.id}>
                      {`${SETTING_TEXT[b.setting]} blocked ${b.scope === 'site' ? `for ${b.sites.join(', ')}` : 'everywhere'}: change it at ${b.where}.`}
                    </small>
                  ))}
                </div>
                {confirm?.folder === p.folder ? (
                  <span className="actions">
                    <button type="button" className="primary" onClick={() => void clear(p)}>
                      Clear now
                    </button>
                    <button type="button" onClick={() => setConfirm(null)}>
                      Cancel
                    </button>
                  </span>
                ) : (
                  (p.cookies ?? 0) > 0 && (
                    <button
                      type="button"
                      onClick={() => setConfirm(p)}
                      disabled={busy !== null || p.running}
                      aria-label={`Clear ${site}'s cookies in ${p.browserName} (${p.name})`}
                    >
                      {busy === `clear:${p.folder}` ? 'Clearing…' : 'Clear'}
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
          Access Doctor saves the cookie file first, then removes only {site}'s cookies from {confirm.browserName} (
          {confirm.name}). You will be signed out of {site} there.
        </p>
      )}
      {browsers.length > 0 && (
        <section className="private-test" aria-labelledby="private-title">
          <h3 id="private-title">Private-window test</h3>
          <p className="muted">
            A private window starts without your cookies and extensions: if the site loads there, your browser's state
            is the cause.
          </p>
          <div className="actions">
            {browsers.map(([id, name]) => (
              <button
                key={id}
                type="button"
                data-private={id}
                onClick={() => void tryPrivate(id)}
                disabled={busy !== null}
              >
                {busy === `private:${id}` ? 'Opening…' : `Try a private window (${name})`}
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
              <p>Did {host(tried.target)} load in the private window?</p>
              <div className="actions">
                <button type="button" className="primary" data-answer="yes" onClick={() => answer(true)}>
                  Yes
                </button>
                <button type="button" data-answer="no" onClick={() => answer(false)}>
                  No
                </button>
              </div>
            </>
          ) : loaded ? (
            <>
              <p data-conclusion="browser">
                So your browser's cookies or extensions are the cause: clear the site's data or turn the extensions off.
              </p>
              <div className="actions">
                <CheckAgainButton />
              </div>
            </>
          ) : (
            <>
              <p data-conclusion="network">
                So the block is not about this browser's state: try the network path or the router.
              </p>
              <div className="actions">
                <button type="button" className="primary" onClick={() => goTo('vpn')}>
                  Check the network path
                </button>
              </div>
            </>
          )}
        </div>
      )}
      <div className="actions">
        <button type="button" onClick={() => void read()} disabled={busy !== null}>
          Read again
        </button>
      </div>
    </section>
  );
}
