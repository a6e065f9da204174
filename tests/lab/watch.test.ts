/**
 * `ip --watch` in the home namespace against the real miniupnpd: the router namespace's WAN address
 * changes (as an ISP's reconnect would) and the watch reports it through GENA events, and through
 * GetExternalIPAddress polling when eventing is off; the echo host in the "internet" sees the new address.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PublicIpResult } from '../../shared/model';
import { type Watcher, watch } from '../world/watch-cli';
import { LAB_NETS, type Lab, labSkipReason, setupLab, WAN_IP } from './lab';

const skip = labSkipReason();
if (skip) process.stdout.write(`[lab] watch tests skipped: ${skip}\n`);

describe.skipIf(skip !== null)('ip --watch against miniupnpd in network namespaces', () => {
  let lab: Lab;
  const running: Watcher[] = [];
  beforeAll(async () => {
    lab = await setupLab();
  });
  afterAll(() => lab?.teardown());
  afterEach(async () => {
    for (const w of running.splice(0)) {
      if (w.child.exitCode === null) w.child.kill('SIGINT');
      await w.exit;
    }
    lab.setWanAddress(WAN_IP);
  });

  function config(watchSection: Record<string, unknown>): string {
    const base = JSON.parse(readFileSync(lab.configFile(), 'utf8')) as Record<string, unknown>;
    const file = join(mkdtempSync(join(lab.dir, 'watch-')), 'config.json');
    writeFileSync(file, JSON.stringify({ ...base, watch: { coalesceMs: 500, echoUrgentGapMs: 0, ...watchSection } }));
    return file;
  }

  function startWatch(configFile: string): Watcher {
    const w = watch(
      ['ip', '--watch', '--json', '--config', configFile, '--history', join(lab.dir, `h-${Date.now()}.json`)],
      {
        prefix: ['ip', 'netns', 'exec', lab.ns.home],
        env: { ACCESS_DOCTOR_LAB_NETS: LAB_NETS },
      },
    );
    running.push(w);
    return w;
  }

  async function until(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  async function changeAndMeasure(w: Watcher, to: string): Promise<{ source: string; latencyMs: number }> {
    const t0 = performance.now();
    lab.setWanAddress(to);
    const seen = await w.waitFor(new RegExp(`"type":"ipChanged".*"to":"${to.replaceAll('.', '\\.')}"`), 15_000);
    const change = JSON.parse(seen.line) as { from: string; to: string; source: string };
    expect(change.from).toBe(WAN_IP);
    return { source: change.source, latencyMs: seen.at - t0 };
  }

  it('reports a WAN address change through GENA events, and the echo host sees it too', async () => {
    const w = startWatch(config({}));
    await w.waitFor(/"type":"current".*"ip":"203\.0\.113\.2"/, 20_000);
    await until(() => /router events/.test(w.stderr.join('')), 'router events');
    await new Promise((r) => setTimeout(r, 500)); // the initial event (SEQ 0) is read and confirmed
    const { source, latencyMs } = await changeAndMeasure(w, '203.0.113.3');
    process.stdout.write(`[lab] GENA: WAN change → ipChanged in ${Math.round(latencyMs)} ms (source ${source})\n`);
    // Latency goals live in `npm run bench` (watch.bench.ts); here: it came through the router's events.
    expect(source).toBe('router-event');

    const ip = await lab.cli(['ip', '--json', '--config', lab.configFile()]);
    expect((JSON.parse(ip.stdout) as PublicIpResult).v4?.ip).toBe('203.0.113.3');
    // No contradicting second change from the echo confirmation.
    await new Promise((r) => setTimeout(r, 1000));
    expect(w.lines.filter((l) => l.includes('"ipChanged"'))).toHaveLength(1);

    w.child.kill('SIGINT');
    expect(await w.exit).toBe(0);
  });

  it('reports it through GetExternalIPAddress polling when eventing is off', async () => {
    const w = startWatch(config({ routerEvents: false, routerPollMs: 1000 }));
    await w.waitFor(/"type":"current".*"ip":"203\.0\.113\.2"/, 20_000);
    await until(() => /router polling/.test(w.stderr.join('')), 'router polling');
    const { source, latencyMs } = await changeAndMeasure(w, '203.0.113.4');
    process.stdout.write(`[lab] polling: WAN change → ipChanged in ${Math.round(latencyMs)} ms (source ${source})\n`);
    expect(source).toBe('router-poll');
  });
});
