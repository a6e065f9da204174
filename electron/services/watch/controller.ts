/**
 * Turns the watch on and off ("Watch in background") and keeps the shell's event subscriptions stable
 * across sessions: subscribers attach once to the controller, each new session is forwarded to them.
 * While off, the state comes from the persisted history so the tray still shows the last known IP.
 */
import type { IpChange, WatchState } from '../../../shared/model';
import { createEmitter } from '../../core/events';
import type { HistoryStore } from '../ip/history';
import type { WatchEvents, WatchSession } from './session';

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
          s.on('vpnChanged', (v) => emit('vpnChanged', v));
          s.on('proxyChanged', (p) => emit('proxyChanged', p));
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
