/**
 * The background watch as the window sees it: current IP, the change history and each target's verdict,
 * kept live by `watchState` / `ipChanged` events. Its own small store: the wizard's steps don't need it.
 */
import { create } from 'zustand';
import type { AppError, IpChange, WatchState } from '../shared/model';
import { api } from './api';

export interface WatchView {
  state: WatchState | null;
  history: IpChange[];
  busy: boolean;
  error: AppError | null;
  load(): Promise<void>;
  setEnabled(enabled: boolean): Promise<void>;
  checkNow(): Promise<void>;
  applyState(state: WatchState): void;
  applyChange(change: IpChange): void;
}

const HISTORY_SHOWN = 50;

/**
 * Counts every change of `state` made here, so a load answered after a newer state (the user's click on
 * the switch, a watchState event) does not put the older one back over it.
 */
let stateGeneration = 0;

export const useWatch = create<WatchView>()((set, get) => ({
  state: null,
  history: [],
  busy: false,
  error: null,
  async load() {
    const generation = stateGeneration;
    const [state, history] = await Promise.all([api.watchState(), api.ipHistory()]);
    const stale = generation !== stateGeneration;
    set({
      state: state.ok && !stale ? state.value : get().state,
      history: history.ok ? history.value : get().history,
      error: state.ok ? null : state.error,
    });
  },
  async setEnabled(enabled) {
    const before = get().state;
    stateGeneration += 1;
    // Show the switch moved at once; the answer confirms it (or puts it back with the reason).
    set({ busy: true, state: before ? { ...before, enabled } : before });
    const outcome = await api.setWatch(enabled);
    stateGeneration += 1;
    set(
      outcome.ok
        ? { state: outcome.value, busy: false, error: null }
        : { state: before, busy: false, error: outcome.error },
    );
  },
  async checkNow() {
    set({ busy: true });
    const outcome = await api.watchCheck();
    if (outcome.ok) stateGeneration += 1;
    set(outcome.ok ? { state: outcome.value, busy: false, error: null } : { busy: false, error: outcome.error });
  },
  applyState: (state) => {
    stateGeneration += 1;
    set({ state });
  },
  applyChange: (change) =>
    set((s) => ({
      history: [...s.history.filter((c) => c.at !== change.at || c.to !== change.to), change].slice(-HISTORY_SHOWN),
    })),
}));
