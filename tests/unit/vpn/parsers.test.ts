/** The parsers against recorded outputs (tests/fixtures/vpn/README.md says which are captured, which reconstructed). */
import { describe, expect, it } from 'vitest';
import {
  parseFindNetRoute,
  parseIfconfigList,
  parseIpLink,
  parseIpRouteGet,
  parseNetAdapters,
  parseNmcliActive,
  parseRasdial,
  parseRouteGet,
  parseScutilNcList,
  splitTerse,
  tunnelByName,
} from '../../../electron/services/vpn/parse';
import { fixture } from '../fixtures';

describe('Linux (captured)', () => {
  it('ip -j route get: the interface and table the kernel picks', () => {
    expect(parseIpRouteGet(fixture('vpn', 'linux-route-get-plain.json'))).toEqual({
      interface: 'eth0',
      gateway: '192.0.2.1',
      table: null,
    });
    expect(parseIpRouteGet(fixture('vpn', 'linux-route-get-openvpn.json'))).toEqual({
      interface: 'tun0',
      gateway: null,
      table: null,
    });
    expect(parseIpRouteGet(fixture('vpn', 'linux-route-get-wg-quick.json'))).toEqual({
      interface: 'wg0',
      gateway: null,
      table: '51820',
    });
  });

  it('ip -j -d link: tunnels by kernel kind, tap told apart from tun, the veth pair and lo left out', () => {
    expect(parseIpLink(fixture('vpn', 'linux-link.json'))).toEqual([
      { name: 'tun0', kind: 'tun', client: null },
      { name: 'wg0', kind: 'tun', client: null },
      { name: 'tap0', kind: 'tap', client: null },
    ]);
  });

  it('refuses what is not the tool’s output', () => {
    for (const bad of [
      '',
      'null',
      '{}',
      '[{}]',
      '[{"dev":5}]',
      'RTNETLINK answers: Network is unreachable',
      `[${'['.repeat(100_000)}`,
    ]) {
      expect(parseIpRouteGet(bad)).toBeNull();
    }
    expect(parseIpLink('x'.repeat(600_000))).toEqual([]);
    expect(parseIpLink('[{"ifname":"wg-x","linkinfo":{"info_kind":"wireguard"}},{"ifname":"eth0"},7]')).toEqual([
      { name: 'wg-x', kind: 'wireguard', client: null },
    ]);
  });
});

describe('hostile output', () => {
  it('stays linear on large or odd input', () => {
    const start = performance.now();
    expect(parseNmcliActive('\\'.repeat(400_000))).toEqual([]);
    expect(parseNmcliActive(`x:y:vpn:${'\\:'.repeat(100_000)}\n`)).toEqual([]);
    expect(parseRouteGet(`${'interface'.repeat(50_000)}:`)).toBeNull();
    expect(parseScutilNcList(`* (Connected) "${'"'.repeat(200_000)}`)).toEqual([]);
    expect(parseRasdial(`Connected to\n${'x\n'.repeat(200_000)}`)).toHaveLength(32);
    expect(performance.now() - start).toBeLessThan(2000);
  });
});

describe('names VPN clients use', () => {
  it('knows the clients’ interface names and leaves ordinary ones alone', () => {
    expect(tunnelByName('CloudflareWARP')).toEqual({ kind: 'wireguard', client: 'Cloudflare WARP' });
    expect(tunnelByName('tailscale0')?.client).toBe('Tailscale');
    expect(tunnelByName('NordLynx')?.client).toBe('NordVPN');
    expect(tunnelByName('proton0')?.client).toBe('Proton VPN');
    expect(tunnelByName('zt5u4y6abc')?.client).toBe('ZeroTier');
    expect(tunnelByName('ppp0')?.kind).toBe('ppp');
    expect(tunnelByName('ipsec0')?.kind).toBe('ipsec');
    expect(tunnelByName('Ethernet 3', 'Wintun Userspace Tunnel')?.kind).toBe('tun');
    for (const plain of ['eth0', 'en0', 'wlan0', 'Wi-Fi', 'enp3s0', 'lo', 'docker0'])
      expect(tunnelByName(plain)).toBeNull();
  });
});

describe('NetworkManager (reconstructed)', () => {
  it('splits terse lines with escaped colons', () => {
    expect(splitTerse('a\\:b:c\\\\d::e')).toEqual(['a:b', 'c\\d', '', 'e']);
  });

  it('keeps the active VPN, WireGuard and tun connections', () => {
    expect(parseNmcliActive(fixture('vpn', 'nmcli-active.txt'))).toEqual([
      {
        driver: 'networkmanager',
        name: 'Office VPN: Berlin',
        id: '2f6c9a0e-1b2c-4d5e-8f90-a1b2c3d4e5f6',
        device: 'eth0',
      },
      { driver: 'networkmanager', name: 'wg-home', id: '5e8d7c6b-4a39-4281-9706-f5e4d3c2b1a0', device: 'wg-home' },
      { driver: 'networkmanager', name: 'tun0', id: 'c0ffee00-1111-2222-3333-444455556666', device: 'tun0' },
    ]);
    expect(parseNmcliActive('Error: NetworkManager is not running.\n')).toEqual([]);
  });
});

describe('macOS (reconstructed)', () => {
  it('route -n get: the interface and gateway', () => {
    expect(parseRouteGet(fixture('vpn', 'macos-route-get-utun.txt'))).toEqual({
      interface: 'utun4',
      gateway: null,
      table: null,
    });
    expect(parseRouteGet(fixture('vpn', 'macos-route-get-plain.txt'))).toEqual({
      interface: 'en0',
      gateway: '192.168.1.1',
      table: null,
    });
    expect(parseRouteGet('route: writing to routing socket: not in table\n')).toBeNull();
  });

  it('ifconfig -l and scutil --nc list', () => {
    expect(parseIfconfigList(fixture('vpn', 'macos-ifconfig-l.txt')).map((t) => t.name)).toEqual([
      'utun0',
      'utun1',
      'utun2',
      'utun3',
      'utun4',
    ]);
    expect(parseScutilNcList(fixture('vpn', 'macos-scutil-nc-list.txt'))).toEqual([
      { driver: 'scutil', name: 'Home WireGuard', id: 'Home WireGuard', device: null },
    ]);
  });
});

describe('Windows (reconstructed)', () => {
  it('Find-NetRoute: the route’s interface and next hop', () => {
    expect(parseFindNetRoute(fixture('vpn', 'windows-find-netroute-vpn.json'))).toEqual({
      interface: 'ProtonVPN',
      gateway: null,
      table: null,
    });
    expect(parseFindNetRoute(fixture('vpn', 'windows-find-netroute-plain.json'))).toEqual({
      interface: 'Wi-Fi',
      gateway: '192.168.1.1',
      table: null,
    });
    expect(parseFindNetRoute('Find-NetRoute : The remote address is unreachable.')).toBeNull();
  });

  it('Get-NetAdapter and rasdial', () => {
    expect(parseNetAdapters(fixture('vpn', 'windows-netadapter.json'))).toEqual([
      { name: 'ProtonVPN', kind: 'wireguard', client: 'Proton VPN' },
      { name: 'Local Area Connection', kind: 'tap', client: 'OpenVPN' },
    ]);
    expect(parseRasdial(fixture('vpn', 'windows-rasdial.txt'))).toEqual([
      { driver: 'rasdial', name: 'Work VPN', id: 'Work VPN', device: null },
    ]);
    expect(parseRasdial('No connections\r\nCommand completed successfully.\r\n')).toEqual([]);
  });
});
