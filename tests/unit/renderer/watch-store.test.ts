/// <reference path="../../../renderer/global.d.ts" />
/**
 * The Watch step's store: a load that was asked before the user moved the switch (or before a newer
 * state arrived as an event) must not put the older state back when its answer comes late.
 */
import { describe, expect, it } from 'vitest';
import type { WatchState } from '../../../shared/model';
import { installBridge } from './stand-ins';

const fake = { pending: new Map<string, (value: unknown) => void>(), answers: new Map<string, unknown>() };
installBridge((channel) => {
  if (fake.answers.has(channel)) return Promise.resolve(fake.answers.get(channel));
  // Unanswered channels wait until the test answers them, so the order of answers is the test's.
  return new Promise((resolve) => fake.pending.set(channel, resolve));
});

const { useWatch } = await import('../../../renderer/watch-store');

const state = (enabled: boolean): WatchState => ({ enabled }) as unknown as WatchState;

describe('watch store', () => {
  it('a late load answer does not undo the switch the user moved meanwhile', async () => {
    fake.answers.set('ip.history', { ok: true, value: [] });
    useWatch.setState({ state: state(false) });
    const loading = useWatch.getState().load();
    fake.answers.set('watch.set', { ok: true, value: state(true) });
    await useWatch.getState().setEnabled(true);
    expect(useWatch.getState().state?.enabled).toBe(true);
    // The load asked before the click is answered only now, with the state from before it.
    fake.pending.get('watch.state')?.({ ok: true, value: state(false) });
    await loading;
    expect(useWatch.getState().state?.enabled).toBe(true);
  });

  it('a load with nothing newer meanwhile shows its answer', async () => {
    fake.pending.clear();
    fake.answers.delete('watch.state');
    useWatch.setState({ state: state(false) });
    const loading = useWatch.getState().load();
    await Promise.resolve();
    fake.pending.get('watch.state')?.({ ok: true, value: state(true) });
    await loading;
    expect(useWatch.getState().state?.enabled).toBe(true);
  });

  it('an event newer than a pending load wins over the load', async () => {
    fake.pending.clear();
    useWatch.setState({ state: state(false) });
    const loading = useWatch.getState().load();
    await Promise.resolve();
    useWatch.getState().applyState(state(true));
    fake.pending.get('watch.state')?.({ ok: true, value: state(false) });
    await loading;
    expect(useWatch.getState().state?.enabled).toBe(true);
  });
});
