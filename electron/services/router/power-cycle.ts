/**
 * The guided power-cycle, for routers that refuse a remote reconnect: tell the user what to unplug and for
 * how long, then watch the connection drop (gateway gone or public IP unreadable) and come back, and say
 * whether the public IP changed. A drop too short to see still counts when the public IP changed.
 */
import type { PowerCycleGuide, PowerCycleResult, RouterProgress } from '../../../shared/model';
import type { Clock } from '../../core/clock';

export function powerCycleGuide(unplugSeconds: number): PowerCycleGuide {
  return {
    unplugSeconds,
    steps: [
      'This drops the internet connection for everyone on your network for a few minutes.',
      'Pull the power plug of your router (the box your internet line goes into; with a separate modem, unplug the modem too).',
      `Leave it unplugged for at least ${unplugSeconds} second${unplugSeconds === 1 ? '' : 's'}, so your provider ends the old session.`,
      'Plug it back in and wait until its internet light is steady again. Access Doctor watches and tells you the new address.',
    ],
  };
}

export interface PowerCycleDeps {
  /** True when the router answers on the LAN. */
  probeGateway(signal: AbortSignal): Promise<boolean>;
  /** The public IPv4 an outside echo sees, or null when it cannot be read (connection down). */
  readPublicIp(signal: AbortSignal): Promise<string | null>;
  clock: Clock;
  pollMs: number;
  timeoutMs: number;
  unplugSeconds: number;
  /** Per-probe deadline, so a dead connection does not stall the countdown. */
  probeTimeoutMs?: number;
}

export interface PowerCycleOptions {
  oldIp?: string | null;
  onProgress?: (progress: Omit<RouterProgress, 'runId'>) => void;
  signal?: AbortSignal;
}

export async function watchPowerCycle(
  deps: PowerCycleDeps,
  options: PowerCycleOptions = {},
): Promise<PowerCycleResult> {
  const { clock } = deps;
  const started = clock.now();
  const elapsed = () => Math.round(clock.now() - started);
  const probeTimeout = deps.probeTimeoutMs ?? Math.max(1000, Math.min(3000, deps.pollMs * 3));
  const probe = async () => {
    const signal = options.signal
      ? AbortSignal.any([options.signal, AbortSignal.timeout(probeTimeout)])
      : AbortSignal.timeout(probeTimeout);
    const [gateway, ip] = await Promise.all([
      deps.probeGateway(signal).catch(() => false),
      deps.readPublicIp(signal).catch(() => null),
    ]);
    return { gateway, ip };
  };
  const emit = (phase: RouterProgress['phase'], message: string, remainingSeconds?: number) =>
    options.onProgress?.({
      phase,
      message,
      elapsedMs: elapsed(),
      ...(remainingSeconds !== undefined ? { remainingSeconds } : {}),
    });
  const finish = (
    outcome: PowerCycleResult['outcome'],
    oldIp: string | null,
    newIp: string | null,
    sawDrop: boolean,
  ) => {
    const message =
      outcome === 'ip-changed'
        ? `Your public IP changed from ${oldIp ?? 'unknown'} to ${newIp}.`
        : outcome === 'back'
          ? `The connection is back with the public IP ${newIp}. Access Doctor did not know the address before, so it cannot tell whether it changed; scan again to see whether the site lets you in.`
          : outcome === 'same-ip'
            ? `The connection is back, but your provider gave you the same public IP (${newIp}). Try a longer unplug, or ask your provider.`
            : outcome === 'cancelled'
              ? 'Stopped watching.'
              : sawDrop
                ? 'The connection has not come back yet. Check the router’s lights and cables.'
                : 'The connection never dropped. Was the router unplugged?';
    emit('done', message);
    return { outcome, oldIp, newIp, sawDrop, durationMs: elapsed(), message };
  };

  let oldIp = options.oldIp ?? null;
  if (!oldIp) oldIp = (await probe()).ip;
  let dropAt: number | null = null;
  emit(
    'unplug',
    `Unplug the router now (your public IP is ${oldIp ?? 'unknown'}). Waiting for the connection to drop…`,
  );
  try {
    while (elapsed() < deps.timeoutMs) {
      await clock.sleep(deps.pollMs, options.signal);
      const { gateway, ip } = await probe();
      if (ip && oldIp && ip !== oldIp) return finish('ip-changed', oldIp, ip, dropAt !== null);
      if (!gateway || !ip) {
        dropAt ??= clock.now();
        const remaining = Math.max(0, Math.ceil(deps.unplugSeconds - (clock.now() - dropAt) / 1000));
        if (remaining > 0)
          emit('down', `Connection is down. Keep the router unplugged for ${remaining} s more.`, remaining);
        else emit('plug-in', 'Plug the router back in now. Waiting for the connection to come back…', 0);
        continue;
      }
      if (dropAt !== null) {
        emit('coming-back', 'The connection is back. Reading your public IP…');
        // The gateway and the address are read in parallel, so the address in this round may have been
        // read just before the router came back: read it once more now that the gateway answers.
        const fresh = (await probe()).ip ?? ip;
        // Without the old address a returning connection proves nothing about a new one.
        return finish(oldIp === null ? 'back' : fresh === oldIp ? 'same-ip' : 'ip-changed', oldIp, fresh, true);
      }
    }
    return finish('timeout', oldIp, null, dropAt !== null);
  } catch (error) {
    if (options.signal?.aborted) return finish('cancelled', oldIp, null, dropAt !== null);
    throw error;
  }
}
