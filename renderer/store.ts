/**
 * Wizard state in one zustand store made of small slices. The scan slice owns a diagnosis run;
 * later steps (router, browsers, proxy) add their own slices beside it.
 */
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { AppInfo } from '../shared/ipc';
import type {
  AppError,
  CheckId,
  CheckProgress,
  Diagnosis,
  PowerCycleResult,
  ReconnectResult,
  RouterProgress,
  RouterStatus,
  ViewId,
} from '../shared/model';
import type { TriedStep } from '../shared/report';
import { api } from './api';
import { text } from './text';

/** The wizard opens on the Scan step. */
const firstStepId: ViewId = 'scan';

export type ScanPhase = 'idle' | 'scanning' | 'done' | 'error';

export interface ScanSlice {
  phase: ScanPhase;
  runId: string | null;
  checks: Partial<Record<CheckId, CheckProgress>>;
  diagnosis: Diagnosis | null;
  error: AppError | null;
  startScan(): Promise<void>;
  applyProgress(progress: CheckProgress): void;
}

/** What the user tried, with how it ended: for the step list and the support report. */
export interface TriedSlice {
  tried: TriedStep[];
  recordTried(what: string, result: string, view?: ViewId, outcome?: Diagnosis['outcome']): void;
}

export interface NavSlice {
  step: ViewId;
  goTo(step: ViewId): void;
  /** Verify: back to Scan and scan the sites again. */
  rescan(): Promise<void>;
  /** The sites being checked (from the app's config), for "Why can't I open chatgpt.com?". */
  targets: string[];
  /** From the app: its version, the OS and where each site takes reports (for the support report). */
  info: AppInfo | null;
  loadInfo(): Promise<void>;
}

/**
 * The router step: status, a confirmed reset with progress, and the guided power-cycle when the router
 * refuses. `stage` walks idle → confirm → resetting → result, or result → watching → watched.
 */
export interface RouterState {
  status: RouterStatus | null;
  loading: boolean;
  stage: 'idle' | 'confirm' | 'resetting' | 'result' | 'watching' | 'watched';
  runId: string | null;
  progress: RouterProgress | null;
  reset: ReconnectResult | null;
  powerCycle: PowerCycleResult | null;
  error: AppError | null;
}

export interface RouterSlice {
  router: RouterState;
  loadRouter(): Promise<void>;
  askRouterReset(): void;
  cancelRouterReset(): void;
  confirmRouterReset(): Promise<void>;
  startPowerCycle(): Promise<void>;
  stopPowerCycle(): Promise<void>;
  applyRouterProgress(progress: RouterProgress): void;
}

export type AppState = ScanSlice & NavSlice & RouterSlice & TriedSlice;

const initialRouter: RouterState = {
  status: null,
  loading: false,
  stage: 'idle',
  runId: null,
  progress: null,
  reset: null,
  powerCycle: null,
  error: null,
};

let runCounter = 0;

/**
 * What survives a reload or a restart, so the user resumes where they were: the step and the last
 * finished diagnosis. A scan or a router job in flight is not resumed (its run is gone with the page).
 */
const PERSIST = {
  name: 'access-doctor:wizard:v1',
  version: 1,
  storage: createJSONStorage(() => localStorage),
  partialize: (s: AppState) => ({
    step: s.step,
    tried: s.tried,
    diagnosis: s.phase === 'done' ? s.diagnosis : null,
    phase: s.phase === 'done' ? ('done' as const) : ('idle' as const),
  }),
};

