/**
 * The real detection code against real kernel routes: in namespaces this test makes, an OpenVPN-style
 * tun0 (0.0.0.0/1 + 128.0.0.0/1), a tun device named wg0 with wg-quick's policy routing (table 51820;
 * kernel WireGuard is not available here) and a plain line. `ip route get` computes the route and sends
 * nothing. Namespaces are `adv-<pid>-…`, apart from the router lab's `adlab-`.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunCommand, runCommand } from '../../electron/platform/exec';
import { createJournal } from '../../electron/services/journal';
import { readVpnStatus } from '../../electron/services/vpn';
import { vpnCapability } from '../../electron/services/vpn/capability';
import { vpnFindings } from '../../electron/services/vpn/findings';
import { createVpnService } from '../../electron/services/vpn/service';
import { CLI, GUARD, ROOT } from '../support/paths';

const PREFIX = `adv-${process.pid}-`;

function skipReason(): string | null {
  if (process.platform !== 'linux') return `the VPN lab needs Linux (this is ${process.platform})`;
  if (process.getuid?.() !== 0) return 'the VPN lab needs root (network namespaces, tun devices)';
  try {
    execFileSync('ip', ['-V'], { stdio: 'ignore' });
  } catch {
    return 'ip (iproute2) is missing';
  }
  return null;
}

const reason = skipReason();
if (reason) console.log(`[lab] skipping the VPN lab: ${reason}`);

const ip = (...args: string[]) => execFileSync('ip', args, { stdio: ['ignore', 'pipe', 'pipe'], timeout: 10_000 });

/** A namespace with an ordinary line: eth0 (one end of a veth pair) and a default route via 192.0.2.1. */
function makeNamespace(suffix: string): string {
  const ns = `${PREFIX}${suffix}`;
  ip('netns', 'add', ns);
  ip('-n', ns, 'link', 'set', 'lo', 'up');
  ip('-n', ns, 'link', 'add', 'eth0', 'type', 'veth', 'peer', 'name', 'eth1');
  ip('-n', ns, 'link', 'set', 'eth1', 'up');
  ip('-n', ns, 'addr', 'add', '192.0.2.10/24', 'dev', 'eth0');
  ip('-n', ns, 'link', 'set', 'eth0', 'up');
  ip('-n', ns, 'route', 'add', 'default', 'via', '192.0.2.1', 'dev', 'eth0');
  return ns;
}

function addTun(ns: string, name: string, address: string) {
  ip('-n', ns, 'tuntap', 'add', 'dev', name, 'mode', 'tun');
  ip('-n', ns, 'addr', 'add', address, 'dev', name);
  ip('-n', ns, 'link', 'set', name, 'up');
}

/** The app's own runCommand, each command run inside the namespace. */
const inNamespace =
  (ns: string): RunCommand =>
  (file, args, options) =>
    runCommand('ip', ['netns', 'exec', ns, file, ...args], options);

function removeOurs(filter: (name: string) => boolean) {
  let names: string[] = [];
  try {
    names = readdirSync('/run/netns');
  } catch {
    return;
  }
  for (const name of names.filter(filter)) {
    try {
      ip('netns', 'del', name);
    } catch {
      // best effort
    }
  }
}

