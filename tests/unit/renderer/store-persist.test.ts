/// <reference path="../../../renderer/global.d.ts" />
import { describe, expect, it } from 'vitest';
import type { Diagnosis } from '../../../shared/model';
import { finishedDiagnosis, installBridge, installStorage } from './stand-ins';

/** A page reloaded after a finished scan on the Watch step: the store starts from what was saved. */
const saved = installStorage(
  new Map([
    [
      'access-doctor:wizard:v1',
      JSON.stringify({
        state: {
          step: 'watch',
          phase: 'done',
          diagnosis: finishedDiagnosis('ui-1', 'blocked', 'You are blocked at chatgpt.com.'),
        },
        version: 1,
      }),
    ],
  ]),
);
installBridge();

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
