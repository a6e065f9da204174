import { useApp } from '../store';
import { text } from '../text';
import { useWatch } from '../watch-store';
import { CopyButton } from './CopyButton';

/** The public IP in the top bar, live: it changes the moment the watch sees a new address. */
export function IpBadge() {
  const state = useWatch((s) => s.state);
  const diagnosis = useApp((s) => s.diagnosis);
  // The newest reading wins: a scan that just saw a new address must not sit under a badge showing the old
  // one while the watch waits for its next (budgeted) echo.
  const watched = state?.current.v4 ?? state?.current.v6 ?? null;
  const scanned = diagnosis?.results.ip?.v4?.ip ?? diagnosis?.results.ip?.v6?.ip ?? null;
  const scanIsNewer =
    scanned !== null &&
    diagnosis !== null &&
    (!state?.lastCheckedAt || Date.parse(diagnosis.finishedAt) > Date.parse(state.lastCheckedAt));
  const ip = scanIsNewer ? scanned : watched;
  if (!state) return null;
  // "checking…" only while a check runs: once every source failed, the badge says the IP is unknown.
  const ipText = ip ? text.ipBadge.ip(ip) : state.checking ? text.ipBadge.checking : text.ipBadge.unknown;
  const mode = state.offline ? 'offline' : state.enabled ? 'watching' : 'not-watching';
  return (
    <div className="ip-badge" aria-live="polite" data-ip={ip ?? ''} data-mode={mode}>
      <span className={`dot dot-${state.offline ? 'offline' : state.enabled ? 'on' : 'off'}`} aria-hidden="true" />
      <span>
        {ipText} · {text.ipBadge.mode[mode]}
      </span>
      {ip && <CopyButton value={ip} label={text.copy.publicIp} />}
    </div>
  );
}
