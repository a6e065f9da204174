/**
 * The background watch, composed: IP monitor (router events/polls, local changes, echo sources) +
 * unblock watcher + persisted history, behind one object whose state is the `WatchState` the tray, the
 * wizard and `ip --watch` show. A controller turns it on and off ("Watch in background") and keeps the
 * event subscriptions of the shell stable across restarts of the session.
 */
import type { networkInterfaces as osNetworkInterfaces } from 'node:os';
import type { AccessChange, AccessResult, IpChange, WatchState } from '../../shared/model';
import type { Config } from '../config';
import { createEmitter } from '../core/events';
import { systemTimers, type Timers } from '../core/timers';
import type { RunCommand } from '../platform/exec';
import type { HttpClient } from '../platform/http';
import { createUnblockWatcher, type UnblockWatcher } from './access/unblock-watcher';
import type { Services } from './index';
import { createEchoAsker } from './ip/echo';
import { createHistoryStore, type HistoryStore } from './ip/history';
import { createLocalWatcher } from './ip/interfaces';
import { createIpMonitor, type IpMonitor, type MonitorState, type RouterAccess } from './ip/monitor';
import { RouterError } from './router/errors';
import type { FoundGateway } from './router/gateway';
import { genaEvents } from './router/gena';
import { createIgdClient } from './router/igd';

export interface WatchEvents {
  ipChanged: IpChange;
  accessChanged: AccessChange;
  state: WatchState;
  problem: string;
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
        onChange,
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
      if (unblock) void track(unblock.start()).catch(() => undefined);
    },
    async stop() {
      unblock?.stop();
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
      return monitor.timerCount + (unblock?.timerCount ?? 0);
    },
  };
}

/** A `RouterAccess` for a discovered gateway: GetExternalIPAddress over SOAP, events over GENA. */
export function routerAccessFor(
  found: FoundGateway,
  http: HttpClient,
  config: Pick<Config, 'router'>,
  timers?: Timers,
): RouterAccess {
  const igd = createIgdClient(http, found.services, {
    timeoutMs: config.router.requestTimeoutMs,
    maxBytes: config.router.maxBodyBytes,
  });
  const eventSubUrl = found.services.connection.eventSubUrl;
  return {
    readExternalIp: (signal) => igd.getExternalIp(signal),
    events: eventSubUrl
      ? genaEvents({
          eventSubUrl,
          routerAddress: found.gateway.address,
          localAddress: found.gateway.localAddress,
          timers,
        })
      : undefined,
  };
}

/** A session over the app's services: the router service finds the gateway (cached per network). */
export function watchSessionFor(
  services: Pick<Services, 'config' | 'http' | 'probe' | 'router'>,
  options: {
    history: HistoryStore;
    targets?: string[];
    runCommand?: RunCommand;
    timers?: Timers;
    networkInterfaces?: typeof osNetworkInterfaces;
  },
): WatchSession {
  let asked = false;
  return createWatchSession({
    config: services.config,
    http: services.http,
    probe: (target, signal) => services.probe(target, signal),
    targets: options.targets ?? services.config.targets,
    history: options.history,
    runCommand: options.runCommand,
    timers: options.timers,
    networkInterfaces: options.networkInterfaces,
    findRouter: async (signal) => {
      // Asked again means the network changed or the router stopped answering: do not trust the cache.
      if (asked) services.router.invalidate();
      asked = true;
      try {
        return routerAccessFor(await services.router.discover(signal), services.http, services.config, options.timers);
      } catch (error) {
        if (error instanceof RouterError) return null;
        throw error;
      }
    },
  });
}

// ---- controller: on/off, stable subscriptions -------------------------------------------------

export interface WatchController {
  state(): WatchState;
  history(): IpChange[];
  setEnabled(enabled: boolean): Promise<WatchState>;
  checkNow(): Promise<WatchState>;
  on<E extends keyof WatchEvents>(event: E, listener: (payload: WatchEvents[E]) => void): () => void;
  /** Stops the session and drops every listener (app quit). */
  dispose(): Promise<void>;
}

export function createWatchController(options: {
  history: HistoryStore;
  createSession(history: HistoryStore): WatchSession;
}): WatchController {
  const events = createEmitter<WatchEvents>();
  const emit = events.emit;
  let session: WatchSession | null = null;
  let lastState: WatchState = {
    enabled: false,
    current: { v4: null, v6: null },
    lastChange: null,
    lastCheckedAt: null,
    routerMode: 'none',
    checking: false,
    offline: false,
    targets: [],
  };
  let historyLoaded: Promise<void> | null = null;
  const loadHistory = () => {
    historyLoaded ??= options.history.load().then((loaded) => {
      if (loaded.problem) emit('problem', loaded.problem.message);
      const last = loaded.changes.at(-1) ?? null;
      const v4 = loaded.changes.findLast((c) => c.family === 4)?.to ?? null;
      const v6 = loaded.changes.findLast((c) => c.family === 6)?.to ?? null;
      lastState = { ...lastState, lastChange: last, current: { v4, v6 } };
    });
    return historyLoaded;
  };
  void loadHistory().catch(() => undefined);

  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  return {
    state: () => (session ? session.state() : lastState),
    history: () => options.history.list(),
    setEnabled: (enabled) =>
      serial(async () => {
        await loadHistory().catch(() => undefined);
        if (enabled && !session) {
          const s = options.createSession(options.history);
          session = s;
          s.on('ipChanged', (c) => emit('ipChanged', c));
          s.on('accessChanged', (c) => emit('accessChanged', c));
          s.on('state', (st) => emit('state', st));
          s.on('problem', (m) => emit('problem', m));
          await s.start();
        } else if (!enabled && session) {
          const s = session;
          session = null;
          lastState = { ...s.state(), enabled: false, checking: false, routerMode: 'none' };
          await s.stop();
          emit('state', lastState);
        }
        return session ? session.state() : lastState;
      }),
    checkNow: async () => (session ? session.checkNow() : lastState),
    on: events.on,
    async dispose() {
      const s = session;
      session = null;
      await s?.stop();
      events.clear();
    },
  };
}

export { createHistoryStore };
