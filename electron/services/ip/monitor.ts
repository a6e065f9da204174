/**
 * Knows the current public IPv4/IPv6 and tells when it changes, cheap signals first:
 * 1. the router's own events (GENA), each confirmed with `GetExternalIPAddress`; without events, a poll
 *    of `GetExternalIPAddress` every few seconds (LAN only);
 * 2. local network changes (interfaces, default route) → ask the echo sources at once;
 * 3. outside echo sources on a slow schedule (default every 10 min per family), one source per ask,
 *    rotating, each failing source backing off exponentially and a 429/503 `Retry-After` honoured.
 * The router's WAN address stands for the public IPv4 only while an echo source has agreed with it
 * (behind a VPN, CGNAT or double NAT it does not); otherwise a router change just triggers an echo ask.
 * Changes of one family are coalesced (first reported at once, the rest once at the window's end).
 */
import type {
  IpChange,
  IpChangeSource,
  IpFamily,
  MonitorState,
  PublicAddress,
  RouterWatchMode,
} from '../../../shared/model';
import type { Config } from '../../config';
import { ipFamily, isPublicV4 } from '../../core/addresses';
import { toAppError } from '../../core/errors';
import { createEmitter } from '../../core/events';
import type { RouterEvents, RouterEventVars, RouterSubscription } from '../../core/router-events';
import { backoffDelay, createCoalescer, createTimerSet, systemTimers, type Timers } from '../../core/timers';
import type { AskEcho, EchoSource } from './echo';
import { EchoFailure } from './echo';
import type { HistoryStore } from './history';
import type { LocalChange } from './interfaces';

export type { RouterEvents, RouterEventVars, RouterSubscription };

export interface RouterAccess {
  /** `GetExternalIPAddress`; null when the router reports none (disconnected, or a hidden address). */
  readExternalIp(signal?: AbortSignal): Promise<string | null>;
  events?: RouterEvents;
}

export type { MonitorState };

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

interface SourceState {
  source: EchoSource;
  failures: number;
  /** Error backoff: skipped by scheduled asks until then. */
  notBefore: number;
  /** What the source itself asked for (`Retry-After`): never asked before then. */
  honourUntil: number;
}

interface FamilyState {
  family: IpFamily;
  sources: SourceState[];
  cursor: number;
  failedTicks: number;
  inFlight: boolean;
  /** An urgent ask arrived while one was in flight: run again when it ends. */
  again: boolean;
}

interface Observation {
  ip: string;
  source: IpChangeSource;
  at: number;
}

const ROUTER_MAX_BACKOFF_MS = 60_000;
const ROUTER_FAILURES_BEFORE_LOST = 3;
const REDISCOVER_MS = 5 * 60_000;

