/// <reference path="../../../renderer/global.d.ts" />
import { describe, expect, it, vi } from 'vitest';
import type { Diagnosis } from '../../../shared/model';

/** A page reloaded after a finished scan on the Watch step: the store starts from what was saved. */
const saved = vi.hoisted(() => {
  const items = new Map<string, string>();
  const diagnosis = {
    runId: 'ui-1',
    startedAt: '2026-11-25T10:00:00.000Z',
    finishedAt: '2026-11-25T10:00:01.000Z',
    elapsedMs: 1000,
    targets: ['https://chatgpt.com/'],
    results: { access: [] },
    plan: [],
    checks: [],
    findings: [],
    outcome: 'blocked',
    headline: { tone: 'problem', text: 'You are blocked at chatgpt.com.' },
  };
  items.set(
    'access-doctor:wizard:v1',
    JSON.stringify({ state: { step: 'watch', phase: 'done', diagnosis }, version: 1 }),
  );
  const storage = {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
  };
  Object.defineProperty(globalThis, 'localStorage', { value: storage, configurable: true });
  const bridge = {
    invoke: () => Promise.resolve({ ok: false, error: { code: 'x', message: 'x' } }),
    on: () => () => undefined,
  };
  Object.defineProperty(globalThis, 'window', { value: { accessDoctor: bridge }, configurable: true });
  return items;
});

const { useApp } = await import('../../../renderer/store');

describe('the wizard resumes where the user was', () => {
  it('restores the step and the last finished diagnosis', () => {
    expect(useApp.getState().step).toBe('watch');
    expect(useApp.getState().phase).toBe('done');
    expect((useApp.getState().diagnosis as Diagnosis).outcome).toBe('blocked');
  });

  it('saves a step change, and never saves a scan in flight as if it were done', () => {
    useApp.getState().goTo('router');
    useApp.setState({ phase: 'scanning', diagnosis: null });
    const stored = JSON.parse(saved.get('access-doctor:wizard:v1') ?? '{}') as {
      state: { step: string; phase: string; diagnosis: unknown; tried: unknown[] };
    };
    expect(stored.state).toEqual({ step: 'router', phase: 'idle', diagnosis: null, tried: [] });
  });
});
