/// <reference path="../../../renderer/global.d.ts" />
/**
 * Resuming the wizard from what a previous page saved: each case loads a fresh store over a storage
 * stand-in holding that saved value, as a reload or a restart would.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Diagnosis } from '../../../shared/model';
import type { TriedStep } from '../../../shared/report';
import { installBridge, installStorage } from './stand-ins';

const KEY = 'access-doctor:wizard:v1';
const items = new Map<string, string>();

beforeEach(() => {
  items.clear();
  installStorage(items);
  installBridge();
  vi.resetModules();
});

async function freshStore() {
  return (await import('../../../renderer/store')).useApp;
}

const blocked: Diagnosis = {
  runId: 'ui-1',
  startedAt: '2026-11-25T10:00:00.000Z',
  finishedAt: '2026-11-25T10:00:01.000Z',
  elapsedMs: 1000,
  targets: ['https://chatgpt.com/'],
  results: { access: [] },
  plan: [
    { id: 'power-cycle', title: 'Restart your router.', why: 'A new address may not be blocked.', view: 'router' },
  ],
  checks: [],
  findings: [],
  outcome: 'blocked',
  headline: { tone: 'problem', text: 'You are blocked at chatgpt.com.' },
};
const tried: TriedStep[] = [
  {
    what: 'Scan',
    result: 'You are blocked at chatgpt.com.',
    at: '2026-11-25T10:00:01.000Z',
    view: 'scan',
    outcome: 'blocked',
  },
  {
    what: 'Reset the router',
    result: 'Your router does not allow a remote reconnect (UPnP error 606).',
    at: '2026-11-25T10:01:00.000Z',
    view: 'router',
  },
];

describe('resuming a saved wizard', () => {
  it('comes back on the saved step with the diagnosis and the tried list, and no job in flight', async () => {
    items.set(KEY, JSON.stringify({ state: { step: 'router', phase: 'done', diagnosis: blocked, tried }, version: 1 }));
    const useApp = await freshStore();
    const s = useApp.getState();
    expect(s.step).toBe('router');
    expect(s.phase).toBe('done');
    expect(s.diagnosis).toEqual(blocked);
    expect(s.tried).toEqual(tried);
    // A router job is never resumed: its run ended with the page.
    expect(s.router).toMatchObject({ stage: 'idle', runId: null, reset: null });
    expect(s.runId).toBeNull();
  });

  it('a new entry is added after the resumed ones and saved with them', async () => {
    items.set(KEY, JSON.stringify({ state: { step: 'router', phase: 'done', diagnosis: blocked, tried }, version: 1 }));
    const useApp = await freshStore();
    useApp.getState().recordTried('Restart the router by hand', 'Your public IP changed.', 'router');
    const saved = JSON.parse(items.get(KEY) ?? '{}') as { state: { tried: TriedStep[]; step: string } };
    expect(saved.state.step).toBe('router');
    expect(saved.state.tried.map((t) => t.what)).toEqual(['Scan', 'Reset the router', 'Restart the router by hand']);
  });

  it('nothing saved: the wizard opens on Scan, with nothing tried', async () => {
    const s = (await freshStore()).getState();
    expect(s).toMatchObject({ step: 'scan', phase: 'idle', diagnosis: null, tried: [] });
  });

  it('a damaged saved value is ignored: the wizard opens on Scan instead of failing', async () => {
    items.set(KEY, '{"state": {"step": "rout');
    const s = (await freshStore()).getState();
    expect(s).toMatchObject({ step: 'scan', phase: 'idle', diagnosis: null, tried: [] });
  });

  it('the saved state goes through a round trip: what one page saves, the next one resumes', async () => {
    const first = await freshStore();
    first.setState({ phase: 'done', diagnosis: blocked });
    first.getState().recordTried('Scan', blocked.headline.text, 'scan', 'blocked');
    first.getState().goTo('report');
    vi.resetModules();
    const second = (await freshStore()).getState();
    expect(second).toMatchObject({ step: 'report', phase: 'done', diagnosis: { runId: 'ui-1' } });
    expect(second.tried).toEqual([expect.objectContaining({ what: 'Scan', outcome: 'blocked', view: 'scan' })]);
  });
});