export function createIpMonitor(deps: MonitorDeps): IpMonitor {
  const clock = deps.timers ?? systemTimers;
  const timers = createTimerSet(clock);
  const watch = deps.config.watch;
  const events = createEmitter<MonitorEvents>();
  const emit = events.emit;
  const problem = (message: string) => emit('problem', message);

  const families: Record<IpFamily, FamilyState> = { 4: familyState(4), 6: familyState(6) };
  function familyState(family: IpFamily): FamilyState {
    const sources = deps.config.publicIp.sources
      .filter((s) => s.family === family || s.family === 'any')
      .map((source) => ({ source, failures: 0, notBefore: 0, honourUntil: 0 }));
    return { family, sources, cursor: 0, failedTicks: 0, inFlight: false, again: false };
  }

  let running = false;
  /** One controller per request, all aborted by stop(): a long-lived shared signal would collect listeners. */
  const inflight = new Set<AbortController>();
  const withSignal = async <T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    const controller = new AbortController();
    inflight.add(controller);
    try {
      return await work(controller.signal);
    } finally {
      inflight.delete(controller);
    }
  };
  const current: Record<IpFamily, string | null> = { 4: null, 6: null };
  const latest: Record<IpFamily, string | null> = { 4: null, 6: null };
  let lastChange: IpChange | null = null;
  let lastCheckedAt: number | null = null;
  let checking = 0;
  let routerOffline = false;
  let local: LocalSignal | null = null;
  let lastUrgentAt = Number.NEGATIVE_INFINITY;

  // Router state.
  let router: RouterAccess | null = null;
  let routerMode: RouterWatchMode = 'none';
  let subscription: RouterSubscription | null = null;
  let routerIp: string | null = null;
  let routerFailures = 0;
  let routerReading = false;
  let routerReadAgain: IpChangeSource | null = null;
  /** When the router last moved the public v4: older echo answers are stale. */
  let routerChangedAt = Number.NEGATIVE_INFINITY;
  /** Whether the last echo v4 answer equalled the router's WAN address (so the router speaks for v4). */
  let routerAgrees = false;

  const snapshot = (): MonitorState => ({
    current: { v4: current[4], v6: current[6] },
    lastChange,
    lastCheckedAt: lastCheckedAt === null ? null : new Date(lastCheckedAt).toISOString(),
    routerMode,
    checking: checking > 0,
    offline: routerOffline || (local?.isOffline() ?? false),
  });
  const publishState = () => emit('state', snapshot());

  const coalescers = {
    4: createCoalescer<Observation>(timers, 'coalesce4', watch.coalesceMs, (o) => report(4, o)),
    6: createCoalescer<Observation>(timers, 'coalesce6', watch.coalesceMs, (o) => report(6, o)),
  };

  /** Returns whether a change was reported (only those open a coalescing window). */
  function report(family: IpFamily, o: Observation): boolean {
    const from = current[family];
    if (from === o.ip) return false;
    current[family] = o.ip;
    if (from === null && !hadHistory[family]) {
      // First sighting with no history: a baseline, not a change.
      publishState();
      return false;
    }
    const change: IpChange = { from, to: o.ip, family, at: new Date(o.at).toISOString(), source: o.source };
    lastChange = change;
    deps.history
      .append(change)
      .catch((error: unknown) => problem(`IP history not saved: ${toAppError(error).message}`));
    emit('ipChanged', change);
    publishState();
    return true;
  }
  const hadHistory: Record<IpFamily, boolean> = { 4: false, 6: false };

  function observe(family: IpFamily, ip: string, source: IpChangeSource) {
    lastCheckedAt = clock.now();
    if (latest[family] === ip) return;
    latest[family] = ip;
    coalescers[family].push({ ip, source, at: clock.now() });
  }

  // ---- echo sources ------------------------------------------------------------------------

  const interval = watch.echoIntervalMs;
  const sourceBackoff = (failures: number) =>
    backoffDelay(failures, { baseMs: interval, maxMs: interval * 12, jitter: 0.2, random: deps.random });
  /** v4 is asked 3× less often while the router's events/polls stand for it. */
  const familyPeriod = (f: FamilyState) =>
    interval * (f.family === 4 && routerMode !== 'none' && routerAgrees ? 3 : 1) * Math.min(2 ** f.failedTicks, 6);

  function pickSource(f: FamilyState, force: boolean, skip?: SourceState): SourceState | undefined {
    const now = clock.now();
    for (let i = 0; i < f.sources.length; i++) {
      const s = f.sources[(f.cursor + i) % f.sources.length];
      if (!s || s === skip || s.honourUntil > now || (!force && s.notBefore > now)) continue;
      f.cursor = (f.cursor + i + 1) % f.sources.length;
      return s;
    }
    return undefined;
  }

  async function askOne(s: SourceState): Promise<PublicAddress | null> {
    try {
      const answer = await withSignal((signal) => deps.askEcho(s.source, signal));
      s.failures = 0;
      s.notBefore = 0;
      return answer;
    } catch (error) {
      if (!running) return null;
      s.failures += 1;
      const now = clock.now();
      const retryAfter = error instanceof EchoFailure ? error.retryAfterMs : undefined;
      if (retryAfter !== undefined) s.honourUntil = now + Math.min(retryAfter, 24 * 3_600_000);
      s.notBefore = now + Math.max(sourceBackoff(s.failures), retryAfter ?? 0);
      return null;
    }
  }

  /** One ask of one family: scheduled asks try one source; urgent ones may fall back to a second. */
  async function echoTick(family: IpFamily, mode: 'scheduled' | 'urgent' | 'forced'): Promise<void> {
    const f = families[family];
    if (!running || f.sources.length === 0) return;
    if (f.inFlight) {
      if (mode !== 'scheduled') f.again = true;
      return;
    }
    f.inFlight = true;
    const startedAt = clock.now();
    checking += 1;
    publishState();
    let ok = false;
    try {
      const first = pickSource(f, mode === 'forced');
      let answer = first ? await askOne(first) : null;
      if (!answer && first && mode !== 'scheduled' && running) {
        const second = pickSource(f, mode === 'forced', first);
        if (second) answer = await askOne(second);
      }
      ok = answer?.family === family;
      // An answer that left before the router reported a change may carry the old address.
      if (answer && running && !(answer.family === 4 && routerChangedAt >= startedAt)) {
        observe(answer.family, answer.ip, 'echo');
        if (answer.family === 4 && routerIp !== null) routerAgrees = answer.ip === routerIp;
      }
      if (first) f.failedTicks = ok ? 0 : f.failedTicks + 1;
    } finally {
      f.inFlight = false;
      checking -= 1;
    }
    if (!running) return;
    scheduleEcho(f);
    publishState();
    if (f.again) {
      f.again = false;
      await echoTick(family, 'urgent');
    }
  }

  function scheduleEcho(f: FamilyState) {
    const now = clock.now();
    // Never earlier than the family period; if every source is holding off, wait for the first to be free.
    const free = Math.min(...f.sources.map((s) => Math.max(s.notBefore, s.honourUntil)));
    const due = Math.max(now + familyPeriod(f), Number.isFinite(free) ? free : now);
    timers.set(`echo${f.family}`, due - now, () => void echoTick(f.family, 'scheduled').catch(onBug));
  }

  /** Both families at once, rate-limited to one burst per `echoUrgentGapMs` (later calls merge into it). */
  function urgentEcho() {
    if (!running) return;
    const now = clock.now();
    const wait = lastUrgentAt + watch.echoUrgentGapMs - now;
    if (wait > 0) {
      if (!timers.has('urgent')) timers.set('urgent', wait, urgentEcho);
      return;
    }
    lastUrgentAt = now;
    void echoTick(4, 'urgent').catch(onBug);
    void echoTick(6, 'urgent').catch(onBug);
  }

  // ---- router ------------------------------------------------------------------------------

  async function connectRouter(): Promise<void> {
    if (!deps.findRouter || !running) return;
    let found: RouterAccess | null = null;
    try {
      found = await withSignal((signal) => (deps.findRouter ? deps.findRouter(signal) : Promise.resolve(null)));
    } catch (error) {
      problem(`Router discovery failed: ${toAppError(error).message}`);
    }
    if (!running) return;
    if (!found) {
      setRouterMode('none');
      timers.set('rediscover', REDISCOVER_MS, () => void connectRouter().catch(onBug));
      return;
    }
    router = found;
    routerFailures = 0;
    if (watch.routerEvents && found.events) {
      try {
        const sub = await found.events.subscribe({
          onEvent: (vars) => onRouterEvent(vars),
          onLost: (reason) => {
            if (!running || subscription !== sub) return;
            problem(`Router events stopped (${reason}); polling instead`);
            subscription = null;
            setRouterMode('polling');
            scheduleRouterPoll(0);
          },
        });
        if (!running) return void sub.stop().catch(() => undefined);
        subscription = sub;
        setRouterMode('events');
      } catch (error) {
        problem(`Router refused event subscription (${toAppError(error).message}); polling instead`);
        setRouterMode('polling');
      }
    } else {
      setRouterMode('polling');
    }
    scheduleRouterPoll(0);
  }

  function setRouterMode(mode: RouterWatchMode) {
    if (routerMode === mode) return;
    routerMode = mode;
    publishState();
  }

  function scheduleRouterPoll(delay?: number) {
    if (!running || !router) return;
    const base = routerMode === 'events' ? watch.routerEventsPollMs : watch.routerPollMs;
    const ms =
      delay ??
      (routerFailures > 0
        ? backoffDelay(routerFailures, { baseMs: watch.routerPollMs, maxMs: Math.max(base, ROUTER_MAX_BACKOFF_MS) })
        : base);
    timers.set('router', ms, () => void readRouter('router-poll').catch(onBug));
  }

  async function readRouter(source: IpChangeSource): Promise<void> {
    const access = router;
    if (!running || !access) return;
    if (routerReading) {
      routerReadAgain = source;
      return;
    }
    routerReading = true;
    let ip: string | null = null;
    let failed = false;
    try {
      ip = await withSignal((signal) => access.readExternalIp(signal));
    } catch {
      failed = true;
    } finally {
      routerReading = false;
    }
    if (!running || router !== access) return;
    if (failed) {
      routerFailures += 1;
      if (routerFailures >= ROUTER_FAILURES_BEFORE_LOST) return void loseRouter('it stopped answering');
    } else {
      routerFailures = 0;
      routerSaw(ip, source);
    }
    scheduleRouterPoll();
    const again = routerReadAgain;
    routerReadAgain = null;
    if (again) await readRouter(again);
  }

  function routerSaw(ip: string | null, source: IpChangeSource) {
    lastCheckedAt = clock.now();
    if (ip === null || ipFamily(ip) !== 4 || ip === '0.0.0.0') return;
    const previous = routerIp;
    routerIp = ip;
    if (previous === null) {
      routerAgrees = latest[4] === ip;
      // Disagreeing at first sight: a VPN, double NAT, or a change while we started. An echo settles it.
      if (!routerAgrees && latest[4] !== null) urgentEcho();
      return;
    }
    if (previous === ip) return;
    if (routerAgrees && isPublicV4(ip)) {
      routerChangedAt = clock.now();
      observe(4, ip, source);
      // The router spoke for the public IP before; an echo confirms it still does (VPNs come and go).
      urgentEcho();
    } else {
      // Behind CGNAT/double NAT/VPN the router's address is not ours to the world: just look again.
      routerAgrees = false;
      urgentEcho();
    }
  }

  function onRouterEvent(vars: RouterEventVars) {
    if (!running) return;
    const status = vars.ConnectionStatus;
    if (status !== undefined) {
      const down = status !== 'Connected';
      if (down !== routerOffline) {
        routerOffline = down;
        publishState();
      }
    }
    if ('ExternalIPAddress' in vars || status === 'Connected') {
      // Events are hints: GetExternalIPAddress confirms, then a follow-up read catches a slow router.
      void readRouter('router-event')
        .then(() => scheduleRouterPoll(Math.min(1000, watch.routerPollMs)))
        .catch(onBug);
    }
  }

  function loseRouter(reason: string) {
    problem(`Lost the router (${reason}); using echo sources only`);
    const sub = subscription;
    subscription = null;
    router = null;
    routerIp = null;
    routerAgrees = false;
    timers.cancel('router');
    setRouterMode('none');
    void sub?.stop().catch(() => undefined);
    timers.set('rediscover', REDISCOVER_MS, () => void connectRouter().catch(onBug));
  }

  function onLocalChange() {
    if (!running) return;
    publishState();
    urgentEcho();
    if (router) void readRouter('router-poll').catch(onBug);
    // A new network may mean a new router (or one at last).
    else if (deps.findRouter) timers.set('rediscover', 1000, () => void connectRouter().catch(onBug));
  }

  const onBug = (error: unknown) => problem(`Monitor error: ${toAppError(error).message}`);

  return {
    async start() {
      if (running) return;
      running = true;
      const loaded = await deps.history.load();
      if (loaded.problem) {
        problem(`${loaded.problem.message}${loaded.problem.keptAs ? ` (kept as ${loaded.problem.keptAs})` : ''}`);
      }
      for (const change of loaded.changes) {
        current[change.family] = change.to;
        latest[change.family] = change.to;
        hadHistory[change.family] = true;
        lastChange = change;
      }
      if (!running) return;
      if (deps.localSignal) {
        local = deps.localSignal(onLocalChange);
        await local.start().catch(onBug);
      }
      if (!running) return;
      lastUrgentAt = clock.now();
      void connectRouter().catch(onBug);
      void echoTick(4, 'urgent').catch(onBug);
      void echoTick(6, 'urgent').catch(onBug);
      publishState();
    },
    async stop() {
      if (!running) return;
      coalescers[4].flush();
      coalescers[6].flush();
      running = false;
      for (const controller of inflight) controller.abort();
      inflight.clear();
      timers.clear();
      local?.stop();
      local = null;
      const sub = subscription;
      subscription = null;
      router = null;
      await sub?.stop().catch(() => undefined);
      await deps.history.flush().catch(() => undefined);
      events.clear();
    },
    async checkNow() {
      if (!running) return snapshot();
      lastUrgentAt = clock.now();
      await Promise.all([
        echoTick(4, 'forced'),
        echoTick(6, 'forced'),
        router ? readRouter('router-poll') : Promise.resolve(),
      ]).catch(onBug);
      return snapshot();
    },
    state: snapshot,
    history: () => deps.history.list(),
    on: events.on,
    get timerCount() {
      return timers.size;
    },
  };
}
