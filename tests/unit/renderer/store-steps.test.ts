/// <reference path="../../../renderer/global.d.ts" />
/**
 * The wizard's step machine: where Back and Skip lead, Verify (back to Scan and scan again), and the
 * "tried" list every step writes its outcome to (the step list and the support report read it).
 * The bridge is a stand-in that answers each channel as the test says; the store is the real one.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Diagnosis, FixStep, PowerCycleResult, ReconnectResult, ViewId } from '../../../shared/model';
import { finishedDiagnosis, installBridge, installStorage, unanswered } from './stand-ins';

const fake = {
  answers: new Map<string, unknown>(),
  calls: [] as { channel: string; input: unknown }[],
};
installBridge((channel, input) => {
  fake.calls.push({ channel, input });
  return fake.answers.has(channel) ? Promise.resolve(fake.answers.get(channel)) : unanswered();
});
// The saved wizard, as the page would keep it (node has no localStorage).
installStorage();

const { useApp } = await import('../../../renderer/store');
const { stepNeighbours } = await import('../../../renderer/steps/navigation');

const ORDER: ViewId[] = ['scan', 'browsers', 'vpn', 'router', 'watch', 'report', 'backups'];

const fix = (id: FixStep['id'], view?: ViewId): FixStep => ({
  id,
  title: 'Do this.',
  why: 'Because.',
  ...(view ? { view } : {}),
});

const diagnosis = (runId: string, outcome: Diagnosis['outcome'], text: string): Diagnosis =>
  finishedDiagnosis(runId, outcome, text);

beforeEach(() => {
  fake.answers.clear();
  fake.calls.length = 0;
  useApp.setState({
    step: 'scan',
    tried: [],
    phase: 'idle',
    runId: null,
    checks: {},
    diagnosis: null,
    error: null,
    // The store's own starting router state, so this reset cannot drift from it.
    router: useApp.getInitialState().router,
  });
});

describe('Back and Skip', () => {
  it('Back leads to the step before; the first step has none', () => {
    expect(stepNeighbours(ORDER, 'router', []).back).toBe('vpn');
    expect(stepNeighbours(ORDER, 'scan', []).back).toBeUndefined();
  });

  it('Skip follows the plan to the next suggested step after this one, passing steps it does not suggest', () => {
    const plan = [fix('power-cycle', 'router'), fix('support-report', 'report')];
    expect(stepNeighbours(ORDER, 'scan', plan).next).toBe('router');
    expect(stepNeighbours(ORDER, 'router', plan).next).toBe('report');
  });

  it('Skip never points back up the list, nor at Scan, nor at the step itself', () => {
    const plan = [fix('wait-rate-limit', 'scan'), fix('power-cycle', 'router'), fix('support-report', 'report')];
    // From Watch the plan's router step lies behind: the next suggested one ahead is the report.
    expect(stepNeighbours(ORDER, 'watch', plan).next).toBe('report');
    expect(stepNeighbours(ORDER, 'router', [fix('power-cycle', 'router')]).next).toBe('watch');
  });

  it('without a plan step ahead, Skip is the next step in the list; the last step has no Skip', () => {
    expect(stepNeighbours(ORDER, 'browsers', []).next).toBe('vpn');
    expect(stepNeighbours(ORDER, 'report', [fix('power-cycle', 'router')]).next).toBe('backups');
    expect(stepNeighbours(ORDER, 'backups', [fix('power-cycle', 'router')])).toEqual({ back: 'report' });
  });

  it('every step but the last has a way on, and every step but the first a way back: no dead end', () => {
    const plan = [fix('power-cycle', 'router'), fix('support-report', 'report')];
    for (const [i, step] of ORDER.entries()) {
      const { back, next } = stepNeighbours(ORDER, step, plan);
      expect(back !== undefined, `${step} back`).toBe(i > 0);
      expect(next !== undefined, `${step} next`).toBe(i < ORDER.length - 1);
      if (next) expect(ORDER.indexOf(next)).toBeGreaterThan(i);
    }
  });
});

describe('Verify and the tried list', () => {
  it('goTo changes the step and nothing else', () => {
    useApp.getState().goTo('router');
    expect(useApp.getState()).toMatchObject({ step: 'router', phase: 'idle', tried: [] });
    expect(fake.calls).toHaveLength(0);
  });

  it('a scan that could not run is not recorded as tried', async () => {
    useApp.getState().goTo('router');
    await useApp.getState().rescan();
    expect(useApp.getState()).toMatchObject({ step: 'scan', phase: 'error' });
    expect(useApp.getState().tried).toEqual([]);
  });

  it('rescan goes back to Scan and scans, and the scan is recorded with its outcome', async () => {
    useApp.getState().goTo('router');
    fake.answers.set('diagnose.run', {
      ok: true,
      value: diagnosis('d2', 'ok', 'Every site answered, and nothing blocks you right now.'),
    });
    const scanning = useApp.getState().rescan();
    expect(useApp.getState()).toMatchObject({ step: 'scan', phase: 'scanning' });
    await scanning;
    expect(fake.calls.map((c) => c.channel)).toEqual(['diagnose.run']);
    expect(useApp.getState()).toMatchObject({ step: 'scan', phase: 'done' });
    expect(useApp.getState().tried).toEqual([
      expect.objectContaining({
        what: 'Scan',
        result: 'Every site answered, and nothing blocks you right now.',
        view: 'scan',
        outcome: 'ok',
      }),
    ]);
  });

  it('a reset that brought a new IP is recorded on the router step, and the router is read again', async () => {
    const reset: ReconnectResult = {
      outcome: 'reconnected',
      oldIp: '198.51.100.23',
      newIp: '198.51.100.99',
      ipChanged: true,
      durationMs: 1500,
      connectedAfterMs: 1200,
      confirmedBy: 'echo',
      natWarning: null,
    };
    fake.answers.set('router.reset', { ok: true, value: reset });
    useApp.getState().askRouterReset();
    expect(useApp.getState().router.stage).toBe('confirm');
    await useApp.getState().confirmRouterReset();
    expect(useApp.getState().router).toMatchObject({ stage: 'result', reset });
    expect(useApp.getState().tried.at(-1)).toMatchObject({
      what: 'Reset the router',
      result: 'Reconnected; the public IP changed.',
      view: 'router',
    });
    expect(fake.calls.map((c) => c.channel)).toEqual(['router.reset', 'router.status']);
  });

  it('a reset that gave back the same IP says so', async () => {
    fake.answers.set('router.reset', {
      ok: true,
      value: {
        outcome: 'reconnected',
        oldIp: '198.51.100.23',
        newIp: '198.51.100.23',
        ipChanged: false,
        durationMs: 1500,
        connectedAfterMs: 1200,
        confirmedBy: 'router',
        natWarning: null,
      } satisfies ReconnectResult,
    });
    await useApp.getState().confirmRouterReset();
    expect(useApp.getState().tried.at(-1)?.result).toBe('Reconnected; the public IP stayed the same.');
  });

  it('a refused reset records the router’s own reason and leaves the guide to follow', async () => {
    const refused: ReconnectResult = {
      outcome: 'not-allowed',
      oldIp: '198.51.100.23',
      error: { code: 'router-refused', message: 'Your router does not allow a remote reconnect (UPnP error 606).' },
      upnpCode: 606,
      guide: { unplugSeconds: 30, steps: ['Pull the plug.'] },
    };
    fake.answers.set('router.reset', { ok: true, value: refused });
    await useApp.getState().confirmRouterReset();
    expect(useApp.getState().router).toMatchObject({ stage: 'result', reset: refused });
    expect(useApp.getState().tried.at(-1)).toMatchObject({
      what: 'Reset the router',
      result: refused.error.message,
      view: 'router',
    });
    // No new router reading after a refusal: nothing changed.
    expect(fake.calls.map((c) => c.channel)).toEqual(['router.reset']);
  });

  it('a reset the bridge could not run goes back to idle with the error, and nothing counts as tried', async () => {
    await useApp.getState().confirmRouterReset();
    expect(useApp.getState().router).toMatchObject({ stage: 'idle', error: { message: 'Not answered in this test.' } });
    expect(useApp.getState().tried).toEqual([]);
  });

  it('the restart by hand is recorded with its message, watching from the scan’s IP', async () => {
    useApp.setState({
      diagnosis: {
        ...diagnosis('d1', 'blocked', 'You are blocked at chatgpt.com.'),
        results: {
          access: [],
          ip: { v4: { ip: '198.51.100.23', family: 4, source: 'echo' }, failures: [] },
        },
      },
    });
    const watched: PowerCycleResult = {
      outcome: 'ip-changed',
      oldIp: '198.51.100.23',
      newIp: '198.51.100.99',
      sawDrop: true,
      durationMs: 40_000,
      message: 'Your public IP changed from 198.51.100.23 to 198.51.100.99.',
    };
    fake.answers.set('router.powerCycle', { ok: true, value: watched });
    await useApp.getState().startPowerCycle();
    expect(fake.calls.at(-1)).toMatchObject({ channel: 'router.powerCycle', input: { oldIp: '198.51.100.23' } });
    expect(useApp.getState().router).toMatchObject({ stage: 'watched', powerCycle: watched });
    expect(useApp.getState().tried.at(-1)).toMatchObject({
      what: 'Restart the router by hand',
      result: watched.message,
      view: 'router',
    });
  });

  it('keeps the last 50 entries, oldest dropped first', () => {
    for (let i = 0; i < 55; i++) useApp.getState().recordTried(`Step ${i}`, `Result ${i}.`, 'browsers');
    const tried = useApp.getState().tried;
    expect(tried).toHaveLength(50);
    expect(tried[0]?.what).toBe('Step 5');
    expect(tried.at(-1)).toMatchObject({ what: 'Step 54', view: 'browsers' });
    expect(Number.isNaN(Date.parse(tried[0]?.at ?? ''))).toBe(false);
  });
});
