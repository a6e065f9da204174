/**
 * Router benchmark (`npx tsx tests/bench/router.bench.ts`, or `npm run bench`):
 * - lab (Linux + root): time to the first gateway over real multicast for our discovery, `upnpc -i -s`
 *   (miniupnpc's reference client, default 2 s window) and nat-upnp's findGateway, median of several runs,
 *   all in the same home namespace against the same miniupnpd (goal: ours ≥ 10× faster than upnpc, never
 *   slower than nat-upnp). nat-upnp is no dependency of the project (it pulls request, xml2js 0.1 and ip,
 *   each with a published CVE): tests/support/nat-upnp.ts installs it on demand into a folder of its own,
 *   outside node_modules; when that fails, the nat-upnp baseline is skipped with the reason printed;
 * - world (loopback): time from reconnect start to "new IP confirmed" against the moment the simulated
 *   router reports Connected (goal: within 500 ms).
 */
import { parseConfig } from '../../electron/config';
import { createServices } from '../../electron/services';
import type { RouterStatus } from '../../shared/model';
import { LAB_NETS, labSkipReason, setupLab } from '../lab/lab';
import { natUpnpNodePath } from '../support/nat-upnp';
import { GUARD } from '../support/paths';
import { startIgdSim } from '../world/igd-sim';
import { startWorld } from '../world/world';
import { median } from './support/stats';

const RUNS = 7;
const line = (name: string, value: number | string, unit: string, goal: string) =>
  process.stdout.write(`${name}: ${typeof value === 'number' ? value.toFixed(1) : value} ${unit} (goal ${goal})\n`);

async function labPart() {
  const skip = labSkipReason();
  if (skip) {
    process.stdout.write(`router lab benchmark skipped: ${skip}\n`);
    return;
  }
  const nat = natUpnpNodePath();
  if (!nat.ok) process.stdout.write(`router.discovery.nat-upnp baseline skipped: ${nat.reason}\n`);
  const lab = await setupLab();
  try {
    const env = { NODE_OPTIONS: `--require ${GUARD}`, ACCESS_DOCTOR_LAB_NETS: LAB_NETS };
    const ours: number[] = [];
    const oursWall: number[] = [];
    const upnpc: number[] = [];
    const natUpnp: number[] = [];
    const natScript = `
      const t0 = performance.now();
      const client = require('nat-upnp').createClient();
      client.findGateway((err) => {
        process.stdout.write(JSON.stringify({ ms: performance.now() - t0, err: err && err.message }));
        client.close();
        process.exit(0);
      });`;
    for (let i = 0; i < RUNS; i++) {
      const run = await lab.cli(['router', 'status', '--json', '--config', lab.configFile()]);
      const status = JSON.parse(run.stdout) as RouterStatus;
      if (!status.ok) throw new Error(`our discovery failed: ${status.error.message}`);
      ours.push(status.router.gateway.foundAfterMs);
      oursWall.push(run.elapsedMs);
      const u = await lab.run(lab.ns.home, 'upnpc', ['-i', '-s']);
      if (!u.stdout.includes('ExternalIPAddress')) throw new Error(`upnpc failed: ${u.stdout}${u.stderr}`);
      upnpc.push(u.elapsedMs);
      if (!nat.ok) continue;
      const n = await lab.run(lab.ns.home, process.execPath, ['-e', natScript], {
        env: { ...env, NODE_PATH: nat.nodePath },
      });
      const parsed = JSON.parse(n.stdout) as { ms: number; err: string | null };
      if (parsed.err) throw new Error(`nat-upnp failed: ${parsed.err}`);
      natUpnp.push(parsed.ms);
    }
    const o = median(ours);
    const u = median(upnpc);
    line('router.discovery.ours (SSDP + validated description, in-process)', o, 'ms', '≤ upnpc/10 and ≤ nat-upnp');
    line(
      'router.discovery.ours.cli-wall (whole `router status` process incl. Node start and 5 SOAP calls)',
      median(oursWall),
      'ms',
      'informational',
    );
    line('router.discovery.upnpc (`upnpc -i -s` process, default 2 s window)', u, 'ms', 'baseline');
    line('router.discovery.speedup-vs-upnpc', u / o, '×', '≥ 10×');
    if (nat.ok) {
      const n = median(natUpnp);
      line('router.discovery.nat-upnp (findGateway: first SSDP answer only, no description)', n, 'ms', 'baseline');
      line('router.discovery.ours-vs-nat-upnp', o - n, 'ms slower (negative = faster)', '≤ 0');
    }
  } finally {
    await lab.teardown();
  }
}

async function worldPart() {
  const world = await startWorld({ publicIp: '198.51.100.23' });
  const deltas: number[] = [];
  const totals: number[] = [];
  const connected: number[] = [];
  try {
    for (let i = 0; i < 5; i++) {
      const sim = await startIgdSim({ world, nextIps: [`198.51.100.${100 + i}`], reconnectDelayMs: 1500 });
      try {
        const services = createServices(parseConfig(world.config({ discovery: sim.discovery() })), (input, init) =>
          fetch(input, init),
        );
        await services.router.discover();
        const t0 = performance.now();
        const result = await services.router.reset({ runId: `bench-${i}` });
        const t1 = performance.now();
        if (result.outcome !== 'reconnected' || !result.ipChanged || sim.state.lastConnectedAt === null) {
          throw new Error(`reconnect did not succeed: ${JSON.stringify(result)}`);
        }
        totals.push(t1 - t0);
        connected.push(sim.state.lastConnectedAt - t0);
        deltas.push(t1 - sim.state.lastConnectedAt);
      } finally {
        await sim.close();
      }
    }
  } finally {
    await world.close();
  }
  line(
    'router.reconnect.router-connected (sim reports Connected after start)',
    median(connected),
    'ms',
    'sim delay 1500 ms',
  );
  line(
    'router.reconnect.new-ip-confirmed (start → new IP confirmed by the echo)',
    median(totals),
    'ms',
    'informational',
  );
  line('router.reconnect.confirm-lag (confirmed − router Connected)', median(deltas), 'ms', '≤ 500 ms');
}

await labPart();
await worldPart();
