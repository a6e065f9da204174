import { useEffect, useState } from 'react';
import type { ProxyReport, ProxyStatus } from '../../../shared/model';
import { api } from '../../api';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useApp } from '../../store';
import { text } from '../../text';
import { useReading } from '../../use-reading';

const T = text.proxy;

function proxyText(r: ProxyReport): string {
  if (r.mode === 'auto') return r.pacUrl ? T.pac(r.pacUrl) : T.autoDiscovery;
  const s = r.servers[0];
  return s ? T.server(`${s.host}${s.port ? `:${s.port}` : ''}`) : T.someProxy;
}

/** The system proxy: what is set and where; turned off after asking (backed up first), and put back in one click. */
export function ProxyPanel() {
  const {
    value: status,
    setValue: setStatus,
    error,
    setError,
    busy,
    setBusy,
  } = useReading<ProxyStatus, 'off' | 'restore'>(api.proxyStatus);
  const [confirm, setConfirm] = useState(false);
  const [backupId, setBackupId] = useState<string | null>(null);
  const recordTried = useApp((s) => s.recordTried);
  // The settings changed (here, in the desktop's settings, by another program): show them as they are now.
  useEffect(() => api.on('proxyChanged', (next) => setStatus(next)), [setStatus]);
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
    recordTried(T.triedOff, T.triedOffResult(outcome.value.backupId), 'vpn');
  };
  const undo = async () => {
    setBusy('restore');
    const outcome = await api.proxyRestore(backupId ?? undefined);
    setBusy(null);
    if (!outcome.ok) return setError(outcome.error);
    setBackupId(null);
    setStatus(outcome.value.status);
    recordTried(T.triedRestore, T.triedRestoreResult, 'vpn');
  };
  return (
    <section className="proxy-panel" aria-labelledby="proxy-title">
      <h3 id="proxy-title">{T.title}</h3>
      {busy === 'reading' && <p aria-busy="true">{T.reading}</p>}
      <ErrorBanner error={error} />
      {status && (
        <div
          className={`banner banner-${active.length > 0 ? 'warning' : 'good'}`}
          role="status"
          data-proxy={active.length}
        >
          {active.length === 0
            ? T.none
            : T.active(
                active.map((r) => ({ where: r.where, proxy: proxyText(r) })),
                active.some((r) => r.readOnly),
              )}
        </div>
      )}
      {confirm && (
        <div className="banner banner-warning" role="alertdialog" aria-labelledby="proxy-confirm">
          <p id="proxy-confirm">{T.confirm}</p>
          <div className="actions">
            <button type="button" className="primary" onClick={() => void turnOff()}>
              {T.turnOffNow}
            </button>
            <button type="button" onClick={() => setConfirm(false)}>
              {text.common.cancel}
            </button>
          </div>
        </div>
      )}
      <div className="actions">
        {changeable && !confirm && (
          <button type="button" className="primary" onClick={() => setConfirm(true)} disabled={busy !== null}>
            {busy === 'off' ? T.turningOff : T.tryWithout}
          </button>
        )}
        {backupId && (
          <button type="button" onClick={() => void undo()} disabled={busy !== null}>
            {busy === 'restore' ? text.common.puttingBack : T.putBack}
          </button>
        )}
      </div>
    </section>
  );
}
