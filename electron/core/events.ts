/**
 * One typed event emitter for the long-running pieces (IP monitor, watch session, watch controller).
 * Hand-rolled rather than `node:events` because these emitters must never throw into the emitter: a
 * subscriber's bug (a tray label, a log line) must not stop the monitor or silence the other subscribers,
 * and an event named `error` must not be special.
 */

export type Unsubscribe = () => void;

/** What a subscriber sees: `on` returns the function that removes exactly that listener. */
export interface Subscribable<Events> {
  on<E extends keyof Events>(event: E, listener: (payload: Events[E]) => void): Unsubscribe;
}

export interface Emitter<Events> extends Subscribable<Events> {
  /** Calls the listeners registered when the emit began; a listener added meanwhile waits for the next. */
  emit<E extends keyof Events>(event: E, payload: Events[E]): void;
  /** Drops every listener (on stop, so a stopped watcher holds nobody's closures). */
  clear(): void;
  listenerCount(event: keyof Events): number;
}

type AnyListener = (payload: never) => void;

export function createEmitter<Events>(): Emitter<Events> {
  const listeners = new Map<keyof Events, Set<AnyListener>>();
  return {
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
      }
      const own = set;
      own.add(listener);
      return () => {
        own.delete(listener);
      };
    },
    emit(event, payload) {
      const set = listeners.get(event);
      if (!set) return;
      for (const listener of [...set] as ((payload: Events[typeof event]) => void)[]) {
        try {
          listener(payload);
        } catch {
          // Isolated on purpose: see the module comment.
        }
      }
    },
    clear() {
      listeners.clear();
    },
    listenerCount: (event) => listeners.get(event)?.size ?? 0,
  };
}
