/**
 * Remote reconnect: ForceTermination, RequestConnection once the link is down, then ask the router every
 * `pollMs` until it is Connected with an address, and confirm the new address from outside when we can.
 * A refusal (606, 401, …) is a result, not an exception: it points at the guided power-cycle.
 */
import type { ReconnectResult, RouterProgress } from '../../../shared/model';
import type { Clock } from '../../core/clock';
import { toAppError } from '../../core/errors';
import { UpnpSoapError } from './errors';
import type { IgdClient } from './igd';
import { analyzeNat } from './nat';
import { powerCycleGuide } from './power-cycle';

export interface ReconnectDeps {
  igd: IgdClient;
  clock: Clock;
  /** The public IPv4 an outside echo sees; confirms the new address beyond the router's word. */
  readPublicIp?: (signal?: AbortSignal) => Promise<string | null>;
  timeoutMs: number;
  pollMs: number;
  unplugSeconds: number;
  /** A router that stays Connected this long after ForceTermination is taken as done (nothing changed). */
  noDropGraceMs?: number;
  /** How long the outside echo may lag behind the router. */
  confirmTimeoutMs?: number;
}

export interface ReconnectOptions {
  onProgress?: (progress: Omit<RouterProgress, 'runId'>) => void;
  signal?: AbortSignal;
}

export async function reconnect(deps: ReconnectDeps, options: ReconnectOptions = {}): Promise<ReconnectResult> {
  const { igd, clock, signal } = { ...deps, signal: options.signal };
  const started = clock.now();
  const elapsed = () => Math.round(clock.now() - started);
  const emit = (phase: RouterProgress['phase'], message: string, fraction?: number) =>
    options.onProgress?.({ phase, message, elapsedMs: elapsed(), ...(fraction !== undefined ? { fraction } : {}) });
  const guide = powerCycleGuide(deps.unplugSeconds);

  emit('reading', 'Reading the current address…', 0.05);
  const [oldIp, oldPublicIp] = await Promise.all([
    igd.getExternalIp(signal).catch(() => null),
    deps.readPublicIp ? deps.readPublicIp(signal).catch(() => null) : Promise.resolve(null),
  ]);
  const before = oldIp ?? oldPublicIp;

  emit('terminating', 'Asking the router to disconnect…', 0.1);
  const t0 = clock.now();
  try {
    await igd.forceTermination(signal);
  } catch (error) {
    if (!(error instanceof UpnpSoapError && error.upnpCode === 711)) {
      const refused = error instanceof UpnpSoapError && error.isRefusal;
      const upnpCode = error instanceof UpnpSoapError && error.upnpCode !== null ? { upnpCode: error.upnpCode } : {};
      emit('done', refused ? 'The router does not allow a remote reconnect.' : 'The router could not reconnect.');
      return {
        outcome: refused ? 'not-allowed' : 'failed',
        oldIp: before,
        error: refused
          ? {
              code: (error as UpnpSoapError).code,
              message: `This router does not allow a remote reconnect (${(error as UpnpSoapError).label}): ${(error as UpnpSoapError).meaning} Restart it by hand instead; Access Doctor will watch for the new address.`,
            }
          : toAppError(error),
        ...upnpCode,
        guide,
      };
    }
  }

  let sawDown = false;
  let requested = false;
  let newIp: string | null = null;
  let connectedAt: number | null = null;
  const noDropGrace = deps.noDropGraceMs ?? 3000;
  while (clock.now() - t0 < deps.timeoutMs) {
    await clock.sleep(deps.pollMs, signal);
    const sinceStart = clock.now() - t0;
    const fraction = 0.2 + 0.6 * Math.min(1, sinceStart / Math.min(deps.timeoutMs, 60_000));
    let status: string;
    try {
      status = (await igd.getStatusInfo(signal)).connectionStatus;
    } catch {
      sawDown = true; // a router busy reconnecting may not answer for a moment
      emit('waiting', 'The router is busy reconnecting…', fraction);
      continue;
    }
    if (status !== 'Connected') {
      sawDown = true;
      if (!requested && (status === 'Disconnected' || status === 'Unconfigured')) {
        requested = true;
        emit('requesting', 'Asking the router to connect again…', fraction);
        // Many routers reconnect by themselves; a refused RequestConnection is not fatal while we wait.
        await igd.requestConnection(signal).catch(() => undefined);
      } else {
        emit('waiting', `Waiting for the router to reconnect (${status})…`, fraction);
      }
      continue;
    }
    const ip = await igd.getExternalIp(signal).catch(() => null);
    if (!sawDown && (!ip || ip === oldIp) && sinceStart < noDropGrace) continue;
    if (!ip && oldIp) continue; // connected but no address yet
    newIp = ip;
    connectedAt = clock.now();
    break;
  }
  if (connectedAt === null) {
    emit('done', 'The router did not come back in time.');
    return {
      outcome: 'timeout',
      oldIp: before,
      error: {
        code: 'router-reconnect-timeout',
        message: `The router did not report a connection within ${Math.round(deps.timeoutMs / 1000)} s. Check its lights; restarting it by hand may help.`,
      },
      guide,
    };
  }

  // The router's word is enough to report; an outside echo confirms what sites will see.
  let confirmedBy: 'router' | 'echo' = 'router';
  let publicIp: string | null = null;
  if (deps.readPublicIp) {
    emit('confirming', `Router connected${newIp ? ` as ${newIp}` : ''}. Checking what sites see…`, 0.9);
    const deadline = clock.now() + (deps.confirmTimeoutMs ?? 5000);
    while (clock.now() < deadline) {
      publicIp = await deps.readPublicIp(signal).catch(() => null);
      if (publicIp && (publicIp === newIp || (oldPublicIp !== null && publicIp !== oldPublicIp))) {
        confirmedBy = 'echo';
        break;
      }
      await clock.sleep(deps.pollMs, signal);
    }
  }
  // Compare like with like: the echo's view before and after, else the router's.
  const echo = confirmedBy === 'echo' && oldPublicIp !== null;
  const from = echo ? oldPublicIp : before;
  const after = confirmedBy === 'echo' ? publicIp : newIp;
  const ipChanged = after !== null && after !== from;
  const durationMs = Math.round(clock.now() - t0);
  emit('done', ipChanged ? `New address: ${after}` : 'Reconnected, but the address did not change.', 1);
  return {
    outcome: 'reconnected',
    oldIp: from,
    newIp: after,
    ipChanged,
    durationMs,
    connectedAfterMs: Math.round(connectedAt - t0),
    confirmedBy,
    natWarning: analyzeNat(newIp, publicIp),
  };
}
