import { useCallback, useEffect, useState } from 'react';
import type { AppError, ProxyReport, ProxyStatus } from '../../../shared/model';
import { api } from '../../api';
import { useApp } from '../../store';

function proxyText(r: ProxyReport): string {
  if (r.mode === 'auto') return r.pacUrl ? `a proxy script at ${r.pacUrl}` : 'automatic proxy discovery';
  const s = r.servers[0];
  return s ? `the proxy ${s.host}${s.port ? `:${s.port}` : ''}` : 'a proxy';
}

/** The system proxy: what is set and where; turned off after asking (backed up first), and put back in one click. */
export function ProxyPanel() {
  const [status, setStatus] = useState<ProxyStatus | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState<'reading' | 'off' | 'restore' | null>('reading');
  const [confirm, setConfirm] = useState(false);
  const [backupId, setBackupId] = useState<string | null>(null);
  const recordTried = useApp((s) => s.recordTried);
  const read = useCallback(async () => {
    setBusy('reading');
    const outcome = await api.proxyStatus();
    setBusy(null);
    if (outcome.ok) setStatus(outcome.value);
    else setError(outcome.error);
  }, []);
  useEffect(() => {
    void read();
    // The settings changed (here, in the desktop's settings, by another program): show them as they are now.
    return api.on('proxyChanged', (next) => setStatus(next));
  }, [read]);
  const active = (status?.reports ?? []).filter((r) => r.mode !== 'none');
  const changeable = active.find((r) => !r.readOnly);
  const turnOff = async () => {
    setConfirm(false);
    setBusy('off');
    const outcome = await api.proxyOff();
    setBusy(null);
    if (!outcome.ok) return setError(outcome.error);
    setBackupId(outcome.value.backupId);
    setStatus(outcome.value.status);
    recordTried('Turn the system proxy off', `Turned off; the old setting is backup ${outcome.value.backupId}.`, 'vpn');
  };
  const undo = async () => {
    setBusy('restore');
    const outcome = await api.proxyRestore(backupId ?? undefined);
    setBusy(null);
    if (!outcome.ok) return setError(outcome.error);
    setBackupId(null);
    setStatus(outcome.value.status);
    recordTried('Put the system proxy back', 'The previous proxy setting is back.', 'vpn');
  };
  return (
    <section className="proxy-panel" aria-labelledby="proxy-title">
      <h3 id="proxy-title">System proxy</h3>
      {busy === 'reading' && <p aria-busy="true">Reading the proxy settings…</p>}
      {error && (
        <div className="banner banner-problem" role="alert">
          {error.message}
        </div>
      )}
      {status && (
        <div
          className={`banner banner-${active.length > 0 ? 'warning' : 'good'}`}
          role="status"
          data-proxy={active.length}
        >
          {active.length === 0
            ? 'No system proxy is set: your connection goes to sites directly.'
            : active.map((r) => `The setting in ${r.where} sends your traffic through ${proxyText(r)}.`).join(' ')}
          {active.some((r) => r.readOnly) &&
            ' Access Doctor only reports proxy variables set in your shell or system files; remove them there.'}
        </div>
      )}
      {confirm && (
        <div className="banner banner-warning" role="alertdialog" aria-labelledby="proxy-confirm">
          <p id="proxy-confirm">
            Access Doctor saves the current setting first, then turns the proxy off. You can put it back here. Continue?
          </p>
          <div className="actions">
            <button type="button" className="primary" onClick={() => void turnOff()}>
              Turn it off
            </button>
            <button type="button" onClick={() => setConfirm(false)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      <div className="actions">
        {changeable && !confirm && (
          <button type="button" className="primary" onClick={() => setConfirm(true)} disabled={busy !== null}>
            {busy === 'off' ? 'Turning off…' : 'Try without the proxy'}
          </button>
        )}
        {backupId && (
          <button type="button" onClick={() => void undo()} disabled={busy !== null}>
            {busy === 'restore' ? 'Putting back…' : 'Put the proxy back'}
          </button>
        )}
      </div>
    </section>
  );
}
