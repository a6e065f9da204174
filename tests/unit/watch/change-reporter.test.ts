import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemTimers } from '../../../electron/core/timers';
import { createChangeReporter } from '../../../electron/services/ip/monitor/change-reporter';
import { createMonitorRun, type MonitorContext } from '../../../electron/services/ip/monitor/run';
import type { IpChange } from '../../../shared/model';

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2025-01-01T00:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

function reporterWorld(coalesceMs = 3000) {
  const run = createMonitorRun(systemTimers);
  run.begin();
  const states: number[] = [];
  const problems: string[] = [];
  const ctx: MonitorContext = {
    ...run,
    publishState: () => states.push(Date.now()),
    problem: (message) => problems.push(message),
    onBug: () => undefined,
  };
  const appended: IpChange[] = [];
  const reported: IpChange[] = [];
  let failAppend = false;
  const reporter = createChangeReporter({
    ctx,
    coalesceMs,
    history: {
      append: async (change) => {
        if (failAppend) throw new Error('disk full');
        appended.push(change);
      },
    },
    onChange: (change) => reported.push(change),
  });
  return { run, reporter, reported, appended, problems, states, failAppends: () => (failAppend = true) };
}

describe('change reporter', () => {
  it('takes a first sighting without history as a baseline, not a change', () => {
    const w = reporterWorld();
    w.reporter.observe(4, '198.51.100.1', 'echo');
    expect(w.reported).toEqual([]);
    expect(w.reporter.current()).toEqual({ v4: '198.51.100.1', v6: null });
    expect(w.states).toHaveLength(1);
    expect(w.reporter.lastCheckedAt()).toBe(Date.now());
  });

  it('reports a change from the history’s last address, and saves it', async () => {
    const w = reporterWorld();
    const old: IpChange = { from: null, to: '198.51.100.1', family: 4, at: '2024-12-31T00:00:00.000Z', source: 'echo' };
    w.reporter.seed([old]);
    expect(w.reporter.lastChange()).toEqual(old);
    w.reporter.observe(4, '198.51.100.2', 'router-event');
    await vi.advanceTimersByTimeAsync(0);
    const change = { from: '198.51.100.1', to: '198.51.100.2', family: 4, source: 'router-event' };
    expect(w.reported).toEqual([expect.objectContaining(change)]);
    expect(w.appended).toEqual(w.reported);
    expect(w.reporter.lastChange()).toEqual(w.reported[0]);
  });

  it('coalesces a storm per family: the first at once, the latest when the window closes', () => {
    const w = reporterWorld(3000);
    w.reporter.seed([{ from: null, to: '198.51.100.1', family: 4, at: '2024-12-31T00:00:00.000Z', source: 'echo' }]);
    w.reporter.observe(4, '198.51.100.2', 'echo');
    w.reporter.observe(4, '198.51.100.3', 'echo');
    w.reporter.observe(4, '198.51.100.4', 'echo');
    expect(w.reported.map((c) => c.to)).toEqual(['198.51.100.2']);
    // The held change is still known as the latest sighting (the router link compares against it).
    expect(w.reporter.latest(4)).toBe('198.51.100.4');
    expect(w.reporter.current().v4).toBe('198.51.100.2');
    vi.advanceTimersByTime(3000);
    expect(w.reported.map((c) => [c.from, c.to])).toEqual([
      ['198.51.100.1', '198.51.100.2'],
      ['198.51.100.2', '198.51.100.4'],
    ]);
  });

  it('flush() reports what a window still holds, without waiting', () => {
    const w = reporterWorld(3000);
    w.reporter.seed([{ from: null, to: '2001:db8::1', family: 6, at: '2024-12-31T00:00:00.000Z', source: 'echo' }]);
    w.reporter.observe(6, '2001:db8::2', 'echo');
    w.reporter.observe(6, '2001:db8::3', 'echo');
    w.reporter.flush();
    expect(w.reported.map((c) => c.to)).toEqual(['2001:db8::2', '2001:db8::3']);
    expect(w.run.timers.size).toBe(0);
  });

  it('a history that cannot be written is a problem to report, not a lost change', async () => {
    const w = reporterWorld();
    w.failAppends();
    w.reporter.seed([{ from: null, to: '198.51.100.1', family: 4, at: '2024-12-31T00:00:00.000Z', source: 'echo' }]);
    w.reporter.observe(4, '198.51.100.9', 'echo');
    await vi.advanceTimersByTimeAsync(0);
    expect(w.reported.map((c) => c.to)).toEqual(['198.51.100.9']);
    expect(w.problems).toEqual(['IP history not saved: disk full']);
  });
});
