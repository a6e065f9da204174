/**
 * What every piece of the monitor shares for one start()…stop(): whether it is running, its named
 * timers and its requests in flight, so stop() can end all of them at once and nothing outlives it.
 */
import { createTimerSet, type TimerSet, type Timers } from '../../../core/timers';

export interface MonitorRun {
  now(): number;
  /** One set for all pieces: `timerCount` and stop() see every timer the monitor holds. */
  readonly timers: TimerSet;
  isRunning(): boolean;
  /** Runs `work` with a signal of its own that `end()` aborts. */
  withSignal<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T>;
  /** False when already running. */
  begin(): boolean;
  /** Aborts requests in flight and drops every timer; false when not running. */
  end(): boolean;
}

/** The run plus the monitor's outward voice, as each piece sees it. */
export interface MonitorContext extends Pick<MonitorRun, 'now' | 'timers' | 'isRunning' | 'withSignal'> {
  /** Emits the monitor's whole state (cheap; subscribers take the latest). */
  publishState(): void;
  /** Something worth a log line; never fatal. */
  problem(message: string): void;
  /** A background task rejected: reported as a problem, never thrown into a timer. */
  onBug(error: unknown): void;
}

export function createMonitorRun(clock: Timers): MonitorRun {
  const timers = createTimerSet(clock);
  let running = false;
  // One controller per request: a long-lived shared signal would collect a listener per request.
  const inflight = new Set<AbortController>();
  return {
    now: () => clock.now(),
    timers,
    isRunning: () => running,
    async withSignal(work) {
      const controller = new AbortController();
      inflight.add(controller);
      try {
        return await work(controller.signal);
      } finally {
        inflight.delete(controller);
      }
    },
    begin() {
      if (running) return false;
      running = true;
      return true;
    },
    end() {
      if (!running) return false;
      running = false;
      for (const controller of inflight) controller.abort();
      inflight.clear();
      timers.clear();
      return true;
    },
  };
}
