import type { NetworkInterfaceInfo } from 'node:os';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemTimers } from '../../../electron/core/timers';
import type { RunCommand } from '../../../electron/platform/exec';
import {
  createLocalWatcher,
  type LocalChange,
  parseRouteGet,
  readAddresses,
} from '../../../electron/services/ip/interfaces';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

const iface = (address: string, family: 'IPv4' | 'IPv6' = 'IPv4', internal = false): NetworkInterfaceInfo =>
  ({
    address,
    family,
    internal,
    netmask: '255.255.255.0',
    mac: '00:00:00:00:00:00',
    cidr: `${address}/24`,
  }) as NetworkInterfaceInfo;

describe('local network snapshot', () => {
  it('parses `ip -j route get` (recorded from Debian 12), policy routing included', () => {
    expect(
      parseRouteGet(
        '[{"dst":"1.1.1.1","gateway":"192.168.77.1","dev":"veth-home","prefsrc":"192.168.77.10","flags":[],"uid":0,"cache":[]}]',
      ),
    ).toBe('veth-home via 192.168.77.1 src 192.168.77.10');
    expect(
      parseRouteGet(
        '[{"dst":"1.1.1.1","dev":"wg0","table":"51820","prefsrc":"10.2.0.2","flags":[],"uid":0,"cache":[]}]',
      ),
    ).toBe('wg0 src 10.2.0.2 table 51820');
    expect(parseRouteGet('not json')).toBeNull();
    expect(parseRouteGet('[]')).toBeNull();
  });

  it('lists external addresses only, without IPv6 link-local churn', () => {
    const list = readAddresses(() => ({
      lo: [iface('127.0.0.1', 'IPv4', true)],
      eth0: [iface('192.168.1.20'), iface('fe80::1', 'IPv6'), iface('2001:db8::20', 'IPv6')],
    }));
    expect(list).toEqual(['eth0 IPv4 192.168.1.20', 'eth0 IPv6 2001:db8::20']);
  });

  it('reports an address or default route change once, and stops cleanly', async () => {
    let addresses: Record<string, NetworkInterfaceInfo[]> = { eth0: [iface('192.168.1.20')] };
    let route = '[{"dst":"1.1.1.1","gateway":"192.168.1.1","dev":"eth0","prefsrc":"192.168.1.20"}]';
    const commands: string[][] = [];
    const run: RunCommand = async (file, args) => {
      commands.push([file, ...args]);
      return { code: 0, stdout: route, stderr: '' };
    };
    const changes: LocalChange[] = [];
    const w = createLocalWatcher({
      intervalMs: 3000,
      timers: systemTimers,
      networkInterfaces: () => addresses,
      runCommand: run,
      onChange: (c) => changes.push(c),
    });
    await w.start();
    await vi.advanceTimersByTimeAsync(9000);
    expect(changes).toEqual([]);
    route = '[{"dst":"1.1.1.1","dev":"wg0","table":"51820","prefsrc":"10.2.0.2"}]';
    await vi.advanceTimersByTimeAsync(3000);
    expect(changes).toHaveLength(1);
    expect(changes[0]?.summary).toBe('route: eth0 via 192.168.1.1 src 192.168.1.20 → wg0 src 10.2.0.2 table 51820');
    addresses = {};
    await vi.advanceTimersByTimeAsync(3000);
    expect(changes).toHaveLength(2);
    expect(w.isOffline()).toBe(true);
    expect(commands[0]).toEqual(['ip', '-j', 'route', 'get', '1.1.1.1']);
    w.stop();
    expect(vi.getTimerCount()).toBe(0);
  });
});
