import { describe, expect, it } from 'vitest';
import {
  parseProcNetRoute,
  parseRouteGetDefault,
  parseWindowsRoutePrint,
  readDefaultGateway,
} from '../../../electron/services/router/default-gateway';
import { UpnpSoapError } from '../../../electron/services/router/errors';
import { routerFindings } from '../../../electron/services/router/findings';
import type { IgdClient, StatusInfo } from '../../../electron/services/router/igd';
import { analyzeNat } from '../../../electron/services/router/nat';
import { watchPowerCycle } from '../../../electron/services/router/power-cycle';
import { reconnect } from '../../../electron/services/router/reconnect';
import type { RouterProgress } from '../../../shared/model';
import { fakeClock } from './helpers';

const SERVICES = {
  connection: { serviceType: 'urn:schemas-upnp-org:service:WANIPConnection:1', controlUrl: 'http://192.168.1.1/ctl' },
};

/** A scripted router: `timeline(t)` says what it reports at fake time t (ms since ForceTermination). */
function scriptedIgd(
  clock: { now(): number },
  options: { refuse?: number; timeline: (t: number) => { status: StatusInfo['connectionStatus']; ip: string | null } },
): IgdClient & { calls: string[] } {
  let t0: number | null = null;
  const calls: string[] = [];
  const at = () => options.timeline(t0 === null ? -1 : clock.now() - t0);
  return {
    services: SERVICES,
    calls,
    async getExternalIp() {
      calls.push('GetExternalIPAddress');
      return at().ip;
    },
    async getStatusInfo() {
      calls.push('GetStatusInfo');
      return { connectionStatus: at().status, lastConnectionError: null, uptimeSeconds: 1 };
    },
    async getConnectionTypeInfo() {
      return { connectionType: 'IP_Routed', possibleTypes: ['IP_Routed'] };
    },
    async getCommonLinkProperties() {
      return null;
    },
    async listActions() {
      return ['ForceTermination', 'RequestConnection'];
    },
    async forceTermination() {
      calls.push('ForceTermination');
      if (options.refuse) throw new UpnpSoapError('ForceTermination', options.refuse, 'Action not authorized', 500);
      t0 = clock.now();
    },
    async requestConnection() {
      calls.push('RequestConnection');
    },
  };
}

describe('reconnect', () => {
  const base = { timeoutMs: 60_000, pollMs: 250, unplugSeconds: 30 };

  it('terminates, requests the connection once down, and reports old → new IP with the time it took', async () => {
    const clock = fakeClock();
    const igd = scriptedIgd(clock, {
      timeline: (t) =>
        t < 0
          ? { status: 'Connected', ip: '198.51.100.23' }
          : t < 4000
            ? { status: 'Disconnected', ip: null }
            : { status: 'Connected', ip: '198.51.100.99' },
    });
    const progress: Omit<RouterProgress, 'runId'>[] = [];
    const pending = reconnect(
      { ...base, igd, clock, readPublicIp: async () => (clock.now() >= 4000 ? '198.51.100.99' : '198.51.100.23') },
      { onProgress: (p) => progress.push(p) },
    );
    const result = await pending;
    expect(result).toEqual({
      outcome: 'reconnected',
      oldIp: '198.51.100.23',
      newIp: '198.51.100.99',
      ipChanged: true,
      durationMs: 4000,
      connectedAfterMs: 4000,
      confirmedBy: 'echo',
      natWarning: null,
    });
    expect(igd.calls.filter((c) => c === 'RequestConnection')).toHaveLength(1);
    expect(igd.calls.indexOf('RequestConnection')).toBeGreaterThan(igd.calls.indexOf('ForceTermination'));
    expect(progress.map((p) => p.phase)).toEqual(
      expect.arrayContaining(['reading', 'terminating', 'requesting', 'waiting', 'confirming', 'done']),
    );
    const fractions = progress.flatMap((p) => (p.fraction === undefined ? [] : [p.fraction]));
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
  });

  it('turns 606 into not-allowed with the guided path, without retrying', async () => {
    const clock = fakeClock();
    const igd = scriptedIgd(clock, { refuse: 606, timeline: () => ({ status: 'Connected', ip: '203.0.113.2' }) });
    const result = await reconnect({ ...base, igd, clock });
    expect(result).toMatchObject({
      outcome: 'not-allowed',
      oldIp: '203.0.113.2',
      upnpCode: 606,
      error: { code: 'upnp-606', message: expect.stringMatching(/UPnP error 606 "Action not authorized"/) },
      guide: { unplugSeconds: 30 },
    });
    expect(igd.calls.filter((c) => c === 'ForceTermination')).toHaveLength(1);
    expect(igd.calls).not.toContain('RequestConnection');
  });

  it('reports a failure that is not a refusal as failed, still with the guide', async () => {
    const clock = fakeClock();
    const igd = scriptedIgd(clock, { refuse: 501, timeline: () => ({ status: 'Connected', ip: '203.0.113.2' }) });
    expect(await reconnect({ ...base, igd, clock })).toMatchObject({ outcome: 'failed', upnpCode: 501 });
  });

  it('times out when the link never comes back', async () => {
    const clock = fakeClock();
    const igd = scriptedIgd(clock, {
      timeline: (t) => (t < 0 ? { status: 'Connected', ip: '198.51.100.23' } : { status: 'Connecting', ip: null }),
    });
    const result = await reconnect({ ...base, timeoutMs: 10_000, igd, clock });
    expect(result).toMatchObject({ outcome: 'timeout', error: { code: 'router-reconnect-timeout' } });
  });

  it('says so when the address did not change', async () => {
    const clock = fakeClock();
    const igd = scriptedIgd(clock, {
      timeline: (t) =>
        t >= 0 && t < 1000 ? { status: 'Disconnected', ip: null } : { status: 'Connected', ip: '198.51.100.23' },
    });
    expect(await reconnect({ ...base, igd, clock })).toMatchObject({
      outcome: 'reconnected',
      ipChanged: false,
      confirmedBy: 'router',
    });
  });
});

