import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createUnblockWatcher } from '../../../electron/services/access/unblock-watcher';
import type { AccessChange, AccessResult, AccessVerdict } from '../../../shared/model';

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2025-01-01T00:00:00Z') });
});
afterEach(() => vi.useRealTimers());

const MIN = 60_000;

function site(initial: AccessVerdict, retryAfterSeconds?: number) {
  const s = {
    verdict: initial,
    retryAfterSeconds,
    probes: [] as number[],
    probe: async (target: string): Promise<AccessResult> => {
      s.probes.push(Date.now());
      return {
        target,
        verdict: s.verdict,
        viaCloudflare: true,
        elapsedMs: 5,
        ...(s.verdict === 'rate-limited' && s.retryAfterSeconds ? { retryAfterSeconds: s.retryAfterSeconds } : {}),
      };
    },
  };
  return s;
}

describe('unblock watcher', () => {
  it('re-probes a blocked target on a doubling schedule and reports when it is reachable again', async () => {
    const s = site('blocked');
    const changes: AccessChange[] = [];
    const w = createUnblockWatcher({
      targets: ['https://chatgpt.com/'],
      probe: s.probe,
      minMs: 2 * MIN,
      maxMs: 16 * MIN,
      random: () => 0.5,
      onChange: (c) => changes.push(c),
    });
    await w.start();
    expect(changes).toEqual([expect.objectContaining({ from: null, to: 'blocked' })]);
    await vi.advanceTimersByTimeAsync(60 * MIN);
    const gaps = s.probes.slice(1).map((t, i) => Math.round((t - (s.probes[i] ?? 0)) / MIN));
    expect(gaps.slice(0, 5)).toEqual([2, 4, 8, 16, 16]); // doubling, capped
    s.verdict = 'ok';
    await vi.advanceTimersByTimeAsync(16 * MIN);
    expect(changes.at(-1)).toMatchObject({ target: 'https://chatgpt.com/', from: 'blocked', to: 'ok' });
    expect(w.allReachable()).toBe(true);
    const count = s.probes.length;
    await vi.advanceTimersByTimeAsync(24 * 60 * MIN);
    expect(s.probes.length).toBe(count); // a reachable target is not polled
    expect(w.timerCount).toBe(0);
    w.stop();
  });

  it('re-probes at once after an IP change', async () => {
    const s = site('blocked');
    const changes: AccessChange[] = [];
    const w = createUnblockWatcher({
      targets: ['https://a.test/'],
      probe: s.probe,
      minMs: 10 * MIN,
      maxMs: 60 * MIN,
      onChange: (c) => changes.push(c),
    });
    await w.start();
    s.verdict = 'ok';
    w.ipChanged();
    await vi.advanceTimersByTimeAsync(0);
    expect(s.probes).toHaveLength(2);
    expect(changes.at(-1)).toMatchObject({ from: 'blocked', to: 'ok' });
    w.stop();
  });

  it('waits out a 1015 Retry-After before probing the same address again', async () => {
    const s = site('rate-limited', 1800);
    const w = createUnblockWatcher({
      targets: ['https://a.test/'],
      probe: s.probe,
      minMs: 2 * MIN,
      maxMs: 60 * MIN,
      onChange: () => undefined,
    });
    await w.start();
    await vi.advanceTimersByTimeAsync(29 * MIN);
    expect(s.probes).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2 * MIN);
    expect(s.probes).toHaveLength(2);
    expect(w.targets()[0]?.nextCheckAt).not.toBeNull();
    w.stop();
    expect(w.timerCount).toBe(0);
  });

  it('stop() clears every timer and aborts a probe in flight', async () => {
    let seen: AbortSignal | undefined;
    const w = createUnblockWatcher({
      targets: ['https://a.test/', 'https://b.test/'],
      probe: (_target, signal) => {
        seen = signal;
        return new Promise<AccessResult>(() => undefined);
      },
      minMs: MIN,
      maxMs: MIN,
      onChange: () => undefined,
    });
    void w.start();
    await vi.advanceTimersByTimeAsync(0);
    w.stop();
    expect(seen?.aborted).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });
});
