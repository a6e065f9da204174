/// <reference path="../../../renderer/global.d.ts" />
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CheckProgress, Diagnosis } from '../../../shared/model';
import { finishedDiagnosis } from './stand-ins';

/** A bridge whose diagnose calls stay pending until the test settles them. */
const fake = vi.hoisted(() => {
  type Pending = { input: unknown; resolve: (outcome: unknown) => void };
  const state = { pending: [] as Pending[], throwOnInvoke: false };
  const bridge = {
    invoke(channel: string, input: unknown) {
      if (state.throwOnInvoke) throw new Error('IPC is gone');
      if (channel !== 'diagnose.run') return Promise.resolve({ ok: false, error: { code: 'x', message: 'x' } });
      return new Promise((resolve) => state.pending.push({ input, resolve }));
    },
    on() {
      return () => undefined;
    },
  };
  Object.defineProperty(globalThis, 'window', { value: { accessDoctor: bridge }, configurable: true });
  return state;
});

const { useApp } = await import('../../../renderer/store');

const diagnosis = (runId: string): Diagnosis => finishedDiagnosis(runId);

const progress = (runId: string, state: CheckProgress['state'], mark?: CheckProgress['mark']): CheckProgress => ({
  runId,
  check: 'access',
  label: 'Site access',
  state,
  ...(mark ? { mark } : {}),
});

function lastPending() {
  const p = fake.pending.at(-1);
  if (!p) throw new Error('no diagnose call is pending');
  return p;
}

beforeEach(() => {
  fake.pending.length = 0;
  fake.throwOnInvoke = false;
  useApp.setState({ phase: 'idle', runId: null, checks: {}, diagnosis: null, error: null });
});

describe('scan slice', () => {
  it('goes idle → scanning → done, sending its runId to diagnose', async () => {
    const scan = useApp.getState().startScan();
    const { phase, runId } = useApp.getState();
    expect(phase).toBe('scanning');
    expect(runId).toMatch(/^[\w-]{1,64}$/);
    expect(lastPending().input).toEqual({ runId, targets: undefined });
    lastPending().resolve({ ok: true, value: diagnosis(runId ?? '') });
    await scan;
    expect(useApp.getState()).toMatchObject({ phase: 'done', diagnosis: { runId }, error: null });
  });

  it('applies progress of its own run and ignores another run', async () => {
    const scan = useApp.getState().startScan();
    const runId = useApp.getState().runId ?? '';
    useApp.getState().applyProgress(progress(runId, 'running'));
    useApp.getState().applyProgress(progress('someone-else', 'finished', 'problem'));
    expect(useApp.getState().checks.access?.state).toBe('running');
    expect(useApp.getState().checks.access?.mark).toBeUndefined();
    useApp.getState().applyProgress(progress(runId, 'finished', 'problem'));
    expect(useApp.getState().checks.access).toMatchObject({ state: 'finished', mark: 'problem' });
    lastPending().resolve({ ok: true, value: diagnosis(runId) });
    await scan;
  });

  it('shows an error outcome', async () => {
    const scan = useApp.getState().startScan();
    lastPending().resolve({ ok: false, error: { code: 'internal', message: 'It broke' } });
    await scan;
    expect(useApp.getState()).toMatchObject({
      phase: 'error',
      error: { code: 'internal', message: 'It broke' },
      diagnosis: null,
    });
  });

  it('turns a bridge that throws into an error, not an exception', async () => {
    fake.throwOnInvoke = true;
    await useApp.getState().startScan();
    expect(useApp.getState()).toMatchObject({ phase: 'error', error: { code: 'bridge', message: 'IPC is gone' } });
  });

  it('ignores a second Scan while one runs', async () => {
    const scan = useApp.getState().startScan();
    const runId = useApp.getState().runId;
    await useApp.getState().startScan();
    expect(fake.pending).toHaveLength(1);
    expect(useApp.getState().runId).toBe(runId);
    lastPending().resolve({ ok: true, value: diagnosis(runId ?? '') });
    await scan;
  });

  it('a new scan clears the previous result and progress', async () => {
    const first = useApp.getState().startScan();
    const firstId = useApp.getState().runId ?? '';
    useApp.getState().applyProgress(progress(firstId, 'finished', 'fine'));
    lastPending().resolve({ ok: true, value: diagnosis(firstId) });
    await first;
    const second = useApp.getState().startScan();
    expect(useApp.getState()).toMatchObject({ phase: 'scanning', checks: {}, diagnosis: null });
    expect(useApp.getState().runId).not.toBe(firstId);
    lastPending().resolve({ ok: true, value: diagnosis(useApp.getState().runId ?? '') });
    await second;
  });
});
