/**
 * What the renderer's stores need from the page, for unit tests in Node: a `window.accessDoctor` bridge
 * answering as the test says, a `localStorage` over a Map (zustand's persist reads it), and a finished
 * diagnosis to start from. Install them before the store module is imported (`await import(...)`).
 */
import type { Diagnosis } from '../../../shared/model';

export type Invoke = (channel: string, input: unknown) => Promise<unknown>;

/** The answer of a channel the test did not script: an error outcome, as a bridge gives it. */
export const unanswered = (): Promise<unknown> =>
  Promise.resolve({ ok: false, error: { code: 'x', message: 'Not answered in this test.' } });

export function installBridge(invoke: Invoke = unanswered): void {
  const bridge = { invoke, on: () => () => undefined };
  Object.defineProperty(globalThis, 'window', { value: { accessDoctor: bridge }, configurable: true });
}

/** A page's localStorage over `items` (what was saved, and what the store saves). */
export function installStorage(items: Map<string, string> = new Map()): Map<string, string> {
  Object.defineProperty(globalThis, 'localStorage', {
    value: {
      getItem: (k: string) => items.get(k) ?? null,
      setItem: (k: string, v: string) => void items.set(k, v),
      removeItem: (k: string) => void items.delete(k),
    },
    configurable: true,
  });
  return items;
}

/** A finished diagnosis of chatgpt.com; `outcome` and headline as given. */
export function finishedDiagnosis(
  runId: string,
  outcome: Diagnosis['outcome'] = 'ok',
  text = 'Every site answered, and nothing blocks you right now.',
  over: Partial<Diagnosis> = {},
): Diagnosis {
  return {
    runId,
    startedAt: '2026-11-25T10:00:00.000Z',
    finishedAt: '2026-11-25T10:00:01.000Z',
    elapsedMs: 1000,
    targets: ['https://chatgpt.com/'],
    results: { access: [] },
    plan: [],
    checks: [],
    findings: [],
    outcome,
    headline: { tone: outcome === 'ok' ? 'good' : 'problem', text },
    ...over,
  };
}
