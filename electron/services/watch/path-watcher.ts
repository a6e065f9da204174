/**
 * Notices when the network path changes under the app: the tunnel that carries the traffic (the VPN
 * check) or the system proxy settings (the proxy read). Each is compared with the last reading by a
 * small fingerprint of what the Network path step shows, and an event goes out only on a difference.
 *
 * Cheap on purpose:
 * - the VPN check runs only when the local watcher saw a change (an address came or went, the route to
 *   the internet moved): a tunnel coming up or going down always does one of these, and between such
 *   changes the answer cannot differ, so polling it (three tools, one of them asking NetworkManager)
 *   would cost without telling anything;
 * - the proxy has no such signal (a settings write changes no interface), so it is read every
 *   `intervalMs`, the local watcher's own interval: one `gsettings`/`kreadconfig5` run or a registry
 *   query, no network traffic.
 * A reading still in flight is never doubled: a request during it asks for one more afterwards.
 */
import type { ProxyStatus, VpnStatus } from '../../../shared/model';
import { createTimerSet, type Timers } from '../../core/timers';

export interface PathWatcherDeps {
  readVpn?: () => Promise<VpnStatus>;
  readProxy?: () => Promise<ProxyStatus>;
  /** How often the proxy settings are read. */
  intervalMs: number;
  timers: Timers;
  onVpnChanged(status: VpnStatus): void;
  onProxyChanged(status: ProxyStatus): void;
  /** A reading that threw: reported, never fatal; the last fingerprint is kept. */
  onProblem?(message: string): void;
}

export interface PathWatcher {
  /** Takes the first readings (no event for them) and starts the proxy poll. */
  start(): Promise<void>;
  stop(): void;
  /** The local watcher saw an interface, address or route change: read the VPN path again. */
  localChanged(): void;
  readonly timerCount: number;
}

/** What the Network path step shows of the VPN check: the path, the tunnels, what can be dropped. */
export function vpnFingerprint(s: VpnStatus): string {
  return JSON.stringify([
    s.viaTunnel,
    s.interface,
    s.table,
    s.tunnels.map((t) => `${t.name}/${t.kind}`).sort(),
    s.connections.map((c) => `${c.driver}/${c.id}/${c.device ?? ''}`).sort(),
    s.error?.code ?? null,
  ]);
}

/** The settings themselves, not a comparison's probes (those are not part of a plain read). */
export function proxyFingerprint(s: ProxyStatus): string {
  return JSON.stringify([
    s.system,
    s.reports.map((r) => [
      r.source,
      r.where,
      r.mode,
      r.servers.map((v) => `${v.kind} ${v.host} ${v.port ?? ''}`),
      r.pacUrl,
      r.autoDetect,
      r.ignoreHosts,
      r.readOnly,
    ]),
    s.failures.map((f) => `${f.source} ${f.error.code}`),
  ]);
}

/** One reading at a time, with at most one more queued; the fingerprint says whether to tell. */
function createReader<T>(
  read: () => Promise<T>,
  fingerprint: (value: T) => string,
  onChange: (value: T) => void,
  isRunning: () => boolean,
  onProblem: (message: string) => void,
) {
  let last: string | null = null;
  let inFlight: Promise<void> | null = null;
  let again = false;
  // The first good reading is the baseline: nothing to compare it with, so no event.
  const once = async () => {
    try {
      const value = await read();
      if (!isRunning()) return;
      const print = fingerprint(value);
      const changed = last !== null && print !== last;
      last = print;
      if (changed) onChange(value);
    } catch (error) {
      onProblem(error instanceof Error ? error.message : String(error));
    }
  };
  const run = (): Promise<void> => {
    if (inFlight) {
      again = true;
      return inFlight;
    }
    inFlight = (async () => {
      await once();
      while (again && isRunning()) {
        again = false;
        await once();
      }
    })().finally(() => {
      inFlight = null;
    });
    return inFlight;
  };
  return { run };
}

export function createPathWatcher(deps: PathWatcherDeps): PathWatcher {
  const timers = createTimerSet(deps.timers);
  let running = false;
  const isRunning = () => running;
  const problem = (message: string) => deps.onProblem?.(`Network path check failed: ${message}`);
  const vpn = deps.readVpn ? createReader(deps.readVpn, vpnFingerprint, deps.onVpnChanged, isRunning, problem) : null;
  const proxy = deps.readProxy
    ? createReader(deps.readProxy, proxyFingerprint, deps.onProxyChanged, isRunning, problem)
    : null;

  const schedule = () => {
    if (running && proxy) timers.set('proxy', deps.intervalMs, () => void tick());
  };
  const tick = async () => {
    await proxy?.run();
    schedule();
  };

  return {
    async start() {
      if (running) return;
      running = true;
      await Promise.all([vpn?.run(), proxy?.run()]);
      schedule();
    },
    stop() {
      running = false;
      timers.clear();
    },
    localChanged() {
      if (running) void vpn?.run();
    },
    get timerCount() {
      return timers.size;
    },
  };
}
