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

export const useWatch = create<WatchView>()((set, get) => ({
  state: null,
  history: [],
  busy: false,
  error: null,
  async load() {
    const [state, history] = await Promise.all([api.watchState(), api.ipHistory()]);
    set({
      state: state.ok ? state.value : get().state,
      history: history.ok ? history.value : get().history,
      error: state.ok ? null : state.error,
    });
  },
  async setEnabled(enabled) {
    const before = get().state;
    // Show the switch moved at once; the answer confirms it (or puts it back with the reason).
    set({ busy: true, state: before ? { ...before, enabled } : before });
    const outcome = await api.setWatch(enabled);
    set(
      outcome.ok
        ? { state: outcome.value, busy: false, error: null }
        : { state: before, busy: false, error: outcome.error },
    );
  },
  async checkNow() {
    set({ busy: true });
    const outcome = await api.watchCheck();
    set(outcome.ok ? { state: outcome.value, busy: false, error: null } : { busy: false, error: outcome.error });
  },
  applyState: (state) => set({ state }),
  applyChange: (change) =>
    set((s) => ({
      history: [...s.history.filter((c) => c.at !== change.at || c.to !== change.to), change].slice(-HISTORY_SHOWN),
    })),
}));