export const useApp = create<AppState>()(
  persist(
    (set, get) => ({
      step: firstStepId,
      goTo: (step) => set({ step }),
      rescan() {
        set({ step: 'scan' });
        return get().startScan();
      },
      tried: [],
      recordTried(what, result, view, outcome) {
        const entry = {
          what,
          result,
          at: new Date().toISOString(),
          ...(view ? { view } : {}),
          ...(outcome ? { outcome } : {}),
        };
        set((s) => ({ tried: [...s.tried, entry].slice(-50) }));
      },
      targets: [],
      info: null,
      async loadInfo() {
        const outcome = await api.appInfo();
        if (outcome.ok) set({ targets: outcome.value.targets, info: outcome.value });
      },

      phase: 'idle',
      runId: null,
      checks: {},
      diagnosis: null,
      error: null,
      async startScan() {
        if (get().phase === 'scanning') return;
        runCounter += 1;
        const runId = `ui-${Date.now().toString(36)}-${runCounter}`;
        set({ phase: 'scanning', runId, checks: {}, diagnosis: null, error: null });
        // The sites on screen are the ones scanned, also right after the user changed them.
        const targets = get().targets;
        const outcome = await api.diagnose(runId, targets.length > 0 ? targets : undefined);
        if (get().runId !== runId) return;
        if (outcome.ok) {
          set({ phase: 'done', diagnosis: outcome.value });
          get().recordTried(text.scan.triedScan, outcome.value.headline.text, 'scan', outcome.value.outcome);
        } else set({ phase: 'error', error: outcome.error });
      },
      applyProgress(progress) {
        if (progress.runId !== get().runId) return;
        set((state) => ({ checks: { ...state.checks, [progress.check]: progress } }));
      },

      router: initialRouter,
      async loadRouter() {
        if (get().router.loading) return;
        const patch = (p: Partial<RouterState>) => set((s) => ({ router: { ...s.router, ...p } }));
        patch({ loading: true, error: null });
        const outcome = await api.routerStatus();
        if (outcome.ok) patch({ loading: false, status: outcome.value });
        else patch({ loading: false, error: outcome.error });
      },
      askRouterReset() {
        set((s) => ({ router: { ...s.router, stage: 'confirm', reset: null, powerCycle: null, error: null } }));
      },
      cancelRouterReset() {
        set((s) => ({ router: { ...s.router, stage: 'idle' } }));
      },
      async confirmRouterReset() {
        runCounter += 1;
        const runId = `router-${Date.now().toString(36)}-${runCounter}`;
        const patch = (p: Partial<RouterState>) => set((s) => ({ router: { ...s.router, ...p } }));
        patch({ stage: 'resetting', runId, progress: null, reset: null, error: null });
        const outcome = await api.routerReset(runId);
        if (get().router.runId !== runId) return;
        if (outcome.ok) {
          patch({ stage: 'result', reset: outcome.value });
          get().recordTried(
            text.router.triedReset,
            outcome.value.outcome === 'reconnected'
              ? text.router.triedResetResult(outcome.value.ipChanged)
              : outcome.value.error.message,
            'router',
          );
          if (outcome.value.outcome === 'reconnected') void get().loadRouter();
        } else patch({ stage: 'idle', error: outcome.error });
      },
      async startPowerCycle() {
        runCounter += 1;
        const runId = `power-${Date.now().toString(36)}-${runCounter}`;
        const oldIp = get().router.reset?.oldIp ?? get().diagnosis?.results.ip?.v4?.ip ?? null;
        const patch = (p: Partial<RouterState>) => set((s) => ({ router: { ...s.router, ...p } }));
        patch({ stage: 'watching', runId, progress: null, powerCycle: null, error: null });
        const outcome = await api.routerPowerCycle(runId, oldIp);
        if (get().router.runId !== runId) return;
        if (outcome.ok) {
          patch({ stage: 'watched', powerCycle: outcome.value });
          get().recordTried(text.router.triedPowerCycle, outcome.value.message, 'router');
        } else patch({ stage: 'result', error: outcome.error });
      },
      async stopPowerCycle() {
        const runId = get().router.runId;
        if (runId) await api.routerCancel(runId);
      },
      applyRouterProgress(progress) {
        if (progress.runId !== get().router.runId) return;
        set((s) => ({ router: { ...s.router, progress } }));
      },
    }),
    PERSIST,
  ),
);
