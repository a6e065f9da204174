/** Detection, disconnect and reconnect over a replayed machine; the journal is real, in a temp folder. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createJournal } from '../../../electron/services/journal';
import { createVpnService, readVpnStatus } from '../../../electron/services/vpn';
import { vpnCapability } from '../../../electron/services/vpn/capability';
import { connectionFromRecord } from '../../../electron/services/vpn/service';
import { followsSentenceRule } from '../../../shared/text';
import { fixture } from '../fixtures';
import { fakeMachine } from './machine';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function journalWith(service: ReturnType<typeof createVpnService>) {
  const dir = mkdtempSync(join(tmpdir(), 'ad-vpn-'));
  dirs.push(dir);
  return createJournal({ dir, restorers: vpnCapability(service, 'linux').restorers });
}

describe('readVpnStatus', () => {
  it('reads the route for an injected address, never a hard-coded one', async () => {
    const m = fakeMachine();
    const calls: string[] = [];
    await readVpnStatus({
      platform: 'linux',
      run: async (file, args, o) => {
        calls.push([file, ...args].join(' '));
        return m.run(file, args, o);
      },
      routeTarget: '192.0.2.77',
    });
    expect(calls).toContain('ip -j route get 192.0.2.77');
  });

  it('refuses a route target that is not an IP literal (it goes into a command line)', async () => {
    const s = await readVpnStatus({ platform: 'win32', run: fakeMachine().run, routeTarget: "1.1.1.1'; rm -rf /" });
    expect(s.viaTunnel).toBeNull();
    expect(s.error?.code).toBe('vpn-bad-target');
  });

  it('OpenVPN split routes via tun0: through a tunnel', async () => {
    const s = await readVpnStatus({ platform: 'linux', run: fakeMachine({ nmcli: null }).run });
    expect(s).toMatchObject({ viaTunnel: true, interface: 'tun0', table: null });
    // wg0 is up but does not carry the traffic: wg-quick could take it down, it is not the one to drop.
    expect(s.connections).toEqual([{ driver: 'wg-quick', name: 'wg0', id: 'wg0', device: 'wg0' }]);
    expect(s.tunnels.map((t) => t.name)).toEqual(['tun0', 'wg0', 'tap0']);
  });

  it('wg-quick policy routing: wg0 from table 51820, which wg-quick can take down', async () => {
    const s = await readVpnStatus({
      platform: 'linux',
      run: fakeMachine({ connectedRoute: 'linux-route-get-wg-quick.json', nmcli: null }).run,
    });
    expect(s).toMatchObject({ viaTunnel: true, interface: 'wg0', table: '51820' });
  });

  it('no route tool, no answer: cannot tell, in a sentence', async () => {
    const s = await readVpnStatus({
      platform: 'linux',
      run: async () => ({ code: 2, stdout: '', stderr: 'RTNETLINK answers: Network is unreachable\n' }),
    });
    expect(s.viaTunnel).toBeNull();
    expect(followsSentenceRule(s.error?.message ?? '')).toBe(true);
  });

  it('macOS and Windows from their recordings', async () => {
    const mac = await readVpnStatus({
      platform: 'darwin',
      run: async (file) => {
        if (file === 'route') return { code: 0, stdout: fixture('vpn', 'macos-route-get-utun.txt'), stderr: '' };
        if (file === 'ifconfig') return { code: 0, stdout: fixture('vpn', 'macos-ifconfig-l.txt'), stderr: '' };
        return { code: 0, stdout: fixture('vpn', 'macos-scutil-nc-list.txt'), stderr: '' };
      },
    });
    expect(mac).toMatchObject({ viaTunnel: true, interface: 'utun4' });
    expect(mac.connections.map((c) => c.name)).toEqual(['Home WireGuard']);
    const win = await readVpnStatus({
      platform: 'win32',
      run: async (file, args) => {
        const cmd = args.join(' ');
        if (cmd.includes('Find-NetRoute'))
          return { code: 0, stdout: fixture('vpn', 'windows-find-netroute-plain.json'), stderr: '' };
        if (cmd.includes('Get-NetAdapter'))
          return { code: 0, stdout: fixture('vpn', 'windows-netadapter.json'), stderr: '' };
        if (file === 'rasdial') return { code: 0, stdout: fixture('vpn', 'windows-rasdial.txt'), stderr: '' };
        return { code: 1, stdout: '', stderr: '' };
      },
    });
    expect(win).toMatchObject({ viaTunnel: false, interface: 'Wi-Fi', gateway: '192.168.1.1' });
  });
});

describe('disconnect and reconnect', () => {
  it('NetworkManager: records the connection, takes it down, says the path changed; reconnect is one call', async () => {
    const m = fakeMachine({ nmcli: 'tun0:c0ffee00-1111-2222-3333-444455556666:tun:tun0:activated\n' });
    const service = createVpnService({ platform: 'linux', run: m.run });
    const journal = journalWith(service);
    const r = await service.disconnect({ journal });
    expect(r).toMatchObject({ outcome: 'done', before: 'tun0', after: 'eth0', pathChanged: true });
    expect(m.calls).toContain('nmcli -w 10 connection down uuid c0ffee00-1111-2222-3333-444455556666');
    expect(followsSentenceRule(r.message)).toBe(true);
    const entry = await journal.get(r.backupId ?? '');
    expect(entry).toMatchObject({ kind: 'vpn-connection', state: 'applied' });
    expect(entry.settings).toMatchObject({ driver: 'networkmanager', device: 'tun0' });

    const back = await service.reconnect({ journal });
    expect(back).toMatchObject({ outcome: 'done', before: 'eth0', after: 'tun0', pathChanged: true });
    expect(m.calls).toContain('nmcli -w 45 connection up uuid c0ffee00-1111-2222-3333-444455556666');
    expect(await service.reconnect({ journal })).toMatchObject({ outcome: 'nothing-to-do' });
  });

  it('wg-quick without NetworkManager: wg-quick down wg0; the restorer skips an interface already up', async () => {
    const m = fakeMachine({ connectedRoute: 'linux-route-get-wg-quick.json', nmcli: null });
    const service = createVpnService({ platform: 'linux', run: m.run });
    const journal = journalWith(service);
    const r = await service.disconnect({ journal });
    expect(r).toMatchObject({ outcome: 'done', connection: { driver: 'wg-quick', id: 'wg0' }, after: 'eth0' });
    m.state.connected = true;
    await service.restore({ driver: 'wg-quick', name: 'wg0', id: 'wg0', device: 'wg0' });
    expect(m.calls.filter((c) => c.startsWith('wg-quick up'))).toEqual([]);
  });

  it('nmcli’s wait running out does not hide a disconnect that happened', async () => {
    const m = fakeMachine({ slowDown: true, nmcli: 'tun0:c0ffee00-1111-2222-3333-444455556666:tun:tun0:activated\n' });
    const service = createVpnService({ platform: 'linux', run: m.run });
    expect(await service.disconnect({ journal: journalWith(service) })).toMatchObject({
      outcome: 'done',
      after: 'eth0',
    });
  });

  it('a refused disconnect is reported, and the record is marked failed', async () => {
    const m = fakeMachine({ failDown: true, nmcli: 'tun0:c0ffee00-1111-2222-3333-444455556666:tun:tun0:activated\n' });
    const service = createVpnService({ platform: 'linux', run: m.run });
    const journal = journalWith(service);
    const r = await service.disconnect({ journal });
    expect(r.outcome).toBe('failed');
    expect(followsSentenceRule(r.message)).toBe(true);
    expect((await journal.list()).entries[0]?.state).toBe('failed');
  });

  it('no program can do it: exact instructions, nothing run', async () => {
    const m = fakeMachine({ nmcli: null });
    const service = createVpnService({ platform: 'linux', run: m.run });
    const r = await service.disconnect({ journal: journalWith(service) });
    expect(r.outcome).toBe('by-hand');
    expect(r.message).toContain('OpenVPN');
    expect(followsSentenceRule(r.message)).toBe(true);
    expect(m.calls.some((c) => c.includes('down'))).toBe(false);
  });

  it('a name that is not active, no VPN at all, and no journal', async () => {
    const m = fakeMachine();
    const service = createVpnService({ platform: 'linux', run: m.run });
    expect(await service.disconnect({ name: 'Nope', journal: journalWith(service) })).toMatchObject({
      outcome: 'nothing-to-do',
    });
    await expect(service.disconnect({ journal: undefined })).rejects.toMatchObject({ code: 'journal-unavailable' });
    m.state.connected = false;
    expect(await service.disconnect({ journal: journalWith(service) })).toMatchObject({ outcome: 'nothing-to-do' });
  });

  it('a damaged record is refused rather than run', () => {
    expect(() => connectionFromRecord({ driver: 'sh', name: 'x', id: 'x', device: null })).toThrow();
    expect(() => connectionFromRecord({ driver: 'wg-quick', name: 'x', id: '--help', device: null })).toThrow();
  });
});

describe('argument safety', () => {
  it('never passes a name that starts like an option to a tool', async () => {
    const calls: string[] = [];
    const { runDriver } = await import('../../../electron/services/vpn/drivers');
    const run = async (file: string, args: readonly string[]) => {
      calls.push([file, ...args].join(' '));
      return { code: 0, stdout: '', stderr: '' };
    };
    await expect(runDriver(run, { driver: 'scutil', name: '-x', id: '-x', device: null }, 'down')).rejects.toThrow();
    expect(calls).toEqual([]);
  });
});
