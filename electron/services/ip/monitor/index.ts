/**
 * Knows the current public IPv4/IPv6 and tells when it changes, cheap signals first:
 * 1. the router's own events (GENA), each confirmed with `GetExternalIPAddress`; without events, a poll
 *    of `GetExternalIPAddress` every few seconds (LAN only) — `router-link.ts`;
 * 2. local network changes (interfaces, default route) → ask the echo sources at once;
 * 3. outside echo sources on a slow schedule (default every 10 min per family), one source per ask,
 *    rotating, each failing source backing off exponentially and a 429/503 `Retry-After` honoured —
 *    `echo-scheduler.ts`.
 * What they see goes through `change-reporter.ts` (coalescing, history). This file composes the three
 * around one run (`run.ts`: timers, requests in flight) and is the monitor's public entry.
 */
import type { IpChange, MonitorState } from '../../../../shared/model';
import type { Config } from '../../../config';
import { describeError } from '../../../core/errors';
import { createEmitter } from '../../../core/events';
import type { RouterEvents, RouterEventVars, RouterSubscription } from '../../../core/router-events';
import { systemTimers, type Timers } from '../../../core/timers';
import type { AskEcho } from '../echo';
import type { HistoryStore } from '../history';
import type { LocalChange } from '../interfaces';
import { createChangeReporter } from './change-reporter';
import { createEchoScheduler } from './echo-scheduler';
import { createRouterLink, type RouterAccess } from './router-link';
import { createMonitorRun, type MonitorContext } from './run';

export type { MonitorState, RouterAccess, RouterEvents, RouterEventVars, RouterSubscription };

export interface MonitorEvents {
  ipChanged: IpChange;
  state: MonitorState;
  /** Something worth a log line (history unreadable, router lost); never fatal. */
  problem: string;
}

export interface LocalSignal {
  start(): Promise<void>;
  stop(): void;
  isOffline(): boolean;
}

export interface MonitorDeps {
  config: Pick<Config, 'publicIp' | 'watch'>;
  askEcho: AskEcho;
  history: HistoryStore;
  /** Finds the router; null when none answers. Called again after local changes. */
  findRouter?: (signal: AbortSignal) => Promise<RouterAccess | null>;
  /** Builds the local-change watcher around the monitor's callback. */
  localSignal?: (onChange: (change: LocalChange) => void) => LocalSignal;
  timers?: Timers;
  random?: () => number;
}

export interface IpMonitor {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Asks the router and the echo sources now (the tray's "Check now"); honours `Retry-After`. */
  checkNow(): Promise<MonitorState>;
  state(): MonitorState;
  history(): IpChange[];
  on<E extends keyof MonitorEvents>(event: E, listener: (payload: MonitorEvents[E]) => void): () => void;
  /** Live timers, for leak tests. */
  readonly timerCount: number;
}

export function createIpMonitor(deps: MonitorDeps): IpMonitor {
  const watch = deps.config.watch;
  const run = createMonitorRun(deps.timers ?? systemTimers);
  const events = createEmitter<MonitorEvents>();
  const problem = (message: string) => events.emit('problem', message);
  let local: LocalSignal | null = null;

  const ctx: MonitorContext = {
    now: run.now,
    timers: run.timers,
    isRunning: run.isRunning,
    withSignal: run.withSignal,
    publishState: () => events.emit('state', snapshot()),
    problem,
    onBug: (error) => problem(`Monitor error: ${describeError(error)}`),
  };
  const reporter = createChangeReporter({
    ctx,
    coalesceMs: watch.coalesceMs,
    history: deps.history,
    onChange: (change) => events.emit('ipChanged', change),
  });
  // The router link and the echo consult each other (does the router speak for v4? ask an echo soon),
  // so the link reaches the echo through a closure bound once both exist.
  const router = createRouterLink({
    ctx,
    config: watch,
    findRouter: deps.findRouter,
    reporter,
    askEchoSoon: () => echo.askSoon(),
  });
  const echo = createEchoScheduler({
    ctx,
    sources: deps.config.publicIp.sources,
    askEcho: deps.askEcho,
    intervalMs: watch.echoIntervalMs,
    urgentGapMs: watch.echoUrgentGapMs,
    random: deps.random,
    reporter,
    router,
  });

  function snapshot(): MonitorState {
    const checkedAt = reporter.lastCheckedAt();
    return {
      current: reporter.current(),
      lastChange: reporter.lastChange(),
      lastCheckedAt: checkedAt === null ? null : new Date(checkedAt).toISOString(),
      routerMode: router.mode(),
      checking: echo.isChecking(),
      offline: router.offline() || (local?.isOffline() ?? false),
    };
  }

  function onLocalChange() {
    if (!run.isRunning()) return;
    ctx.publishState();
    echo.askSoon();
    router.localChanged();
  }

  return {
    async start() {
      if (!run.begin()) return;
      const loaded = await deps.history.load();
      if (loaded.problem) {
        problem(`${loaded.problem.message}${loaded.problem.keptAs ? ` (kept as ${loaded.problem.keptAs})` : ''}`);
      }
      reporter.seed(loaded.changes);
      if (!run.isRunning()) return;
      if (deps.localSignal) {
        local = deps.localSignal(onLocalChange);
        await local.start().catch(ctx.onBug);
      }
      if (!run.isRunning()) return;
      void router.connect().catch(ctx.onBug);
      echo.askNow();
      ctx.publishState();
    },
    async stop() {
      if (!run.isRunning()) return;
      // Report what a coalescing window still holds before the run (and its timers) ends.
      reporter.flush();
      run.end();
      local?.stop();
      local = null;
      await router.stop();
      await deps.history.flush().catch(() => undefined);
      events.clear();
    },
    async checkNow() {
      if (!run.isRunning()) return snapshot();
      await Promise.all([echo.checkNow(), router.checkNow()]).catch(ctx.onBug);
      return snapshot();
    },
    state: snapshot,
    history: () => deps.history.list(),
    on: events.on,
    get timerCount() {
      return run.timers.size;
    },
  };
}
