/**
 * One run of the background watch: the IP monitor (router events/polls, local changes, echo sources) +
 * the unblock watcher + the persisted history, behind one object whose state is the `WatchState` the
 * tray, the wizard and `ip --watch` show. The watch is the one capability that composes others (ip,
 * access, router): that is what it is for.
 */
import type { networkInterfaces as osNetworkInterfaces } from 'node:os';
import type { AccessChange, AccessResult, IpChange, ProxyStatus, VpnStatus, WatchState } from '../../../shared/model';
import type { Config } from '../../config';
import { createEmitter } from '../../core/events';
import { systemTimers, type Timers } from '../../core/timers';
import type { RunCommand } from '../../platform/exec';
import type { HttpClient } from '../../platform/http';
import { createUnblockWatcher, type UnblockWatcher } from '../access/unblock-watcher';
import { createEchoAsker } from '../ip/echo';
import type { HistoryStore } from '../ip/history';
import { createLocalWatcher } from '../ip/interfaces';
import { createIpMonitor, type IpMonitor, type MonitorState, type RouterAccess } from '../ip/monitor';
import { createPathWatcher, type PathWatcher } from './path-watcher';

export interface WatchEvents {
  ipChanged: IpChange;
  accessChanged: AccessChange;
  state: WatchState;
  problem: string;
  /** The tunnel carrying the traffic (or the tunnels, or what can be disconnected) changed. */
  vpnChanged: VpnStatus;
  /** The system proxy settings changed (by anyone: the settings app, another program, Access Doctor). */
  proxyChanged: ProxyStatus;
}

export interface WatchSessionDeps {
  config: Config;
  http: HttpClient;
  probe(target: string, signal: AbortSignal): Promise<AccessResult>;
  /** Targets to watch for "reachable again"; none turns the unblock watcher off. */
  targets: string[];
  history: HistoryStore;
  findRouter?: (signal: AbortSignal) => Promise<RouterAccess | null>;
  /** Linux: lets the local watcher include the default route (`ip -j route get`). */
  runCommand?: RunCommand;
  networkInterfaces?: typeof osNetworkInterfaces;
  /** The VPN check, re-read after local changes (path-watcher.ts); no vpnChanged without it. */
  readVpn?: () => Promise<VpnStatus>;
  /** The proxy settings, read every `watch.localPollMs`; no proxyChanged without it. */
  readProxy?: () => Promise<ProxyStatus>;
  timers?: Timers;
  random?: () => number;
}

export interface WatchSession {
  start(): Promise<void>;
  stop(): Promise<void>;
  checkNow(): Promise<WatchState>;
  state(): WatchState;
  history(): IpChange[];
  allReachable(): boolean;
  on<E extends keyof WatchEvents>(event: E, listener: (payload: WatchEvents[E]) => void): () => void;
  readonly timerCount: number;
}

export function createWatchSession(deps: WatchSessionDeps): WatchSession {
  const timers = deps.timers ?? systemTimers;
  const events = createEmitter<WatchEvents>();
  const emit = events.emit;
  const watchConfig = deps.config.watch;
  const path: PathWatcher | null =
    deps.readVpn || deps.readProxy
      ? createPathWatcher({
          readVpn: deps.readVpn,
          readProxy: deps.readProxy,
          intervalMs: watchConfig.localPollMs,
          timers,
          onVpnChanged: (status) => emit('vpnChanged', status),
          onProxyChanged: (status) => emit('proxyChanged', status),
          onProblem: (message) => emit('problem', message),
        })
      : null;
  const monitor: IpMonitor = createIpMonitor({
    config: deps.config,
    askEcho: createEchoAsker(deps.http, deps.config, timers.now),
    history: deps.history,
    findRouter: deps.findRouter,
    localSignal: (onChange) =>
      createLocalWatcher({
        intervalMs: watchConfig.localPollMs,
        timers,
        networkInterfaces: deps.networkInterfaces,
        runCommand: deps.runCommand,
        // The same local change that re-checks the public IP re-reads which tunnel carries it.
        onChange: (change) => {
          onChange(change);
          path?.localChanged();
        },
      }),
    timers,
    random: deps.random,
  });
  const unblock: UnblockWatcher | null = deps.targets.length
    ? createUnblockWatcher({
        targets: deps.targets,
        probe: deps.probe,
        minMs: watchConfig.unblockMinMs,
        maxMs: watchConfig.unblockMaxMs,
        timers,
        random: deps.random,
        onChange: (change) => {
          emit('accessChanged', change);
          emit('state', state());
        },
      })
    : null;
  let probing = 0;

  const state = (m: MonitorState = monitor.state()): WatchState => ({
    enabled: true,
    ...m,
    checking: m.checking || probing > 0,
    targets: unblock?.targets() ?? [],
  });

  monitor.on('ipChanged', (change) => {
    emit('ipChanged', change);
    unblock?.ipChanged();
  });
  monitor.on('state', (m) => emit('state', state(m)));
  monitor.on('problem', (message) => emit('problem', message));

  const track = async (work: Promise<unknown>) => {
    probing += 1;
    emit('state', state());
    try {
      await work;
    } finally {
      probing -= 1;
      emit('state', state());
    }
  };

  return {
    async start() {
      await monitor.start();
      await path?.start();
      if (unblock) void track(unblock.start()).catch(() => undefined);
    },
    async stop() {
      unblock?.stop();
      path?.stop();
      await monitor.stop();
      events.clear();
    },
    async checkNow() {
      await Promise.all([monitor.checkNow(), unblock ? track(unblock.checkNow()) : undefined]);
      return state();
    },
    state: () => state(),
    history: () => monitor.history(),
    allReachable: () => unblock?.allReachable() ?? true,
    on: events.on,
    get timerCount() {
      return monitor.timerCount + (unblock?.timerCount ?? 0) + (path?.timerCount ?? 0);
    },
  };
}