describe('guided power-cycle watcher', () => {
  const deps = (
    clock: ReturnType<typeof fakeClock>,
    world: (t: number) => { gateway: boolean; ip: string | null },
  ) => ({
    clock,
    pollMs: 1000,
    timeoutMs: 600_000,
    unplugSeconds: 30,
    probeGateway: async () => world(clock.now()).gateway,
    readPublicIp: async () => world(clock.now()).ip,
  });

  it('counts down while the router is unplugged and reports the new IP when it is back', async () => {
    const clock = fakeClock();
    const world = (t: number) =>
      t < 5000
        ? { gateway: true, ip: '198.51.100.23' }
        : t < 50_000
          ? { gateway: false, ip: null }
          : { gateway: true, ip: '198.51.100.77' };
    const progress: Omit<RouterProgress, 'runId'>[] = [];
    const result = await watchPowerCycle(deps(clock, world), { onProgress: (p) => progress.push(p) });
    expect(result).toMatchObject({
      outcome: 'ip-changed',
      oldIp: '198.51.100.23',
      newIp: '198.51.100.77',
      sawDrop: true,
    });
    const countdown = progress.filter((p) => p.phase === 'down').map((p) => p.remainingSeconds);
    expect(countdown[0]).toBe(30);
    expect(countdown.at(-1)).toBe(1);
    expect(progress.some((p) => p.phase === 'plug-in')).toBe(true);
  });

  it('says the IP stayed the same when the provider hands the old one back', async () => {
    const clock = fakeClock();
    const world = (t: number) =>
      t > 3000 && t < 9000 ? { gateway: false, ip: null } : { gateway: true, ip: '198.51.100.23' };
    const result = await watchPowerCycle(deps(clock, world));
    expect(result).toMatchObject({ outcome: 'same-ip', newIp: '198.51.100.23', sawDrop: true });
    expect(result.message).toMatch(/same public IP/);
  });

  it('reads the address again once the router answers, so a reading taken just before it came back is not taken for the same IP', async () => {
    const clock = fakeClock();
    let wan = '198.51.100.23';
    const result = await watchPowerCycle({
      ...deps(clock, () => ({ gateway: true, ip: wan })),
      unplugSeconds: 2,
      probeGateway: async () => {
        const t = clock.now();
        if (t > 3000 && t < 9000) return false;
        // The provider hands out the new address as the router comes up, after this round's address
        // reading has already been answered (both run in parallel).
        if (t >= 9000) await Promise.resolve().then(() => (wan = '198.51.100.77'));
        return true;
      },
      readPublicIp: async () => {
        const seen = wan;
        await Promise.resolve();
        return seen;
      },
    });
    expect(result).toMatchObject({ outcome: 'ip-changed', oldIp: '198.51.100.23', newIp: '198.51.100.77' });
  });

  it('gives up after its timeout, and stops when cancelled', async () => {
    const clock = fakeClock();
    const steady = () => ({ gateway: true, ip: '198.51.100.23' });
    expect(await watchPowerCycle({ ...deps(clock, steady), timeoutMs: 5000 })).toMatchObject({
      outcome: 'timeout',
      sawDrop: false,
    });
    const controller = new AbortController();
    controller.abort();
    expect(
      await watchPowerCycle(deps(fakeClock(), steady), { signal: controller.signal, oldIp: '198.51.100.23' }),
    ).toMatchObject({
      outcome: 'cancelled',
    });
  });
});

