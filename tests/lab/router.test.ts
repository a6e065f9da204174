/**
 * The router feature against the real miniupnpd behind real NAT (see lab.ts). Linux + root only; elsewhere
 * the suite skips and says why.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PowerCycleResult, ReconnectResult, RouterStatus } from '../../shared/model';
import { natUpnpNodePath } from '../support/nat-upnp';
import {
  HOSTILE_TARGET_IP,
  INTERNET_IP,
  type Lab,
  labSkipReason,
  MINIUPNPD_PORT,
  ROUTER_LAN_IP,
  setupLab,
  WAN_IP,
} from './lab';

const skip = labSkipReason();
if (skip) console.log(`[lab] router tests skipped: ${skip}`);

async function waitFor(what: string, check: () => boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.skipIf(skip !== null)('router against miniupnpd in network namespaces', () => {
  let lab: Lab;
  let config: string;
  beforeAll(async () => {
    lab = await setupLab();
    config = lab.configFile();
  });
  afterAll(async () => {
    await lab?.teardown();
  });

  it('finds miniupnpd over real multicast and reads its WAN address; upnpc -i -s agrees', async () => {
    const run = await lab.cli(['router', 'status', '--json', '--config', config]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const status = JSON.parse(run.stdout) as RouterStatus;
    expect(status).toMatchObject({
      ok: true,
      router: {
        externalIp: WAN_IP,
        publicIp: WAN_IP,
        connectionStatus: 'Connected',
        connectionType: 'IP_Routed',
        natWarning: null,
        gateway: {
          address: ROUTER_LAN_IP,
          isDefaultGateway: true,
          location: `http://${ROUTER_LAN_IP}:${MINIUPNPD_PORT}/rootDesc.xml`,
          connectionService: 'urn:schemas-upnp-org:service:WANIPConnection:2',
          friendlyName: 'Lab Router',
        },
      },
    });
    if (!status.ok) throw new Error('unreachable');
    expect(status.router.gateway.server).toMatch(/MiniUPnPd\/2\./);
    expect(status.router.gateway.foundAfterMs).toBeLessThan(1000);

    const upnpc = await lab.run(lab.ns.home, 'upnpc', ['-i', '-s']);
    expect(upnpc.stdout).toContain(`ExternalIPAddress = ${status.router.externalIp}`);
    expect(upnpc.stdout).toContain(`desc: ${status.router.gateway.location}`);
    // The echo host in the lab's internet saw the same translated address.
    expect(lab.internet.lines).toContain(`ECHO ${WAN_IP}`);
  });

  it('router reset gets the real 606, says remote reconnect is not allowed, and offers the guided path', async () => {
    const json = await lab.cli(['router', 'reset', '--yes', '--json', '--config', config]);
    expect(json.code).toBe(4);
    const result = JSON.parse(json.stdout) as ReconnectResult;
    expect(result).toMatchObject({ outcome: 'not-allowed', upnpCode: 606, oldIp: WAN_IP, error: { code: 'upnp-606' } });
    if (result.outcome === 'reconnected') throw new Error('unreachable');
    expect(result.guide.steps.length).toBeGreaterThanOrEqual(3);

    const text = await lab.cli(['router', 'reset', '--yes', '--config', config]);
    expect(text.code).toBe(4);
    expect(text.stdout).toMatch(/does not allow a remote reconnect/);
    expect(text.stdout).toMatch(/UPnP error 606 "Action not authorized"/);
    expect(text.stdout).toContain('access-doctor router power-cycle');
  });

  it('ignores a hostile responder whose LOCATION points at other hosts: they see zero requests', async () => {
    const hostile = await lab.startHostile([
      `http://${HOSTILE_TARGET_IP}:8081/rootDesc.xml`,
      `http://${INTERNET_IP}:8081/rootDesc.xml`,
    ]);
    try {
      const run = await lab.cli(['router', 'status', '--json', '--config', config]);
      expect(run.code).toBe(0);
      const status = JSON.parse(run.stdout) as RouterStatus;
      expect(status).toMatchObject({ ok: true, router: { gateway: { address: ROUTER_LAN_IP } } });
      // It did answer our searches, and neither host it named was contacted.
      expect(hostile.lines.some((l) => l.startsWith('SEARCH 192.168.77.10 '))).toBe(true);
      await new Promise((r) => setTimeout(r, 300));
      expect(hostile.lines.filter((l) => l.startsWith('HIT'))).toEqual([]);
      expect(lab.internet.lines.filter((l) => l.startsWith('HIT'))).toEqual([]);
    } finally {
      await hostile.stop();
    }
  });

  it('the guided power-cycle watcher reports the new public IP the echo host sees after a WAN change', async () => {
    const echoesBefore = lab.internet.lines.filter((l) => l === `ECHO ${WAN_IP}`).length;
    const watching = lab.cli(['router', 'power-cycle', '--json', '--config', config]);
    // Once the watcher has read the current address, the "ISP" hands the router a new one.
    await waitFor(
      'the watcher to read the old IP',
      () => lab.internet.lines.filter((l) => l === `ECHO ${WAN_IP}`).length > echoesBefore,
    );
    lab.setWanAddress('203.0.113.3');
    try {
      const run = await watching;
      expect(run.stderr).toMatch(/Unplug the router now/);
      const result = JSON.parse(run.stdout) as PowerCycleResult;
      expect(result).toMatchObject({ outcome: 'ip-changed', oldIp: WAN_IP, newIp: '203.0.113.3' });
      expect(run.code).toBe(0);
      expect(lab.internet.lines).toContain('ECHO 203.0.113.3');

      // miniupnpd follows too (through STUN), within a few polls.
      let seen: string | null = null;
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline && seen !== '203.0.113.3') {
        const status = JSON.parse(
          (await lab.cli(['router', 'status', '--json', '--config', config])).stdout,
        ) as RouterStatus;
        seen = status.ok ? status.router.externalIp : null;
      }
      expect(seen).toBe('203.0.113.3');
    } finally {
      lab.setWanAddress(WAN_IP);
    }
  });

  it('nat-upnp (baseline) cannot use the IGD:2 description; with IGD:1 it reads the same WAN address as ours', async (ctx) => {
    // nat-upnp is no dependency (known-vulnerable tree): installed on demand outside node_modules.
    const nat = natUpnpNodePath();
    if (!nat.ok) {
      console.log(`[lab] nat-upnp cross-check skipped: ${nat.reason}`);
      ctx.skip();
      return;
    }
    const natUpnp = `
      const client = require('nat-upnp').createClient();
      client.externalIp((err, ip) => { process.stdout.write(JSON.stringify({ err: err && err.message, ip })); client.close(); process.exit(0); });`;
    const env = { NODE_PATH: nat.nodePath };
    const v2 = await lab.run(lab.ns.home, process.execPath, ['-e', natUpnp], { env });
    expect(JSON.parse(v2.stdout)).toMatchObject({ err: 'Service not found' });

    await lab.restartMiniupnpd('force_igd_desc_v1=yes');
    const v1 = await lab.run(lab.ns.home, process.execPath, ['-e', natUpnp], { env });
    const ours = JSON.parse((await lab.cli(['router', 'status', '--json', '--config', config])).stdout) as RouterStatus;
    expect(ours).toMatchObject({
      ok: true,
      router: { gateway: { connectionService: 'urn:schemas-upnp-org:service:WANIPConnection:1' } },
    });
    if (!ours.ok) throw new Error('unreachable');
    expect(JSON.parse(v1.stdout)).toEqual({ err: null, ip: ours.router.externalIp });
    expect(ours.router.externalIp).toMatch(/^203\.0\.113\.\d+$/);
  });
});
