/**
 * Watch benchmark (`npx tsx tests/bench/watch.bench.ts`):
 * - detection latency from a WAN IP change to `ipChanged` (median): with router events (GENA), with
 *   router polling, and without a router (echo sources only), in the loopback world, and in the lab with
 *   the real miniupnpd where root is available;
 * - requests an idle hour to outside echo sources, on a simulated clock (24 h, default config).
 * Prints `name: value unit (goal …)` lines.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../../electron/config';
import type { TimerHandle, Timers } from '../../electron/core/timers';
import { createServices } from '../../electron/services';
import { type AskEcho, EchoFailure } from '../../electron/services/ip/echo';
import { createHistoryStore } from '../../electron/services/ip/history';
import { createIpMonitor, type RouterAccess } from '../../electron/services/ip/monitor';
import { watchSessionFor } from '../../electron/services/watch';
import type { IpChange } from '../../shared/model';
import { LAB_NETS, labSkipReason, setupLab, WAN_IP } from '../lab/lab';
import { closedPort } from '../support/ports';
import { startIgdEvents } from '../world/igd-events';
import { startIgdSim } from '../world/igd-sim';
import { watch } from '../world/watch-cli';
import { startWorld } from '../world/world';
import { median } from './support/stats';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const line = (name: string, value: number | string, unit: string, goal: string) =>
  process.stdout.write(`${name}: ${typeof value === 'number' ? Math.round(value) : value} ${unit} (goal ${goal})\n`);

// ---- world: real timers, real loopback HTTP, the simulated router with GENA --------------------

type Mode = 'events' | 'polling' | 'none';

async function worldLatencies(mode: Mode, runs: number, watchConfig: Record<string, unknown>): Promise<number[]> {
  const world = await startWorld({ publicIp: '198.51.100.10' });
  const events = await startIgdEvents({ world, eventing: mode === 'events' });
  const sim = await startIgdSim({ world, location: events.location });
  events.attach(sim);
  const port = await closedPort();
  const config = parseConfig(
    world.config({
      discovery:
        mode === 'none'
          ? { ssdpAddress: '127.0.0.1', ssdpPort: port, allowLoopbackDevices: true, timeoutMs: 300 }
          : { ...sim.discovery(), timeoutMs: 1500 },
      watch: { coalesceMs: 0, echoUrgentGapMs: 0, ...watchConfig },
    } as Parameters<typeof world.config>[0]),
  );
  const services = createServices(config, (input, init) => fetch(input, init));
  const session = watchSessionFor(services, { history: createHistoryStore({ file: null, size: 50 }), targets: [] });
  let last: ((c: IpChange) => void) | null = null;
  session.on('ipChanged', (c) => last?.(c));
  const latencies: number[] = [];
  try {
    await session.start();
    const deadline = Date.now() + 10_000;
    while ((session.state().routerMode !== mode || !session.state().current.v4) && Date.now() < deadline)
      await sleep(20);
    await sleep(300);
    for (let i = 0; i < runs; i++) {
      // A random phase against the poll/echo schedule, as a real change would have.
      const period =
        mode === 'polling' ? config.watch.routerPollMs : mode === 'none' ? config.watch.echoIntervalMs : 100;
      await sleep(Math.random() * period);
      const to = `198.51.100.${20 + i}`;
      const seen = new Promise<number>((resolve) => {
        last = (c) => c.to === to && resolve(performance.now());
      });
      const t0 = performance.now();
      if (mode === 'none') world.setPublicIp(to);
      else events.setWanIp(to);
      latencies.push((await seen) - t0);
    }
  } finally {
    await session.stop();
    await sim.close();
    await events.close();
    await world.close();
  }
  return latencies;
}

// ---- lab: the built CLI in the home namespace, the real miniupnpd ------------------------------

async function labLatencies(runs: number): Promise<{ events: number[]; polling: number[] } | string> {
  const skip = labSkipReason();
  if (skip) return skip;
  const lab = await setupLab();
  const result = { events: [] as number[], polling: [] as number[] };
  try {
    for (const mode of ['events', 'polling'] as const) {
      const base = JSON.parse(readFileSync(lab.configFile(), 'utf8')) as Record<string, unknown>;
      const file = join(lab.dir, `watch-${mode}.json`);
      writeFileSync(
        file,
        JSON.stringify({ ...base, watch: { coalesceMs: 0, echoUrgentGapMs: 0, routerEvents: mode === 'events' } }),
      );
      const w = watch(['ip', '--watch', '--json', '--config', file, '--history', join(lab.dir, `h-${mode}.json`)], {
        prefix: ['ip', 'netns', 'exec', lab.ns.home],
        env: { ACCESS_DOCTOR_LAB_NETS: LAB_NETS },
      });
      try {
        await w.waitFor(/"type":"current"/, 20_000);
        const deadline = Date.now() + 15_000;
        while (!w.stderr.join('').includes(mode === 'events' ? 'router events' : 'router polling')) {
          if (Date.now() > deadline) throw new Error(`lab watch did not reach ${mode}: ${w.stderr.join('')}`);
          await sleep(25);
        }
        await sleep(500);
        for (let i = 0; i < runs; i++) {
          await sleep(mode === 'polling' ? Math.random() * 2000 : 200);
          const to = `203.0.113.${mode === 'events' ? 10 + i : 40 + i}`;
          const t0 = performance.now();
          lab.setWanAddress(to);
          const { at: seen } = await w.waitFor(
            new RegExp(`"type":"ipChanged".*"to":"${to.replaceAll('.', '\\.')}"`),
            15_000,
          );
          result[mode].push(seen - t0);
          await sleep(400);
        }
      } finally {
        w.child.kill('SIGINT');
        await w.exit;
        lab.setWanAddress(WAN_IP);
      }
    }
  } finally {
    await lab.teardown();
  }
  return result;
}

// ---- idle requests: a simulated clock ---------------------------------------------------------

function virtualTimers(start: number) {
  let now = start;
  let seq = 0;
  const queue = new Map<number, { due: number; fn: () => void }>();
  const timers: Timers = {
    now: () => now,
    setTimeout: (fn, ms) => {
      const id = ++seq;
      queue.set(id, { due: now + Math.max(0, ms), fn });
      return id;
    },
    clearTimeout: (handle: TimerHandle) => void queue.delete(handle as number),
  };
  const drain = async () => {
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
  };
  return {
    timers,
    async runFor(ms: number) {
      const end = now + ms;
      for (;;) {
        await drain();
        let next: [number, { due: number; fn: () => void }] | undefined;
        for (const entry of queue) if (!next || entry[1].due < next[1].due) next = entry;
        if (!next || next[1].due > end) break;
        queue.delete(next[0]);
        now = next[1].due;
        next[1].fn();
      }
      now = end;
    },
  };
}

async function idleRequestsPerHour(kind: 'healthy' | 'flaky' | 'with-router'): Promise<number> {
  const clock = virtualTimers(Date.UTC(2025, 0, 1));
  const config = parseConfig({
    publicIp: {
      sources: [
        { url: 'http://a.test/cdn-cgi/trace', family: 4 },
        { url: 'http://b.test/', format: 'text', family: 4 },
        { url: 'http://c.test/cdn-cgi/trace', family: 6 },
        { url: 'http://d.test/', format: 'text', family: 6 },
      ],
    },
  });
  let requests = 0;
  const askEcho: AskEcho = async (source) => {
    requests += 1;
    if (kind === 'flaky') {
      const r = requests % 5;
      if (r === 1) throw new EchoFailure('bad-status', 'answered HTTP 503');
      if (r === 2) throw new EchoFailure('rate-limited', 'answered HTTP 429', 3_600_000);
      if (r === 3) throw new EchoFailure('bad-answer', 'garbage');
    }
    const v6 = source.url.startsWith('http://c') || source.url.startsWith('http://d');
    return { ip: v6 ? '2001:db8::1' : '198.51.100.1', family: v6 ? 6 : 4, source: source.url };
  };
  const router: RouterAccess = { readExternalIp: async () => '198.51.100.1' };
  const monitor = createIpMonitor({
    config,
    askEcho,
    history: createHistoryStore({ file: null, size: 50 }),
    findRouter: kind === 'with-router' ? async () => router : undefined,
    timers: clock.timers,
  });
  await monitor.start();
  await clock.runFor(3_600_000); // start-up is not idle
  const before = requests;
  await clock.runFor(24 * 3_600_000);
  await monitor.stop();
  return (requests - before) / 24;
}

// ---- run ----------------------------------------------------------------------------------------

const labResult = await labLatencies(7);
if (typeof labResult === 'string') {
  process.stdout.write(`lab: skipped (${labResult}); latencies below are from the loopback world only\n`);
} else {
  line('watch.lab.latency.router-events.median', median(labResult.events), 'ms', '≤ 1000 ms, real miniupnpd GENA');
  line('watch.lab.latency.router-polling.median', median(labResult.polling), 'ms', '≤ 2000 ms, poll every 2 s');
}
const events = await worldLatencies('events', 11, {});
line('watch.world.latency.router-events.median', median(events), 'ms', '≤ 1000 ms');
const polling = await worldLatencies('polling', 7, {});
line('watch.world.latency.router-polling.median', median(polling), 'ms', '≤ 2000 ms, poll every 2 s');
const echoMs = 2000;
const none = await worldLatencies('none', 7, { echoIntervalMs: echoMs });
line(
  'watch.world.latency.no-router.median',
  median(none),
  'ms',
  `≤ 1 interval + 1 s = ${echoMs + 1000} ms, interval scaled to ${echoMs} ms`,
);
line('watch.world.latency.no-router.max', Math.max(...none), 'ms', `≤ ${echoMs + 1000} ms`);
line('watch.idle.requests-per-hour.healthy-v4-v6', await idleRequestsPerHour('healthy'), 'requests/h', '≤ 12');
line('watch.idle.requests-per-hour.router-agrees', await idleRequestsPerHour('with-router'), 'requests/h', '≤ 12');
line('watch.idle.requests-per-hour.flaky-sources', await idleRequestsPerHour('flaky'), 'requests/h', '≤ 12');