describe('double NAT and CGNAT', () => {
  it.each([
    ['100.64.12.1', '198.51.100.5', 'cgnat'],
    ['10.0.0.2', '198.51.100.5', 'double-nat'],
    ['192.168.0.2', null, 'double-nat'],
    ['198.51.100.4', '198.51.100.5', 'mismatch'],
  ])('router %s, outside %s → %s', (router, outside, kind) => {
    expect(analyzeNat(router, outside)?.kind).toBe(kind);
  });

  it('stays quiet when the router’s address is the one sites see, or unknown', () => {
    expect(analyzeNat('198.51.100.5', '198.51.100.5')).toBeNull();
    expect(analyzeNat(null, '198.51.100.5')).toBeNull();
  });

  it('becomes a warning finding next to the router finding', () => {
    const findings = routerFindings(
      {
        ok: true,
        router: {
          gateway: {
            address: '192.168.1.1',
            localAddress: '192.168.1.20',
            location: 'http://192.168.1.1/d.xml',
            connectionService: 'urn:schemas-upnp-org:service:WANIPConnection:1',
            isDefaultGateway: true,
            foundAfterMs: 40,
          },
          externalIp: '100.64.3.4',
          connectionStatus: 'Connected',
          uptimeSeconds: 7200,
          lastConnectionError: null,
          connectionType: 'IP_Routed',
          link: null,
          reconnect: 'offered',
          publicIp: null,
          natWarning: null,
          partialErrors: [],
        },
      },
      '198.51.100.9',
    );
    expect(findings.map((f) => [f.kind, f.severity])).toEqual([
      ['router', 'info'],
      ['router-nat', 'warning'],
    ]);
    expect(findings[0]?.facts).toEqual(
      expect.arrayContaining([{ label: 'Router WAN IP', value: '100.64.3.4', copy: true }]),
    );
    expect(findings[1]?.title).toMatch(/carrier-grade NAT/);
  });

  it('a missing router is information, not a problem', () => {
    const [f] = routerFindings(
      { ok: false, error: { code: 'router-not-found', message: 'No UPnP router answered.' } },
      null,
    );
    expect(f).toMatchObject({ kind: 'router-not-found', severity: 'info' });
  });
});

describe('default gateway', () => {
  it('reads /proc/net/route (lowest metric default wins)', () => {
    const text = `Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT
wlan0\t00000000\t0101A8C0\t0003\t0\t0\t600\t00000000\t0\t0\t0
eth0\t00000000\t014DA8C0\t0003\t0\t0\t100\t00000000\t0\t0\t0
eth0\t004DA8C0\t00000000\t0001\t0\t0\t100\t00FFFFFF\t0\t0\t0
`;
    expect(parseProcNetRoute(text)).toBe('192.168.77.1');
    expect(parseProcNetRoute('Iface\tDestination\n')).toBeNull();
  });

  it('reads macOS route and Windows route print output', () => {
    expect(
      parseRouteGetDefault(
        '   route to: default\ndestination: default\n       mask: default\n    gateway: 192.168.1.254\n  interface: en0\n',
      ),
    ).toBe('192.168.1.254');
    expect(
      parseWindowsRoutePrint(`IPv4 Route Table
===========================================================================
Active Routes:
Network Destination        Netmask          Gateway       Interface  Metric
          0.0.0.0          0.0.0.0      192.168.0.1    192.168.0.23     35
          0.0.0.0          0.0.0.0         10.8.0.1        10.8.0.2    281
`),
    ).toBe('192.168.0.1');
  });

  it('an unreadable route table means unknown, not an error', async () => {
    await expect(
      readDefaultGateway({
        platform: 'linux',
        readFile: async () => {
          throw new Error('EACCES');
        },
        run: async () => ({ code: 0, stdout: '', stderr: '' }),
      }),
    ).resolves.toBeNull();
  });
});
