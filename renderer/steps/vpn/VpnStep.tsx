import { useCallback, useEffect, useState } from 'react';
import type { AppError, VpnActionResult, VpnStatus } from '../../../shared/model';
import { api } from '../../api';
import { CheckAgainButton } from '../../components/CheckAgainButton';
import { useApp } from '../../store';
import { ProxyPanel } from './ProxyPanel';

/**
 * The network path: which interface carries the traffic, and — after asking — disconnecting the VPN
 * that does, then checking the site again. Reconnecting is one click too.
 */
export function VpnStep() {
  const [status, setStatus] = useState<VpnStatus | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState<'reading' | 'disconnect' | 'reconnect' | null>('reading');
  const [confirm, setConfirm] = useState(false);
  const [result, setResult] = useState<VpnActionResult | null>(null);
  const { recordTried } = useApp.getState();
  const read = useCallback(async () => {
    setBusy('reading');
    const outcome = await api.vpnStatus();
    setBusy(null);
    if (outcome.ok) setStatus(outcome.value);
    else setError(outcome.error);
  }, []);
  useEffect(() => {
    void read();
    // The watch tells when the tunnel carrying the traffic changed: show the new path.
    return api.on('vpnChanged', (next) => setStatus(next));
  }, [read]);
  const act = async (action: 'disconnect' | 'reconnect') => {
    setConfirm(false);
    setBusy(action);
    const outcome = action === 'disconnect' ? await api.vpnDisconnect() : await api.vpnReconnect();
    setBusy(null);
    if (!outcome.ok) return setError(outcome.error);
    setResult(outcome.value);
    recordTried(action === 'disconnect' ? 'Disconnect the VPN' : 'Reconnect the VPN', outcome.value.message, 'vpn');
    void read();
  };
  const tunnel = status?.viaTunnel ? status.interface : null;
  return (
    <section className="step" aria-labelledby="vpn-title">
      <h2 id="vpn-title">Your network path</h2>
      <p className="lead">
        Sites often block the exits of VPNs and proxies. Access Doctor asks this computer which connection carries your
        traffic, and can disconnect the VPN for one test.
      </p>
      {busy === 'reading' && <p aria-busy="true">Reading your network path…</p>}
      {error && (
        <div className="banner banner-problem" role="alert">
          {error.message}
        </div>
      )}
      {status && (
        <div
          className={`banner banner-${tunnel ? 'warning' : status.viaTunnel === null ? 'warning' : 'good'}`}
          role="status"
          data-via-tunnel={String(status.viaTunnel)}
        >
          {tunnel
            ? `Your traffic leaves through ${tunnel}, a VPN. Sites often block VPN exits.`
            : status.viaTunnel === null
              ? `Access Doctor could not tell which connection carries your traffic. ${status.error?.message ?? ''}`
              : `Your traffic leaves through ${status.interface ?? 'your normal connection'}, not a VPN.`}
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
          <p id="vpn-confirm">
            Your traffic will go out without the VPN until you reconnect it here or in the VPN app. Continue?
          </p>
          <div className="actions">
            <button type="button" className="primary" onClick={() => void act('disconnect')}>
              Disconnect now
            </button>
            <button type="button" onClick={() => setConfirm(false)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      <ProxyPanel />
      <div className="actions">
        {tunnel && !confirm && (
          <button type="button" className="primary" onClick={() => setConfirm(true)} disabled={busy !== null}>
            {busy === 'disconnect' ? 'Disconnecting…' : 'Disconnect the VPN'}
          </button>
        )}
        {result?.action === 'disconnect' && result.outcome === 'done' && (
          <button type="button" onClick={() => void act('reconnect')} disabled={busy !== null}>
            {busy === 'reconnect' ? 'Reconnecting…' : 'Reconnect the VPN'}
          </button>
        )}
        <CheckAgainButton primary={Boolean(result)} />
        <button type="button" onClick={() => void read()} disabled={busy !== null}>
          Read again
        </button>
      </div>
    </section>
  );
}
