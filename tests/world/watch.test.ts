/**
 * `access-doctor ip --watch` against the loopback world, as a subprocess of the built CLI: the simulated
 * router changes its WAN IP (by itself, and through a reconnect) and the watch prints the change; a
 * blocked site becomes ok and `--until-unblocked` exits 0.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ConfigInput } from '../../electron/config';
import { CLI } from '../support/paths';
import { closedPort } from '../support/ports';
import { runCli, writeConfig } from '../support/run-cli';
import { startIgdEvents } from './igd-events';
import { type IgdSim, startIgdSim } from './igd-sim';
import { type Watcher, watch } from './watch-cli';
import { startWorld, type World } from './world';

const stopped: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const stop of stopped.splice(0).reverse()) await stop();
});

async function routerWorld(options: { eventing: boolean; blocked?: string[] }) {
  const world = await startWorld({ publicIp: '198.51.100.23', blockedIps: options.blocked ?? [] });
  const events = await startIgdEvents({ world, eventing: options.eventing });
  const sim = await startIgdSim({ world, location: events.location, reconnectDelayMs: 300 });
  events.attach(sim);
  stopped.push(
    () => world.close(),
    () => events.close(),
    () => sim.close(),
  );
  return { world, events, sim };
}

function config(world: World, sim: IgdSim | null, watchOverrides: Record<string, unknown> = {}, port = 0): ConfigInput {
  return world.config({
    discovery: sim
      ? { ...sim.discovery(), timeoutMs: 1500 }
      : { ssdpAddress: '127.0.0.1', ssdpPort: port, allowLoopbackDevices: true, timeoutMs: 300 },
    router: { requestTimeoutMs: 1000 },
    watch: { routerPollMs: 500, coalesceMs: 500, echoUrgentGapMs: 0, ...watchOverrides },
  } as Partial<ConfigInput>);
}

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const historyFile = () => join(mkdtempSync(join(tmpdir(), 'access-doctor-watch-')), 'ip-history.json');

function startWatch(args: string[]): Watcher {
  const w = watch(args);
  stopped.push(async () => {
    if (w.child.exitCode === null) w.child.kill('SIGINT');
    await w.exit;
  });
  return w;
}

describe('access-doctor ip --watch in the world', () => {
  beforeAll(() => {
    // The CLI under test is the built one (`npm run build`); fail clearly when it is missing.
    readFileSync(CLI);
  });

  it('prints the change when the router changes its WAN IP by itself (router events)', async () => {
    const { events, sim, world } = await routerWorld({ eventing: true });
    const history = historyFile();
    const w = startWatch(['ip', '--watch', '--config', writeConfig(config(world, sim)), '--history', history]);
    await w.waitFor(/IPv4 198\.51\.100\.23$/);
    // Settled: subscribed, and the initial event (SEQ 0) has been read and confirmed.
    await until(() => events.subscribers > 0 && /router events/.test(w.stderr.join('')));
    await new Promise((r) => setTimeout(r, 200));
    expect(events.subscribers).toBe(1);

    // Latency goals are measured by `npm run bench`; here: the change arrives, through the router's events.
    events.setWanIp('198.51.100.77');
    const seen = await w.waitFor(/198\.51\.100\.23 → 198\.51\.100\.77/);
    expect(seen.line).toMatch(/IPv4 198\.51\.100\.23 → 198\.51\.100\.77 \(router-event\)$/);
    expect(w.stderr.join('')).toContain('Watching through router events.');

    // Ctrl-C: exits 0, unsubscribes, and the change is in the history file.
    w.child.kill('SIGINT');
    expect(await w.exit).toBe(0);
    expect(events.subscribers).toBe(0);
    const saved = JSON.parse(readFileSync(history, 'utf8')) as { changes: { to: string }[] };
    expect(saved.changes.map((c) => c.to)).toEqual(['198.51.100.77']);
  });

  it('prints the change after `router reset` (reconnect) while the router is only polled', async () => {
    const { sim, world } = await routerWorld({ eventing: false });
    const file = writeConfig(config(world, sim));
    const w = startWatch(['ip', '--watch', '--json', '--config', file, '--history', historyFile()]);
    await w.waitFor(/"type":"current".*"198\.51\.100\.23"/);
    await until(() => /router polling/.test(w.stderr.join('')));

    const reset = await runCli(['router', 'reset', '--yes', '--json', '--config', file]);
    expect(reset.code).toBe(0);
    const seen = await w.waitFor(/"type":"ipChanged"/);
    const change = JSON.parse(seen.line) as { from: string; to: string; source: string; family: number };
    expect(change).toMatchObject({ from: '198.51.100.23', to: '198.51.100.99', family: 4 });
    // No events from this router and no echo interval in reach: only the poll can have seen it.
    expect(change.source).toBe('router-poll');
    expect(w.stderr.join('')).not.toContain('Watching through router events.');
  });

  it('without a router, finds the change through the echo sources', async () => {
    const world = await startWorld({ publicIp: '198.51.100.23' });
    stopped.push(() => world.close());
    const port = await closedPort();
    const w = startWatch([
      'ip',
      '--watch',
      '--config',
      writeConfig(config(world, null, { echoIntervalMs: 1000 }, port)),
      '--history',
      historyFile(),
    ]);
    await w.waitFor(/IPv4 198\.51\.100\.23$/);
    world.setPublicIp('198.51.100.88');
    const seen = await w.waitFor(/→ 198\.51\.100\.88 \(echo\)$/);
    expect(seen.line).toMatch(/IPv4 198\.51\.100\.23 → 198\.51\.100\.88 \(echo\)$/);
    expect(w.stderr.join('')).toContain('Watching through echo sources only.');
  });

  it('--until-unblocked exits 0 once the blocked site answers ok after the IP changes', async () => {
    const { events, sim, world } = await routerWorld({ eventing: true, blocked: ['198.51.100.23'] });
    const w = startWatch([
      'ip',
      '--watch',
      '--until-unblocked',
      '--config',
      writeConfig(config(world, sim)),
      '--history',
      historyFile(),
    ]);
    await w.waitFor(/first check: blocked/);
    // Settled: subscribed, and the initial event (SEQ 0) has been read and confirmed.
    await until(() => events.subscribers > 0 && /router events/.test(w.stderr.join('')));
    await new Promise((r) => setTimeout(r, 200));
    events.setWanIp('198.51.100.99');
    await w.waitFor(/blocked → ok: reachable again/);
    expect(await w.exit).toBe(0);
  });

  it('--until-unblocked exits 2 on Ctrl-C while still blocked; flags without --watch are a usage error', async () => {
    const { world, sim } = await routerWorld({ eventing: true, blocked: ['198.51.100.23'] });
    const file = writeConfig(config(world, sim));
    const w = startWatch(['ip', '--watch', '--until-unblocked', '--config', file, '--history', historyFile()]);
    await w.waitFor(/first check: blocked/);
    w.child.kill('SIGINT');
    expect(await w.exit).toBe(2);
    const usage = await runCli(['ip', '--until-unblocked', '--config', file]);
    expect(usage.code).toBe(64);
  });
});
