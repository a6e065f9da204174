import { getEventListeners } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createIpMonitor, type RouterAccess, type RouterEventVars } from '../../../electron/services/ip/monitor';
import type { IpChange } from '../../../shared/model';
import { HOUR, MIN, memoryHistory, SOURCES, scriptedEcho, V6_SOURCE, watchConfig } from './helpers';

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2025-01-01T00:00:00Z') });
  unhandled.length = 0;
  process.on('unhandledRejection', onUnhandled);
});
afterEach(() => {
  process.off('unhandledRejection', onUnhandled);
  vi.useRealTimers();
});

/** A router the test drives: its WAN IP, whether it answers, and the event listener it was given. */
function fakeRouter(ip: string, options: { events?: boolean; refuseEvents?: boolean } = {}) {
  const router = {
    ip,
    reads: 0,
    failing: false,
    subscribed: 0,
    stopped: 0,
    listener: null as { onEvent(vars: RouterEventVars): void; onLost(reason: string): void } | null,
    access: null as unknown as RouterAccess,
  };
  router.access = {
    readExternalIp: async () => {
      router.reads += 1;
      if (router.failing) throw new Error('router gone');
      return router.ip;
    },
    events: options.events
      ? {
          subscribe: async (listener) => {
            if (options.refuseEvents) throw new Error('HTTP 501');
            router.subscribed += 1;
            router.listener = listener;
            return {
              stop: async () => {
                router.stopped += 1;
              },
            };
          },
        }
      : undefined,
  };
  return router;
}

