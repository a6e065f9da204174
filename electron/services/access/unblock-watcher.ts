/**
 * Watches the targets while one is not reachable: re-probes every target after each public-IP change
 * (a new IP is the usual way out of a 1020 block, and is a new client to a 1015 rate limit), and
 * probes the unreachable ones on a slow doubling schedule, never sooner than a `Retry-After` asks.
 * Emits an AccessChange each time a target's verdict moves; `allReachable()` answers `--until-unblocked`.
 */
import type { AccessChange, AccessResult, AccessVerdict, WatchedTarget } from '../../../shared/model';
import { isReachable } from '../../../shared/verdict';
import { backoffDelay, createTimerSet, systemTimers, type Timers } from '../../core/timers';

export interface UnblockWatcherDeps {
  targets: string[];
  probe(target: string, signal: AbortSignal): Promise<AccessResult>;
  minMs: number;
  maxMs: number;
  timers?: Timers;
  random?: () => number;
  onChange(change: AccessChange): void;
  /** Every finished probe, changed or not (the tray's icon follows these). */
  onProbe?(result: AccessResult): void;
}

export interface UnblockWatcher {
  /** Probes every target once, then keeps watching the ones that are not ok. */
  start(): Promise<void>;
  stop(): void;
  /** Call on every public-IP change. */
  ipChanged(): void;
  /** Probe every target now. */
  checkNow(): Promise<void>;
  targets(): WatchedTarget[];
  allReachable(): boolean;
  readonly timerCount: number;
}

interface TargetState {
  target: string;
  verdict: AccessVerdict | null;
  checkedAt: number | null;
  failures: number;
  /** A 1015 page or 429 asked us to stay away until then (for this IP). */
  holdUntil: number;
  probing: boolean;
  again: boolean;
}

export function createUnblockWatcher(deps: UnblockWatcherDeps): UnblockWatcher {
  const clock = deps.timers ?? systemTimers;
  const timers = createTimerSet(clock);
  const states = deps.targets.map(
    (target): TargetState => ({
      target,
      verdict: null,
      checkedAt: null,
      failures: 0,
      holdUntil: 0,
      probing: false,
      again: false,
    }),
  );
  let running = false;
  // One controller per probe (aborted by stop): a shared long-lived signal would collect listeners.
  const inflight = new Set<AbortController>();

  async function probe(s: TargetState): Promise<void> {
    if (!running) return;
    if (s.probing) {
      s.again = true;
      return;
    }
    s.probing = true;
    timers.cancel(s.target);
    let result: AccessResult | null = null;
    const controller = new AbortController();
    inflight.add(controller);
    try {
      result = await deps.probe(s.target, controller.signal);
    } catch {
      result = null; // probeTarget never throws; a custom probe that does counts as "no answer"
    } finally {
      s.probing = false;
      inflight.delete(controller);
    }
    if (!running) return;
    if (result) record(s, result);
    if (s.again) {
      s.again = false;
      return probe(s);
    }
    schedule(s);
  }

  function record(s: TargetState, result: AccessResult) {
    const now = clock.now();
    const from = s.verdict;
    s.verdict = result.verdict;
    s.checkedAt = now;
    s.failures = isReachable(result.verdict) ? 0 : s.failures + 1;
    s.holdUntil = result.retryAfterSeconds ? now + result.retryAfterSeconds * 1000 : 0;
    deps.onProbe?.(result);
    if (from !== result.verdict) {
      deps.onChange({ target: s.target, from, to: result.verdict, at: new Date(now).toISOString(), result });
    }
  }

  function schedule(s: TargetState) {
    if (!running || s.verdict === null || isReachable(s.verdict)) return;
    const now = clock.now();
    const delay = backoffDelay(Math.max(1, s.failures), {
      baseMs: deps.minMs,
      maxMs: deps.maxMs,
      jitter: 0.1,
      random: deps.random,
    });
    timers.set(s.target, Math.max(delay, s.holdUntil - now), () => void probe(s));
  }

  return {
    async start() {
      if (running) return;
      running = true;
      await Promise.all(states.map((s) => probe(s)));
    },
    stop() {
      running = false;
      for (const controller of inflight) controller.abort();
      inflight.clear();
      timers.clear();
    },
    ipChanged() {
      if (!running) return;
      for (const s of states) {
        // The old Retry-After was for the old address; a fresh start of the backoff for the new one.
        s.holdUntil = 0;
        s.failures = Math.min(s.failures, 1);
        void probe(s);
      }
    },
    async checkNow() {
      await Promise.all(states.map((s) => probe(s)));
    },
    targets: () =>
      states.map((s) => {
        const due = timers.dueAt(s.target);
        return {
          target: s.target,
          verdict: s.verdict,
          checkedAt: s.checkedAt === null ? null : new Date(s.checkedAt).toISOString(),
          nextCheckAt: due === undefined ? null : new Date(due).toISOString(),
        };
      }),
    allReachable: () => states.every((s) => isReachable(s.verdict)),
    get timerCount() {
      return timers.size;
    },
  };
}
