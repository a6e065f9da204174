import { useWatch } from '../watch-store';
import { CopyButton } from './CopyButton';

/** The public IP in the top bar, live: it changes the moment the watch sees a new address. */
export function IpBadge() {
  const state = useWatch((s) => s.state);
  const ip = state?.current.v4 ?? state?.current.v6 ?? null;
  if (!state) return null;
  return (
    <div className="ip-badge" aria-live="polite" data-ip={ip ?? ''}>
      <span className={`dot dot-${state.offline ? 'offline' : state.enabled ? 'on' : 'off'}`} aria-hidden="true" />
      <span>
        {ip ? `Public IP ${ip}` : state.enabled ? 'Public IP: checking…' : 'Public IP unknown'}
        {!state.enabled && ' · not watching'}
      </span>
      {ip && <CopyButton value={ip} label="public IP" />}
    </div>
  );
}
