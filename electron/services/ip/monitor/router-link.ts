/**
 * The monitor's line to the home router, the cheapest signal: subscribes to its events (GENA) when it
 * offers them, else polls `GetExternalIPAddress`; each event is only a hint that a read confirms. The
 * router's WAN address stands for the public v4 only while an echo source has agreed with it (behind a
 * VPN, CGNAT or double NAT it does not); otherwise a router change just asks the echo sources soon. A
 * router that stops answering is dropped and looked for again later.
 */

import type { IpChangeSource, RouterWatchMode } from '../../../../shared/model';
import type { Config } from '../../../config';
import { ipFamily, isPublicV4 } from '../../../core/addresses';
import { describeError } from '../../../core/errors';
import type { RouterEvents, RouterEventVars, RouterSubscription } from '../../../core/router-events';
import { backoffDelay } from '../../../core/timers';
import type { ChangeReporter } from './change-reporter';
import type { RouterView } from './echo-scheduler';
import type { MonitorContext } from './run';

export interface RouterAccess {
  /** `GetExternalIPAddress`; null when the router reports none (disconnected, or a hidden address). */
  readExternalIp(signal?: AbortSignal): Promise<string | null>;
  events?: RouterEvents;
}

export interface RouterLinkDeps {
  ctx: MonitorContext;
  config: Pick<Config['watch'], 'routerEvents' | 'routerPollMs' | 'routerEventsPollMs'>;
  /** Finds the router; null when none answers. Called again after local changes. */
  findRouter?: (signal: AbortSignal) => Promise<RouterAccess | null>;
  reporter: Pick<ChangeReporter, 'observe' | 'checked' | 'latest'>;
  /** Asks the echo sources soon: to settle whether the router speaks for us. */
  askEchoSoon(): void;
}

export interface RouterLink extends RouterView {
  /** Finds the router and subscribes (or starts polling); without one, looks again later. */
  connect(): Promise<void>;
  /** After a local network change: read the router again, or look for one (a new network may have one). */
  localChanged(): void;
  /** "Check now": reads the router, when there is one. */
  checkNow(): Promise<void>;
  mode(): RouterWatchMode;
  /** The router's last event said its WAN link is down. */
  offline(): boolean;
  /** Drops the router and ends the subscription (the run has already stopped the timers). */
  stop(): Promise<void>;
}

const MAX_BACKOFF_MS = 60_000;
const FAILURES_BEFORE_LOST = 3;
const REDISCOVER_MS = 5 * 60_000;
/** After a local change, a moment for the new network to settle before looking for its router. */
const REDISCOVER_AFTER_LOCAL_CHANGE_MS = 1000;

