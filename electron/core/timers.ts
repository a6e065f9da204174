/**
 * Time for the watchers: an injectable clock, a timer set that `stop()` can empty in one call, and
 * backoff arithmetic. Watchers run for days, so every timer goes through a `TimerSet` and can be counted.
 */

export type TimerHandle = unknown;

export interface Timers {
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** Looks the globals up at call time, so vitest's fake timers (installed later) are honoured. */
export const systemTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    // A background watcher must never be what keeps a CLI or test process alive by itself.
    (handle as { unref?: () => void }).unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Named one-shot timers: arming a name again replaces its timer, `clear()` drops them all. */
export interface TimerSet {
  set(name: string, ms: number, fn: () => void): void;
  cancel(name: string): void;
  has(name: string): boolean;
  /** When the named timer fires (clock ms), or undefined. */
  dueAt(name: string): number | undefined;
  clear(): void;
  readonly size: number;
}

export function createTimerSet(timers: Timers): TimerSet {
  const active = new Map<string, { handle: TimerHandle; due: number }>();
  return {
    set(name, ms, fn) {
      const previous = active.get(name);
      if (previous) timers.clearTimeout(previous.handle);
      const delay = Math.max(0, Math.round(ms));
      const handle = timers.setTimeout(() => {
        if (active.get(name)?.handle === handle) active.delete(name);
        fn();
      }, delay);
      active.set(name, { handle, due: timers.now() + delay });
    },
    cancel(name) {
      const entry = active.get(name);
      if (entry) timers.clearTimeout(entry.handle);
      active.delete(name);
    },
    has: (name) => active.has(name),
    dueAt: (name) => active.get(name)?.due,
    clear() {
      for (const entry of active.values()) timers.clearTimeout(entry.handle);
      active.clear();
    },
    get size() {
      return active.size;
    },
  };
}

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  factor?: number;
  /** ±fraction of randomness, so many clients do not retry in step. */
  jitter?: number;
  random?: () => number;
}

/** Delay before attempt `failures + 1`: base · factor^(failures-1), capped, jittered. */
export function backoffDelay(failures: number, options: BackoffOptions): number {
  if (failures <= 0) return 0;
  const factor = options.factor ?? 2;
  const raw = Math.min(options.maxMs, options.baseMs * factor ** Math.min(failures - 1, 30));
  const jitter = options.jitter ?? 0;
  if (jitter === 0) return Math.round(raw);
  const spread = (((options.random ?? Math.random)() * 2 - 1) * jitter + 1) * raw;
  return Math.round(Math.min(options.maxMs, Math.max(options.baseMs / 2, spread)));
}

/**
 * A leading + trailing throttle: the first value runs now; values within `windowMs` after a run that
 * reported something are held, and the latest runs once at the window's end. `run` returns whether it
 * reported anything (a non-event, like a first baseline, opens no window).
 */
export function createCoalescer<T>(
  timers: TimerSet,
  name: string,
  windowMs: number,
  run: (latest: T) => boolean,
): { push(value: T): void; flush(): void } {
  let pending: { value: T } | null = null;
  const fire = (value: T) => {
    if (run(value) && windowMs > 0) timers.set(name, windowMs, close);
  };
  const close = () => {
    const held = pending;
    pending = null;
    if (held) fire(held.value);
  };
  return {
    push(value) {
      if (timers.has(name)) pending = { value };
      else fire(value);
    },
    flush() {
      timers.cancel(name);
      const held = pending;
      pending = null;
      if (held) run(held.value);
    },
  };
}
