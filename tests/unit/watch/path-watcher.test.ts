/** The watch's network-path signals on a fake clock: proxy settings polled, the VPN path re-read on local changes. */
import type { NetworkInterfaceInfo } from 'node:os';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemTimers } from '../../../electron/core/timers';
import { createHttpClient } from '../../../electron/platform/http';
import { report } from '../../../electron/services/proxy/types';
import { createPathWatcher } from '../../../electron/services/watch/path-watcher';
import { createWatchSession } from '../../../electron/services/watch/session';
import type { ProxyStatus, VpnStatus } from '../../../shared/model';
import { memoryHistory, watchConfig } from './helpers';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

const direct: VpnStatus = {
  viaTunnel: false,
  interface: 'eth0',
  gateway: '192.168.1.1',
  table: null,
  tunnels: [],
  connections: [],
};
const tunnel: VpnStatus = {
  ...direct,
  viaTunnel: true,
  interface: 'tun0',
  gateway: null,
  tunnels: [{ name: 'tun0', kind: 'tun', client: null }],
};
const noProxy: ProxyStatus = { system: 'gnome', reports: [report('gnome', 'GNOME settings', {})], failures: [] };
const manual: ProxyStatus = {
  system: 'gnome',
  reports: [
    report('gnome', 'GNOME settings', { mode: 'manual', servers: [{ kind: 'http', host: '10.0.0.1', port: 3128 }] }),
  ],
  failures: [],
};

/** Readers over mutable "machine state", counting their calls. */
function machine() {
  const state = { vpn: direct, proxy: noProxy, proxyError: false };
  const calls = { vpn: 0, proxy: 0 };
  const events = { vpn: [] as VpnStatus[], proxy: [] as ProxyStatus[], problems: [] as string[] };
  const watcher = createPathWatcher({
    readVpn: async () => {
      calls.vpn += 1;
      return state.vpn;
    },
    readProxy: async () => {
      calls.proxy += 1;
      if (state.proxyError) throw new Error('gsettings did not answer');
      return state.proxy;
    },
    intervalMs: 3000,
    timers: systemTimers,
    onVpnChanged: (s) => events.vpn.push(s),
    onProxyChanged: (s) => events.proxy.push(s),
    onProblem: (m) => events.problems.push(m),
  });
  return { state, calls, events, watcher };
}

describe('path watcher', () => {
  it('tells a proxy change once, at the next poll, and nothing while the settings stay', async () => {
    const m = machine();
    await m.watcher.start();
    expect(m.events.proxy).toEqual([]);
    await vi.advanceTimersByTimeAsync(9000);
    expect(m.events.proxy).toEqual([]);
    expect(m.calls.proxy).toBe(4); // the baseline + one read per 3 s
    m.state.proxy = manual;
    await vi.advanceTimersByTimeAsync(3000);
    expect(m.events.proxy).toEqual([manual]);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(m.events.proxy).toHaveLength(1);
    m.state.proxy = noProxy;
    await vi.advanceTimersByTimeAsync(3000);
    expect(m.events.proxy).toEqual([manual, noProxy]);
    m.watcher.stop();
  });

  it('reads the VPN path only after a local change, and tells only a real difference', async () => {
    const m = machine();
    await m.watcher.start();
    m.state.vpn = tunnel;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(m.calls.vpn).toBe(1);
    expect(m.events.vpn).toEqual([]);
    m.watcher.localChanged();
    await vi.advanceTimersByTimeAsync(0);
    expect(m.events.vpn).toEqual([tunnel]);
    m.watcher.localChanged(); // e.g. an address churned, the path did not move
    await vi.advanceTimersByTimeAsync(0);
    expect(m.calls.vpn).toBe(3);
    expect(m.events.vpn).toHaveLength(1);
    m.watcher.stop();
  });

  it('never runs two VPN readings at once: changes during one ask for one more', async () => {
    let release: (() => void) | undefined;
    let reads = 0;
    const seen: VpnStatus[] = [];
    let current = direct;
    const watcher = createPathWatcher({
      readVpn: () => {
        reads += 1;
        const value = current;
        return reads === 1 ? Promise.resolve(value) : new Promise((resolve) => (release = () => resolve(value)));
      },
      intervalMs: 3000,
      timers: systemTimers,
      onVpnChanged: (s) => seen.push(s),
      onProxyChanged: () => undefined,
    });
    await watcher.start();
    current = tunnel;
    watcher.localChanged();
    watcher.localChanged();
    watcher.localChanged();
    expect(reads).toBe(2);
    release?.();
    await vi.advanceTimersByTimeAsync(0);
    expect(reads).toBe(3);
    release?.();
    await vi.advanceTimersByTimeAsync(0);
    expect(reads).toBe(3);
    expect(seen).toEqual([tunnel]);
    watcher.stop();
  });

  it('a failed reading is reported and keeps the last fingerprint; stop leaves no timer and no late event', async () => {
    const m = machine();
    await m.watcher.start();
    m.state.proxyError = true;
    await vi.advanceTimersByTimeAsync(3000);
    expect(m.events.problems).toEqual(['Network path check failed: gsettings did not answer']);
    m.state.proxyError = false;
    await vi.advanceTimersByTimeAsync(3000);
    expect(m.events.proxy).toEqual([]);
    expect(m.watcher.timerCount).toBe(1);
    m.watcher.stop();
    expect(m.watcher.timerCount).toBe(0);
    m.state.proxy = manual;
    m.watcher.localChanged();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(m.events.proxy).toEqual([]);
    expect(m.events.vpn).toEqual([]);
  });
});

describe('watch session', () => {
  const iface = (address: string): NetworkInterfaceInfo =>
    ({ address, family: 'IPv4', internal: false, netmask: '255.0.0.0', mac: '00:00:00:00:00:00', cidr: null }) as never;

  it('a tunnel coming up (a new interface) brings vpnChanged; a proxy setting, proxyChanged', async () => {
    let interfaces: Record<string, NetworkInterfaceInfo[]> = { eth0: [iface('192.168.1.20')] };
    let vpn = direct;
    let proxy = noProxy;
    const session = createWatchSession({
      config: watchConfig({ localPollMs: 3000 }),
      // The echo sources are not the subject here: every ask fails at once.
      http: createHttpClient(async () => {
        throw new TypeError('offline in this test');
      }),
      probe: async () => {
        throw new Error('not used');
      },
      targets: [],
      history: memoryHistory(),
      networkInterfaces: () => interfaces,
      readVpn: async () => vpn,
      readProxy: async () => proxy,
      timers: systemTimers,
      random: () => 0.5,
    });
    const vpnEvents: VpnStatus[] = [];
    const proxyEvents: ProxyStatus[] = [];
    session.on('vpnChanged', (s) => vpnEvents.push(s));
    session.on('proxyChanged', (s) => proxyEvents.push(s));
    await session.start();
    vpn = tunnel;
    interfaces = { ...interfaces, tun0: [iface('10.8.0.2')] };
    await vi.advanceTimersByTimeAsync(3000);
    expect(vpnEvents).toEqual([tunnel]);
    proxy = manual;
    await vi.advanceTimersByTimeAsync(3000);
    expect(proxyEvents).toEqual([manual]);
    await session.stop();
  });
});