export function createRouterLink(deps: RouterLinkDeps): RouterLink {
  const { ctx, config, reporter } = deps;
  let router: RouterAccess | null = null;
  let mode: RouterWatchMode = 'none';
  let subscription: RouterSubscription | null = null;
  /** The router's WAN address as last read; null until the first read. */
  let routerIp: string | null = null;
  let failures = 0;
  let reading = false;
  let readAgain: IpChangeSource | null = null;
  let offline = false;
  /** When the router last moved the public v4: older echo answers are stale. */
  let changedAt = Number.NEGATIVE_INFINITY;
  /** Whether the last echo v4 answer equalled the router's WAN address (so the router speaks for v4). */
  let agrees = false;

  const rediscoverIn = (ms: number) => ctx.timers.set('rediscover', ms, () => void connect().catch(ctx.onBug));

  async function connect(): Promise<void> {
    const find = deps.findRouter;
    if (!find || !ctx.isRunning()) return;
    let found: RouterAccess | null = null;
    try {
      found = await ctx.withSignal((signal) => find(signal));
    } catch (error) {
      ctx.problem(`Router discovery failed: ${describeError(error)}`);
    }
    if (!ctx.isRunning()) return;
    if (!found) {
      setMode('none');
      rediscoverIn(REDISCOVER_MS);
      return;
    }
    router = found;
    failures = 0;
    if (config.routerEvents && found.events) {
      try {
        const sub = await found.events.subscribe({
          onEvent: (vars) => onEvent(vars),
          onLost: (reason) => {
            if (!ctx.isRunning() || subscription !== sub) return;
            ctx.problem(`Router events stopped (${reason}); polling instead`);
            subscription = null;
            setMode('polling');
            schedulePoll(0);
          },
        });
        if (!ctx.isRunning()) return void sub.stop().catch(() => undefined);
        subscription = sub;
        setMode('events');
      } catch (error) {
        ctx.problem(`Router refused event subscription (${describeError(error)}); polling instead`);
        setMode('polling');
      }
    } else {
      setMode('polling');
    }
    schedulePoll(0);
  }

  function setMode(next: RouterWatchMode) {
    if (mode === next) return;
    mode = next;
    ctx.publishState();
  }

  /** Without `delay`: the regular period (long while events flow), backing off while reads fail. */
  function schedulePoll(delay?: number) {
    if (!ctx.isRunning() || !router) return;
    const base = mode === 'events' ? config.routerEventsPollMs : config.routerPollMs;
    const ms =
      delay ??
      (failures > 0
        ? backoffDelay(failures, { baseMs: config.routerPollMs, maxMs: Math.max(base, MAX_BACKOFF_MS) })
        : base);
    ctx.timers.set('router', ms, () => void read('router-poll').catch(ctx.onBug));
  }

  /** One read at a time; a read asked for meanwhile runs once right after. */
  async function read(source: IpChangeSource): Promise<void> {
    const access = router;
    if (!ctx.isRunning() || !access) return;
    if (reading) {
      readAgain = source;
      return;
    }
    reading = true;
    let ip: string | null = null;
    let failed = false;
    try {
      ip = await ctx.withSignal((signal) => access.readExternalIp(signal));
    } catch {
      failed = true;
    } finally {
      reading = false;
    }
    if (!ctx.isRunning() || router !== access) return;
    if (failed) {
      failures += 1;
      if (failures >= FAILURES_BEFORE_LOST) return void lose('it stopped answering');
    } else {
      failures = 0;
      saw(ip, source);
    }
    schedulePoll();
    const again = readAgain;
    readAgain = null;
    if (again) await read(again);
  }

  function saw(ip: string | null, source: IpChangeSource) {
    reporter.checked();
    if (ip === null || ipFamily(ip) !== 4 || ip === '0.0.0.0') return;
    const previous = routerIp;
    routerIp = ip;
    if (previous === null) {
      const latest = reporter.latest(4);
      agrees = latest === ip;
      // Disagreeing at first sight: a VPN, double NAT, or a change while we started. An echo settles it.
      if (!agrees && latest !== null) deps.askEchoSoon();
      return;
    }
    if (previous === ip) return;
    if (agrees && isPublicV4(ip)) {
      changedAt = ctx.now();
      reporter.observe(4, ip, source);
      // The router spoke for the public IP before; an echo confirms it still does (VPNs come and go).
      deps.askEchoSoon();
    } else {
      // Behind CGNAT/double NAT/VPN the router's address is not ours to the world: just look again.
      agrees = false;
      deps.askEchoSoon();
    }
  }

  function onEvent(vars: RouterEventVars) {
    if (!ctx.isRunning()) return;
    const status = vars.ConnectionStatus;
    if (status !== undefined) {
      const down = status !== 'Connected';
      if (down !== offline) {
        offline = down;
        ctx.publishState();
      }
    }
    if ('ExternalIPAddress' in vars || status === 'Connected') {
      // Events are hints: GetExternalIPAddress confirms, then a follow-up read catches a slow router.
      void read('router-event')
        .then(() => schedulePoll(Math.min(1000, config.routerPollMs)))
        .catch(ctx.onBug);
    }
  }

  function lose(reason: string) {
    ctx.problem(`Lost the router (${reason}); using echo sources only`);
    const sub = subscription;
    subscription = null;
    router = null;
    routerIp = null;
    agrees = false;
    ctx.timers.cancel('router');
    setMode('none');
    void sub?.stop().catch(() => undefined);
    rediscoverIn(REDISCOVER_MS);
  }

  return {
    connect,
    localChanged() {
      if (router) void read('router-poll').catch(ctx.onBug);
      else if (deps.findRouter) rediscoverIn(REDISCOVER_AFTER_LOCAL_CHANGE_MS);
    },
    checkNow: () => (router ? read('router-poll') : Promise.resolve()),
    mode: () => mode,
    offline: () => offline,
    speaksForV4: () => mode !== 'none' && agrees,
    changedSince: (at) => changedAt >= at,
    echoSaw(ip) {
      if (routerIp !== null) agrees = ip === routerIp;
    },
    async stop() {
      const sub = subscription;
      subscription = null;
      router = null;
      await sub?.stop().catch(() => undefined);
    },
  };
}
