/**
 * Wizard state in one zustand store made of small slices. The scan slice owns a diagnosis run;
 * later steps (router, browsers, proxy) add their own slices beside it.
 */
import { create } from 'zustand';
import type { AppError, CheckId, CheckProgress, Diagnosis } from '../shared/model';
import { api } from './api';
import { firstStepId, type StepId } from './steps/registry';

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

export interface NavSlice {
  step: StepId;
  goTo(step: StepId): void;
}

export type AppState = ScanSlice & NavSlice;

let runCounter = 0;

export const useApp = create<AppState>()((set, get) => ({
  step: firstStepId,
  goTo: (step) => set({ step }),

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
    const outcome = await api.diagnose(runId);
    if (get().runId !== runId) return;
    if (outcome.ok) set({ phase: 'done', diagnosis: outcome.value });
    else set({ phase: 'error', error: outcome.error });
  },
  applyProgress(progress) {
    if (progress.runId !== get().runId) return;
    set((state) => ({ checks: { ...state.checks, [progress.check]: progress } }));
  },
}));
