import { useEffect, useState } from 'react';
import type { VpnActionResult, VpnStatus } from '../../../shared/model';
import { api } from '../../api';
import { CheckAgainButton } from '../../components/CheckAgainButton';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useApp } from '../../store';
import { text } from '../../text';
import { osFrom, vpnSteps } from '../../text/instructions';
import { useReading } from '../../use-reading';
import { ProxyPanel } from './ProxyPanel';

const T = text.vpn;

/**
 * The network path: which interface carries the traffic, and — after asking — disconnecting the VPN
 * that does, then checking the site again. Reconnecting is one click too.
 */
export function VpnStep() {
  const {
    value: status,
    setValue: setStatus,
    error,
    setError,
    busy,
    setBusy,
    read,
  } = useReading<VpnStatus, 'disconnect' | 'reconnect'>(api.vpnStatus);
  const [confirm, setConfirm] = useState(false);
  const [result, setResult] = useState<VpnActionResult | null>(null);
  const { recordTried } = useApp.getState();
  // The watch tells when the tunnel carrying the traffic changed: show the new path.
  useEffect(() => api.on('vpnChanged', (next) => setStatus(next)), [setStatus]);
  const act = async (action: 'disconnect' | 'reconnect') => {
    setConfirm(false);
    setBusy(action);
    const outcome = action === 'disconnect' ? await api.vpnDisconnect() : await api.vpnReconnect();
    setBusy(null);
    if (!outcome.ok) return setError(outcome.error);
    setResult(outcome.value);
    recordTried(action === 'disconnect' ? T.triedDisconnect : T.triedReconnect, outcome.value.message, 'vpn');
    void read();
  };
  const tunnel = status?.viaTunnel ? status.interface : null;
  const os = useApp((s) => s.info?.os);
  // No program here can disconnect it (or the disconnect said so): what to click, in the VPN's app and the OS.
  const byHand = tunnel !== null && (result?.outcome === 'by-hand' || status?.connections.length === 0);
  const byHandSteps = byHand ? vpnSteps(status?.tunnels.find((t) => t.name === tunnel) ?? null, osFrom(os)) : [];
  return (
    <section className="step" aria-labelledby="vpn-title">
      <h2 id="vpn-title">{T.title}</h2>
      <p className="lead">{T.lead}</p>
      {busy === 'reading' && <p aria-busy="true">{T.reading}</p>}
      <ErrorBanner error={error} />
      {status && (
        <div
          className={`banner banner-${tunnel ? 'warning' : status.viaTunnel === null ? 'warning' : 'good'}`}
          role="status"
          data-via-tunnel={String(status.viaTunnel)}
        >
          {tunnel
            ? T.viaTunnel(tunnel)
            : status.viaTunnel === null
              ? T.unknownPath(status.error?.message)
              : T.direct(status.interface)}
        </div>
      )}
      {result && (
        <div
          className={`banner banner-${result.outcome === 'failed' ? 'problem' : 'good'}`}
          role="status"
          data-vpn-result={result.outcome}
        >
          {result.message}
        </div>
      )}
      {confirm && (
        <div className="banner banner-warning" role="alertdialog" aria-labelledby="vpn-confirm">
          <p id="vpn-confirm">{T.confirm}</p>
          <div className="actions">
            <button type="button" className="primary" onClick={() => void act('disconnect')}>
              {T.disconnectNow}
            </button>
            <button type="button" onClick={() => setConfirm(false)}>
              {text.common.cancel}
            </button>
          </div>
        </div>
      )}
      {byHand && tunnel && (
        <section className="vpn-by-hand" aria-labelledby="vpn-by-hand-title" data-vpn-by-hand={tunnel}>
          <h3 id="vpn-by-hand-title">{T.byHandTitle}</h3>
          <p>{T.byHandLead(tunnel, result?.outcome === 'by-hand')}</p>
          <ol>
            {byHandSteps.map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ol>
        </section>
      )}
      <ProxyPanel />
      <div className="actions">
        {/* Nothing here can disconnect it: the steps by hand above are the way, not a button that cannot. */}
        {tunnel && !confirm && !byHand && (
          <button type="button" className="primary" onClick={() => setConfirm(true)} disabled={busy !== null}>
            {busy === 'disconnect' ? T.disconnecting : T.disconnect}
          </button>
        )}
        {result?.action === 'disconnect' && result.outcome === 'done' && (
          <button type="button" onClick={() => void act('reconnect')} disabled={busy !== null}>
            {busy === 'reconnect' ? T.reconnecting : T.reconnect}
          </button>
        )}
        <CheckAgainButton primary={Boolean(result)} />
        <button type="button" onClick={() => void read()} disabled={busy !== null}>
          {text.common.readAgain}
        </button>
      </div>
    </section>
  );
}