describe('IP monitor: 24 simulated hours with flaky echo sources', () => {
  it('stays within the request budget, backs off, honours Retry-After, leaks nothing', async () => {
    // echo-a: mostly 5xx and garbage; echo-b: 429 with Retry-After 2 h every 5th call; echo-c: timeouts now and then.
    const echo = scriptedEcho((url, n) => {
      if (url === SOURCES[0]) return n % 3 === 0 ? 'ok' : n % 3 === 1 ? '5xx' : 'garbage';
      if (url === SOURCES[1]) return n % 5 === 0 ? '429' : 'ok';
      if (url === SOURCES[2]) return n % 4 === 0 ? 'timeout' : 'ok';
      return n % 7 === 0 ? '5xx' : 'ok'; // v6
    });
    const monitor = createIpMonitor({
      config: watchConfig(),
      askEcho: echo.ask,
      history: memoryHistory(),
      random: () => 0.5,
    });
    const changes: IpChange[] = [];
    monitor.on('ipChanged', (c) => changes.push(c));
    await monitor.start();

    const timerSamples: number[] = [];
    const listenerSamples: number[] = [];
    for (let hour = 1; hour <= 24; hour++) {
      if (hour === 12) echo.ip.v4 = '198.51.100.77'; // one real change halfway
      await vi.advanceTimersByTimeAsync(HOUR);
      timerSamples.push(vi.getTimerCount());
      const last = echo.signals.at(-1);
      listenerSamples.push(last ? getEventListeners(last, 'abort').length : 0);
    }

    const perHour = echo.calls.length / 24;
    expect(perHour).toBeLessThanOrEqual(12);
    // Every hour stays within budget too, not just the average (the first hour includes the start-up ask).
    for (let hour = 0; hour < 24; hour++) {
      const inHour = echo.calls.filter(
        (c) => c.at >= Date.UTC(2025, 0, 1, hour) && c.at < Date.UTC(2025, 0, 1, hour + 1),
      );
      expect(inHour.length).toBeLessThanOrEqual(13);
    }
    // Retry-After (2 h) is honoured: after a 429, that source is not asked for two hours.
    const b = echo.calls.filter((c) => c.url === SOURCES[1]);
    const gapsAfter429 = b.flatMap((call, i) => {
      const next = b[i + 1];
      return call.behaviour === '429' && next ? [next.at - call.at] : [];
    });
    // The script makes every 5th call to echo-b a 429: some must have happened, and been followed up.
    expect(gapsAfter429.length).toBeGreaterThan(0);
    for (const gap of gapsAfter429) expect(gap).toBeGreaterThanOrEqual(2 * HOUR);
    // Backoff is visible: the mostly-failing source is asked less often than the healthy one.
    const a = echo.calls.filter((c) => c.url === SOURCES[0]).length;
    const c = echo.calls.filter((c) => c.url === SOURCES[2]).length;
    expect(a).toBeLessThan(c);
    // The change was found (by an echo source, within one interval) and reported once.
    expect(changes).toEqual([
      expect.objectContaining({ from: '198.51.100.23', to: '198.51.100.77', family: 4, source: 'echo' }),
    ]);
    expect(Date.parse(changes[0]?.at ?? '') - Date.UTC(2025, 0, 1, 11)).toBeLessThanOrEqual(HOUR + 10 * MIN);
    // Nothing grows: timers and abort listeners stay flat.
    expect(Math.max(...timerSamples)).toBeLessThanOrEqual(4);
    expect(Math.max(...listenerSamples)).toBeLessThanOrEqual(1);
    expect(unhandled).toEqual([]);

    await monitor.stop();
    expect(monitor.timerCount).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('asks at most 12 times an idle hour with healthy v4 and v6 sources (6 each, rotating)', async () => {
    const echo = scriptedEcho(() => 'ok');
    const monitor = createIpMonitor({ config: watchConfig(), askEcho: echo.ask, history: memoryHistory() });
    await monitor.start();
    await vi.advanceTimersByTimeAsync(HOUR); // settle past the start-up ask
    const before = echo.calls.length;
    await vi.advanceTimersByTimeAsync(10 * HOUR);
    expect((echo.calls.length - before) / 10).toBe(12);
    const v4 = echo.calls.slice(before).filter((c) => c.url !== V6_SOURCE);
    expect(new Set(v4.slice(0, 3).map((c) => c.url)).size).toBe(3); // rotation
    await monitor.stop();
  });

  it('stretches a family that never answers (no IPv6 here) to one ask an hour', async () => {
    const echo = scriptedEcho((url) => (url === V6_SOURCE ? 'timeout' : 'ok'));
    const monitor = createIpMonitor({ config: watchConfig(), askEcho: echo.ask, history: memoryHistory() });
    await monitor.start();
    await vi.advanceTimersByTimeAsync(6 * HOUR);
    const before = echo.calls.filter((c) => c.url === V6_SOURCE).length;
    await vi.advanceTimersByTimeAsync(6 * HOUR);
    const v6 = echo.calls.filter((c) => c.url === V6_SOURCE).length - before;
    expect(v6).toBeLessThanOrEqual(7);
    expect(v6).toBeGreaterThanOrEqual(3);
    await monitor.stop();
  });
});

describe('IP monitor: router signals', () => {
  it('reports a router event at once, confirmed with GetExternalIPAddress, and stops the subscription on stop()', async () => {
    const echo = scriptedEcho(() => 'ok');
    const router = fakeRouter('198.51.100.23', { events: true });
    const monitor = createIpMonitor({
      config: watchConfig(),
      askEcho: echo.ask,
      history: memoryHistory(),
      findRouter: async () => router.access,
    });
    const changes: IpChange[] = [];
    monitor.on('ipChanged', (c) => changes.push(c));
    await monitor.start();
    await vi.advanceTimersByTimeAsync(100);
    expect(monitor.state().routerMode).toBe('events');
    expect(monitor.state().current.v4).toBe('198.51.100.23');

    const readsBefore = router.reads;
    router.ip = '198.51.100.99';
    echo.ip.v4 = '198.51.100.99';
    router.listener?.onEvent({ ConnectionStatus: 'Connected', ExternalIPAddress: '198.51.100.99' });
    await vi.advanceTimersByTimeAsync(0);
    expect(router.reads).toBeGreaterThan(readsBefore);
    expect(changes).toEqual([
      expect.objectContaining({ from: '198.51.100.23', to: '198.51.100.99', source: 'router-event' }),
    ]);
    // The echo confirmation agrees: no second change.
    await vi.advanceTimersByTimeAsync(MIN);
    expect(changes).toHaveLength(1);

    await monitor.stop();
    expect(router.stopped).toBe(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('falls back to polling the router when it refuses events, and finds the change within one poll', async () => {
    const echo = scriptedEcho(() => 'ok');
    const router = fakeRouter('198.51.100.23', { events: true, refuseEvents: true });
    const problems: string[] = [];
    const monitor = createIpMonitor({
      config: watchConfig({ routerPollMs: 2000 }),
      askEcho: echo.ask,
      history: memoryHistory(),
      findRouter: async () => router.access,
    });
    monitor.on('problem', (p) => problems.push(p));
    const changes: IpChange[] = [];
    monitor.on('ipChanged', (c) => changes.push(c));
    await monitor.start();
    await vi.advanceTimersByTimeAsync(100);
    expect(monitor.state().routerMode).toBe('polling');
    expect(problems.join()).toMatch(/refused event subscription/);

    const t0 = Date.now();
    router.ip = '198.51.100.99';
    echo.ip.v4 = '198.51.100.99';
    while (changes.length === 0) await vi.advanceTimersByTimeAsync(100);
    expect(Date.now() - t0).toBeLessThanOrEqual(2100);
    expect(changes[0]).toMatchObject({ to: '198.51.100.99', source: 'router-poll' });
    await monitor.stop();
  });

  it('does not take the router WAN address for the public IP when an echo disagrees (VPN, double NAT)', async () => {
    const echo = scriptedEcho(() => 'ok');
    echo.ip.v4 = '203.0.113.50'; // the VPN's exit address
    const router = fakeRouter('198.51.100.23');
    const monitor = createIpMonitor({
      config: watchConfig({ echoUrgentGapMs: 0 }),
      askEcho: echo.ask,
      history: memoryHistory(),
      findRouter: async () => router.access,
    });
    const changes: IpChange[] = [];
    monitor.on('ipChanged', (c) => changes.push(c));
    await monitor.start();
    await vi.advanceTimersByTimeAsync(10_000);
    const asked = echo.calls.length;
    router.ip = '198.51.100.99';
    await vi.advanceTimersByTimeAsync(10_000);
    expect(changes).toEqual([]); // the VPN address did not change
    expect(echo.calls.length).toBeGreaterThan(asked); // but the router's change made us look again
    expect(monitor.state().current.v4).toBe('203.0.113.50');
    await monitor.stop();
  });

  it('gives up on a router that stops answering and keeps going on echo sources', async () => {
    const echo = scriptedEcho(() => 'ok');
    const router = fakeRouter('198.51.100.23');
    const monitor = createIpMonitor({
      config: watchConfig({ routerPollMs: 1000 }),
      askEcho: echo.ask,
      history: memoryHistory(),
      findRouter: async () => (router.failing ? null : router.access),
    });
    await monitor.start();
    await vi.advanceTimersByTimeAsync(2000);
    expect(monitor.state().routerMode).toBe('polling');
    router.failing = true;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(monitor.state().routerMode).toBe('none');
    const reads = router.reads;
    await vi.advanceTimersByTimeAsync(HOUR);
    expect(router.reads).toBe(reads); // no more polls of a dead router
    expect(monitor.timerCount).toBeLessThanOrEqual(4);
    await monitor.stop();
  });
});

describe('IP monitor: local changes, coalescing, history', () => {
  it('asks the echo sources at once after a local network change, at most once per urgent gap', async () => {
    const echo = scriptedEcho(() => 'ok');
    let fire: () => void = () => undefined;
    const monitor = createIpMonitor({
      config: watchConfig({ echoUrgentGapMs: 30_000 }),
      askEcho: echo.ask,
      history: memoryHistory(),
      localSignal: (onChange) => {
        fire = () =>
          onChange({ before: { addresses: [], route: null }, after: { addresses: [], route: 'x' }, summary: 'x' });
        return { start: async () => undefined, stop: () => undefined, isOffline: () => false };
      },
    });
    await monitor.start();
    await vi.advanceTimersByTimeAsync(60_000);
    const before = echo.calls.length;
    fire();
    await vi.advanceTimersByTimeAsync(10);
    expect(echo.calls.length).toBe(before + 2); // v4 + v6 at once
    for (let i = 0; i < 20; i++) fire(); // a flapping Wi-Fi
    await vi.advanceTimersByTimeAsync(29_000);
    expect(echo.calls.length).toBe(before + 2);
    await vi.advanceTimersByTimeAsync(2000);
    expect(echo.calls.length).toBe(before + 4); // one merged burst after the gap
    await monitor.stop();
  });

  it('coalesces a storm of changes: the first at once, the last one at the end of the window', async () => {
    const echo = scriptedEcho(() => 'ok');
    const router = fakeRouter('198.51.100.23', { events: true });
    const monitor = createIpMonitor({
      config: watchConfig({ coalesceMs: 3000 }),
      askEcho: echo.ask,
      history: memoryHistory(),
      findRouter: async () => router.access,
    });
    const changes: IpChange[] = [];
    monitor.on('ipChanged', (c) => changes.push(c));
    await monitor.start();
    await vi.advanceTimersByTimeAsync(5000);
    for (const last of [1, 2, 3, 4, 5]) {
      router.ip = `198.51.100.${last}`;
      echo.ip.v4 = router.ip;
      router.listener?.onEvent({ ExternalIPAddress: router.ip });
      await vi.advanceTimersByTimeAsync(200);
    }
    expect(changes.map((c) => c.to)).toEqual(['198.51.100.1']);
    await vi.advanceTimersByTimeAsync(3000);
    expect(changes.map((c) => [c.from, c.to])).toEqual([
      ['198.51.100.23', '198.51.100.1'],
      ['198.51.100.1', '198.51.100.5'],
    ]);
    expect(monitor.history()).toHaveLength(2);
    await monitor.stop();
  });

  it('starts from the history: a different first reading is a change from the last known address', async () => {
    const echo = scriptedEcho(() => 'ok');
    const history = memoryHistory([
      { from: '198.51.100.1', to: '198.51.100.2', family: 4, at: '2024-12-31T00:00:00.000Z', source: 'echo' },
    ]);
    const monitor = createIpMonitor({ config: watchConfig(), askEcho: echo.ask, history });
    const changes: IpChange[] = [];
    monitor.on('ipChanged', (c) => changes.push(c));
    await monitor.start();
    expect(monitor.state().current.v4).toBe('198.51.100.2');
    await vi.advanceTimersByTimeAsync(100);
    expect(changes).toEqual([expect.objectContaining({ from: '198.51.100.2', to: '198.51.100.23', source: 'echo' })]);
    // IPv6 had no history: its first reading is a baseline, not a change.
    expect(changes.some((c) => c.family === 6)).toBe(false);
    expect(monitor.state().current.v6).toBe('2001:db8::23');
    await monitor.stop();
  });

  it('checkNow() asks even a backing-off source, but never one that sent Retry-After', async () => {
    // A: 429 (Retry-After 2 h) at start; B and C: 5xx. At start A fails, B is the fallback and fails too.
    const echo = scriptedEcho((url) => (url === SOURCES[0] ? '429' : '5xx'));
    const monitor = createIpMonitor({ config: watchConfig({}, false), askEcho: echo.ask, history: memoryHistory() });
    await monitor.start();
    await vi.advanceTimersByTimeAsync(10);
    echo.calls.length = 0;
    await monitor.checkNow();
    const urls = echo.calls.map((c) => c.url);
    expect(urls).not.toContain(SOURCES[0]);
    expect(urls).toEqual([SOURCES[2], SOURCES[1]]); // B is backing off from its 5xx, but the user asked
    await monitor.stop();
  });

  it('stop() leaves no timer, aborts requests in flight and emits nothing afterwards', async () => {
    const echo = scriptedEcho(() => 'timeout', 60_000);
    const router = fakeRouter('198.51.100.23', { events: true });
    let localStopped = false;
    const monitor = createIpMonitor({
      config: watchConfig(),
      askEcho: echo.ask,
      history: memoryHistory(),
      findRouter: async () => router.access,
      localSignal: () => ({
        start: async () => undefined,
        stop: () => {
          localStopped = true;
        },
        isOffline: () => false,
      }),
    });
    const changes: IpChange[] = [];
    monitor.on('ipChanged', (c) => changes.push(c));
    await monitor.start();
    await vi.advanceTimersByTimeAsync(100);
    const inFlight = echo.signals.slice();
    await monitor.stop();
    expect(inFlight.length).toBeGreaterThan(0);
    expect(inFlight.every((s) => s.aborted)).toBe(true);
    expect(localStopped).toBe(true);
    expect(router.stopped).toBe(1);
    expect(monitor.timerCount).toBe(0);
    router.listener?.onEvent({ ExternalIPAddress: '198.51.100.50' });
    await vi.advanceTimersByTimeAsync(HOUR);
    expect(changes).toEqual([]);
    expect(unhandled).toEqual([]);
  });
});

describe('IP monitor: start-up races', () => {
  it('a router whose first answer already differs from the echo gets an echo check, and the change is found', async () => {
    const echo = scriptedEcho(() => 'ok');
    const router = fakeRouter('198.51.100.23', { events: true });
    let release: () => void = () => undefined;
    const monitor = createIpMonitor({
      config: watchConfig({ echoUrgentGapMs: 0 }),
      askEcho: echo.ask,
      history: memoryHistory(),
      // Discovery is slow: the WAN address changes before the router is first read.
      findRouter: () => new Promise((resolve) => (release = () => resolve(router.access))),
    });
    const changes: IpChange[] = [];
    monitor.on('ipChanged', (c) => changes.push(c));
    await monitor.start();
    await vi.advanceTimersByTimeAsync(100);
    router.ip = '198.51.100.77';
    echo.ip.v4 = '198.51.100.77';
    release();
    await vi.advanceTimersByTimeAsync(100);
    expect(changes).toEqual([expect.objectContaining({ from: '198.51.100.23', to: '198.51.100.77' })]);
    await monitor.stop();
  });
});