describe.skipIf(reason !== null)('VPN lab: which interface carries traffic', () => {
  const ns = { none: '', openvpn: '', wg: '' };

  beforeAll(() => {
    // Earlier runs whose process is gone leave their namespaces behind.
    removeOurs((n) => {
      const pid = Number(n.startsWith('adv-') ? n.split('-')[1] : Number.NaN);
      if (!pid || pid === process.pid) return false;
      try {
        process.kill(pid, 0);
        return false;
      } catch {
        return true;
      }
    });
    ns.none = makeNamespace('none');
    ns.openvpn = makeNamespace('ovpn');
    addTun(ns.openvpn, 'tun0', '10.8.0.2/24');
    ip('-n', ns.openvpn, 'route', 'add', '0.0.0.0/1', 'dev', 'tun0');
    ip('-n', ns.openvpn, 'route', 'add', '128.0.0.0/1', 'dev', 'tun0');
    ns.wg = makeNamespace('wg');
    addTun(ns.wg, 'wg0', '10.66.0.2/32');
    ip('-n', ns.wg, 'route', 'add', 'default', 'dev', 'wg0', 'table', '51820');
    ip('-n', ns.wg, 'rule', 'add', 'not', 'fwmark', '51820', 'table', '51820');
    ip('-n', ns.wg, 'rule', 'add', 'table', 'main', 'suppress_prefixlength', '0');
  });

  afterAll(() => removeOurs((n) => n.startsWith(PREFIX)));

  it('a plain line: eth0, not a VPN', async () => {
    const s = await readVpnStatus({ platform: 'linux', run: inNamespace(ns.none) });
    expect(s).toMatchObject({ viaTunnel: false, interface: 'eth0', gateway: '192.0.2.1', table: null, tunnels: [] });
    expect(vpnFindings({ vpn: s })).toEqual([]);
  });

  it('OpenVPN split routes: tun0 carries the traffic though the main default still names eth0', async () => {
    const s = await readVpnStatus({ platform: 'linux', run: inNamespace(ns.openvpn) });
    expect(s).toMatchObject({ viaTunnel: true, interface: 'tun0', table: null });
    expect(s.tunnels).toEqual([{ name: 'tun0', kind: 'tun', client: null }]);
    expect(vpnFindings({ vpn: s })[0]?.title).toBe('Your traffic leaves through tun0 (a VPN).');
  });

  it('wg-quick policy routing: wg0 from table 51820, offered to wg-quick', async () => {
    const s = await readVpnStatus({ platform: 'linux', run: inNamespace(ns.wg) });
    expect(s).toMatchObject({ viaTunnel: true, interface: 'wg0', table: '51820' });
    expect(s.connections).toEqual([{ driver: 'wg-quick', name: 'wg0', id: 'wg0', device: 'wg0' }]);
  });

  it('the injected route target is what is asked about', async () => {
    // 10.8.0.0/24 is on tun0's own subnet in the OpenVPN namespace; 192.0.2.0/24 is on eth0's.
    const run = inNamespace(ns.openvpn);
    expect((await readVpnStatus({ platform: 'linux', run, routeTarget: '192.0.2.99' })).interface).toBe('eth0');
    expect((await readVpnStatus({ platform: 'linux', run, routeTarget: '10.8.0.9' })).interface).toBe('tun0');
  });

  it('when the tunnel goes, the path goes back to eth0', async () => {
    const gone = makeNamespace('gone');
    addTun(gone, 'tun0', '10.8.0.2/24');
    ip('-n', gone, 'route', 'add', '0.0.0.0/1', 'dev', 'tun0');
    ip('-n', gone, 'route', 'add', '128.0.0.0/1', 'dev', 'tun0');
    const run = inNamespace(gone);
    expect((await readVpnStatus({ platform: 'linux', run })).interface).toBe('tun0');
    ip('-n', gone, 'link', 'del', 'tun0');
    expect(await readVpnStatus({ platform: 'linux', run })).toMatchObject({ viaTunnel: false, interface: 'eth0' });
  });

  it('access-doctor vpn --json (the built CLI, inside the namespace) prints viaTunnel, interface, tunnels', async () => {
    expect(existsSync(CLI), 'build the CLI first: node scripts/build-node.mjs').toBe(true);
    const home = mkdtempSync(join(tmpdir(), 'adv-cli-'));
    try {
      const r = await runCommand('ip', ['netns', 'exec', ns.wg, process.execPath, CLI, 'vpn', '--json'], {
        env: { ...process.env, NODE_OPTIONS: `--require ${GUARD}`, XDG_CONFIG_HOME: home, HOME: home },
        timeoutMs: 30_000,
      });
      expect(r.code, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout) as Record<string, unknown>;
      expect(out).toMatchObject({ viaTunnel: true, interface: 'wg0', table: '51820', tunnels: [{ name: 'wg0' }] });
      // Without --yes and with no terminal to ask on, a disconnect is refused and nothing runs.
      const d = await runCommand('ip', ['netns', 'exec', ns.wg, process.execPath, CLI, 'vpn', 'disconnect'], {
        env: { ...process.env, NODE_OPTIONS: `--require ${GUARD}`, XDG_CONFIG_HOME: home, HOME: home },
        timeoutMs: 30_000,
      });
      expect(d.code).toBe(64);
      expect(d.stderr).toContain('--yes');
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});

// ---- NetworkManager: the real nmcli against python3-dbusmock's NetworkManager on a private bus --------

const NM_ROOT = '/opt/access-doctor/nm';
const NMCLI = `${NM_ROOT}/usr/bin/nmcli`;
const NM_LIBS = `${NM_ROOT}/usr/lib/x86_64-linux-gnu`;

function nmSkipReason(): string | null {
  if (reason) return reason;
  if (!existsSync(NMCLI)) return `${NMCLI} is missing: run .ci/deps-vpn.sh`;
  try {
    execFileSync('/usr/bin/python3', ['-c', 'import dbusmock'], { stdio: 'ignore' });
    execFileSync('dbus-daemon', ['--version'], { stdio: 'ignore' });
  } catch {
    return 'python3-dbusmock or dbus-daemon is missing: run .ci/deps-vpn.sh';
  }
  return null;
}

const nmReason = nmSkipReason();
if (nmReason && !reason) console.log(`[lab] skipping the NetworkManager part: ${nmReason}`);

/** Starts a process and resolves with its first stdout line. */
function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let buf = '';
    child.stdout?.on('data', (d: Buffer) => {
      buf += d.toString();
      const nl = buf.indexOf('\n');
      if (nl !== -1) resolve(buf.slice(0, nl).trim());
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code} before answering`)));
  });
}

describe.skipIf(nmReason !== null)('VPN lab: NetworkManager through the real nmcli', () => {
  const children: ChildProcess[] = [];
  let env: NodeJS.ProcessEnv = {};
  let ns = '';
  const dir = mkdtempSync(join(tmpdir(), 'adv-nm-'));

  beforeAll(async () => {
    const bus = spawn('dbus-daemon', ['--session', '--nofork', '--print-address=1'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    children.push(bus);
    const address = await firstLine(bus);
    env = { ...process.env, DBUS_SYSTEM_BUS_ADDRESS: address, LD_LIBRARY_PATH: NM_LIBS };
    const mock = spawn('/usr/bin/python3', ['-m', 'dbusmock', '--system', '--template', 'networkmanager'], {
      env,
      stdio: ['ignore', 'ignore', 'ignore'],
    });
    children.push(mock);
    const setup = join(ROOT, 'tests/lab/helpers/nm-mock-setup.py');
    for (let i = 0; ; i++) {
      try {
        execFileSync('/usr/bin/python3', [setup, address], { env, stdio: 'pipe', timeout: 10_000 });
        break;
      } catch (error) {
        if (i > 40) throw error;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    // The route goes through tun0, as NetworkManager's OpenVPN plugin sets it; the plugin names eth0.
    ns = makeNamespace('nm');
    addTun(ns, 'tun0', '10.8.0.2/24');
    ip('-n', ns, 'route', 'add', '0.0.0.0/1', 'dev', 'tun0');
    ip('-n', ns, 'route', 'add', '128.0.0.0/1', 'dev', 'tun0');
  });

  afterAll(() => {
    for (const c of children.reverse()) c.kill('SIGTERM');
    removeOurs((n) => n === ns);
    rmSync(dir, { recursive: true, force: true });
  });

  /** The app's runCommand in the namespace; `nmcli` is the unpacked one, talking to the private bus. */
  const run: RunCommand = (file, args, options) =>
    runCommand('ip', ['netns', 'exec', ns, file === 'nmcli' ? NMCLI : file, ...args], { ...options, env });

  it('lists the active VPN, disconnects it (recorded first) and reconnects it from the record', async () => {
    const status = await readVpnStatus({ platform: 'linux', run });
    expect(status).toMatchObject({ viaTunnel: true, interface: 'tun0' });
    expect(status.connections).toEqual([
      { driver: 'networkmanager', name: 'Office VPN', id: '2f6c9a0e-1b2c-4d5e-8f90-a1b2c3d4e5f6', device: 'eth0' },
    ]);

    const service = createVpnService({ platform: 'linux', run });
    const journal = createJournal({ dir, restorers: vpnCapability(service, 'linux').restorers });
    const down = await service.disconnect({ journal });
    expect(down).toMatchObject({ outcome: 'done', connection: { name: 'Office VPN' } });
    // The mock drops the connection but not the routes: the path is read again and reported unchanged.
    expect(down).toMatchObject({ before: 'tun0', after: 'tun0', pathChanged: false });
    expect(down.message).toBe('Disconnected Office VPN. Traffic still leaves through tun0.');
    expect((await readVpnStatus({ platform: 'linux', run })).connections).toEqual([]);
    expect((await journal.get(down.backupId ?? '')).state).toBe('applied');

    const up = await service.reconnect({ journal });
    expect(up).toMatchObject({ outcome: 'done', connection: { name: 'Office VPN' } });
    expect((await readVpnStatus({ platform: 'linux', run })).connections.map((c) => c.name)).toEqual(['Office VPN']);
    expect((await journal.get(down.backupId ?? '')).state).toBe('restored');
  });
});
