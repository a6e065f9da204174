/**
 * A real LAN in network namespaces: "internet" (203.0.113.1: IP echo, STUN, a counting server), "router"
 * (WAN 203.0.113.2, LAN bridge 192.168.77.1, nft masquerade, the real miniupnpd), "home" (192.168.77.10,
 * where our code runs) and "hostile" (192.168.77.66/.67, a lying SSDP responder when a test starts it).
 * Every namespace carries an nft guard that rejects destinations outside the lab's ranges. Namespaces are
 * prefixed `adlab-<pid>-`, removed by teardown(), at process exit, and swept at the next start if a run died.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, GUARD, ROOT } from '../support/paths';

export const LAB_NETS = '192.168.77.0/24,203.0.113.0/24,239.255.255.250/32';
export const INTERNET_IP = '203.0.113.1';
export const WAN_IP = '203.0.113.2';
export const ROUTER_LAN_IP = '192.168.77.1';
export const HOME_IP = '192.168.77.10';
export const HOSTILE_IP = '192.168.77.66';
export const HOSTILE_TARGET_IP = '192.168.77.67';
export const MINIUPNPD_PORT = 5000;
const PREFIX = 'adlab-';

/** Why the lab cannot run here, or null. */
export function labSkipReason(): string | null {
  if (process.platform !== 'linux') return `lab tests need Linux (this is ${process.platform})`;
  if (process.getuid?.() !== 0) return 'lab tests need root (network namespaces, nft, miniupnpd)';
  for (const tool of ['/usr/sbin/miniupnpd', '/usr/bin/upnpc']) {
    if (!existsSync(tool)) return `${tool} is missing: run .ci/lab-deps.sh`;
  }
  for (const tool of ['ip', 'nft']) {
    try {
      execFileSync(tool, ['-V'], { stdio: 'ignore' });
    } catch {
      return `${tool} is missing: run .ci/lab-deps.sh`;
    }
  }
  return null;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  elapsedMs: number;
}

export interface Lab {
  ns: { internet: string; router: string; home: string; hostile: string };
  dir: string;
  /** Runs a command in a namespace and waits for it. */
  run(
    ns: string,
    file: string,
    args: string[],
    options?: { env?: Record<string, string>; timeoutMs?: number },
  ): Promise<RunResult>;
  /** The built CLI in the home namespace, with the network guard and the lab's ranges. */
  cli(args: string[], options?: { timeoutMs?: number }): Promise<RunResult>;
  /** Starts a long-running process in a namespace; resolves once it prints READY. */
  spawnIn(ns: string, file: string, args: string[], env?: Record<string, string>): Promise<Spawned>;
  startHostile(locations: string[]): Promise<Spawned>;
  setWanAddress(ip: string): void;
  restartMiniupnpd(extra?: string): Promise<void>;
  configFile(): string;
  internet: Spawned;
  teardown(): Promise<void>;
}

export interface Spawned {
  child: ChildProcess;
  lines: string[];
  stop(): Promise<void>;
}

function sh(file: string, args: string[], input?: string): string {
  return execFileSync(file, args, { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], timeout: 10_000 });
}

function removeNamespaces(filter: (name: string) => boolean) {
  let names: string[] = [];
  try {
    names = readdirSync('/run/netns');
  } catch {
    return;
  }
  for (const name of names.filter((n) => n.startsWith(PREFIX) && filter(n))) {
    try {
      sh('ip', ['netns', 'pids', name])
        .split('\n')
        .filter(Boolean)
        .forEach((pid) => {
          try {
            process.kill(Number(pid), 'SIGKILL');
          } catch {
            // gone already
          }
        });
      sh('ip', ['netns', 'del', name]);
    } catch {
      // best effort: the next start sweeps again
    }
  }
}

/** Namespaces of earlier runs whose process is gone (a crashed run cannot clean up after itself). */
function sweepStale() {
  removeNamespaces((name) => {
    const pid = Number(/^adlab-(\d+)-/.exec(name)?.[1]);
    if (!pid || pid === process.pid) return false;
    try {
      process.kill(pid, 0);
      return false;
    } catch {
      return true;
    }
  });
}

const GUARD_RULES = `
table inet adlab_guard {
  set lab4 {
    type ipv4_addr; flags interval
    elements = { 127.0.0.0/8, 192.168.77.0/24, 203.0.113.0/24, 224.0.0.0/4 }
  }
  chain guard_output {
    type filter hook output priority 0; policy accept
    meta nfproto ipv4 ip daddr != @lab4 reject
    meta nfproto ipv6 ip6 daddr != { ::1, ff00::/8, fe80::/10 } drop
  }
  chain guard_forward {
    type filter hook forward priority 0; policy accept
    meta nfproto ipv4 ip daddr != @lab4 reject
    meta nfproto ipv6 drop
  }
}
`;

export async function setupLab(): Promise<Lab> {
  sweepStale();
  const tag = `${PREFIX}${process.pid}-`;
  const ns = { internet: `${tag}inet`, router: `${tag}rtr`, home: `${tag}home`, hostile: `${tag}evil` };
  const dir = mkdtempSync(join(tmpdir(), 'adlab-'));
  const spawned = new Set<Spawned>();
  let torn = false;
  const cleanup = () => {
    if (torn) return;
    torn = true;
    for (const s of spawned) s.child.kill('SIGKILL');
    removeNamespaces((name) => name.startsWith(tag));
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', cleanup);

  try {
    for (const name of Object.values(ns)) sh('ip', ['netns', 'add', name]);
    const ipn = (name: string, ...args: string[]) => sh('ip', ['-n', name, ...args]);
    ipn(ns.router, 'link', 'add', 'wan0', 'type', 'veth', 'peer', 'name', 'eth0', 'netns', ns.internet);
    ipn(ns.router, 'link', 'add', 'br0', 'type', 'bridge', 'mcast_snooping', '0');
    ipn(ns.router, 'link', 'add', 'lanh', 'type', 'veth', 'peer', 'name', 'eth0', 'netns', ns.home);
    ipn(ns.router, 'link', 'add', 'lanx', 'type', 'veth', 'peer', 'name', 'eth0', 'netns', ns.hostile);
    ipn(ns.router, 'link', 'set', 'lanh', 'master', 'br0');
    ipn(ns.router, 'link', 'set', 'lanx', 'master', 'br0');
    ipn(ns.router, 'addr', 'add', `${WAN_IP}/24`, 'dev', 'wan0');
    ipn(ns.router, 'addr', 'add', `${ROUTER_LAN_IP}/24`, 'dev', 'br0');
    ipn(ns.internet, 'addr', 'add', `${INTERNET_IP}/24`, 'dev', 'eth0');
    ipn(ns.home, 'addr', 'add', `${HOME_IP}/24`, 'dev', 'eth0');
    ipn(ns.hostile, 'addr', 'add', `${HOSTILE_IP}/24`, 'dev', 'eth0');
    ipn(ns.hostile, 'addr', 'add', `${HOSTILE_TARGET_IP}/24`, 'dev', 'eth0');
    for (const name of Object.values(ns)) ipn(name, 'link', 'set', 'lo', 'up');
    for (const dev of ['wan0', 'br0', 'lanh', 'lanx']) ipn(ns.router, 'link', 'set', dev, 'up');
    for (const name of [ns.internet, ns.home, ns.hostile]) ipn(name, 'link', 'set', 'eth0', 'up');
    for (const name of [ns.home, ns.hostile]) {
      ipn(name, 'route', 'add', 'default', 'via', ROUTER_LAN_IP);
      // Without a route covering 239.255.255.250, sendto() fails with "Network is unreachable".
      ipn(name, 'route', 'add', '239.0.0.0/8', 'dev', 'eth0');
    }
    ipn(ns.router, 'route', 'add', '239.0.0.0/8', 'dev', 'br0');
    ipn(ns.router, 'route', 'add', 'default', 'via', INTERNET_IP, 'dev', 'wan0');
    sh('ip', ['netns', 'exec', ns.router, 'sysctl', '-q', '-w', 'net.ipv4.ip_forward=1']);
    for (const name of Object.values(ns)) sh('ip', ['netns', 'exec', name, 'nft', '-f', '-'], GUARD_RULES);
    sh(
      'ip',
      ['netns', 'exec', ns.router, 'nft', '-f', '-'],
      `table ip nat {
  chain postrouting {
    type nat hook postrouting priority 100; policy accept
    oifname "wan0" masquerade
  }
}
table inet filter {
  chain miniupnpd {
  }
  chain prerouting_miniupnpd {
  }
  chain postrouting_miniupnpd {
  }
}
`,
    );
  } catch (error) {
    cleanup();
    throw error;
  }

  const run: Lab['run'] = (name, file, args, options = {}) =>
    new Promise((resolve) => {
      const started = performance.now();
      const child = spawn('ip', ['netns', 'exec', name, file, ...args], {
        // Everything here runs inside the lab: a guard inherited through NODE_OPTIONS must allow its ranges.
        env: { ...process.env, ACCESS_DOCTOR_LAB_NETS: LAB_NETS, ...options.env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
      });
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
      });
      const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code: code ?? -1, stdout, stderr, elapsedMs: Math.round(performance.now() - started) });
      });
    });

  const spawnIn: Lab['spawnIn'] = (name, file, args, env) =>
    new Promise((resolve, reject) => {
      const child = spawn('ip', ['netns', 'exec', name, file, ...args], {
        env: { ...process.env, ACCESS_DOCTOR_LAB_NETS: LAB_NETS, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const lines: string[] = [];
      let buffer = '';
      let stderr = '';
      const s: Spawned = {
        child,
        lines,
        stop: () =>
          new Promise<void>((done) => {
            spawned.delete(s);
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once('close', () => done());
            child.kill('SIGTERM');
            setTimeout(() => child.kill('SIGKILL'), 2000).unref();
          }),
      };
      spawned.add(s);
      const timer = setTimeout(() => reject(new Error(`${file} did not get ready: ${stderr.slice(-2000)}`)), 10_000);
      child.stdout.on('data', (d: Buffer) => {
        buffer += d.toString();
        const parts = buffer.split('\n');
        buffer = parts.pop() ?? '';
        for (const line of parts) {
          lines.push(line);
          if (line === 'READY') {
            clearTimeout(timer);
            resolve(s);
          }
        }
      });
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        lines.push(
          ...d
            .toString()
            .split('\n')
            .filter(Boolean)
            .map((l) => `stderr: ${l}`),
        );
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        reject(new Error(`${file} exited with ${code}: ${stderr.slice(-2000)}`));
      });
    });

  const helper = join(ROOT, 'tests/lab/helpers/lab-servers.mjs');
  const internet = await spawnIn(ns.internet, process.execPath, [helper, 'internet', INTERNET_IP]);

  let miniupnpd: ChildProcess | null = null;
  const miniupnpdLog: string[] = [];
  const startMiniupnpd = async (extra = '') => {
    const conf = join(dir, 'miniupnpd.conf');
    writeFileSync(
      conf,
      `ext_ifname=wan0
listening_ip=br0
http_port=${MINIUPNPD_PORT}
enable_natpmp=no
enable_upnp=yes
secure_mode=yes
system_uptime=yes
uuid=5a1b0c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d
friendly_name=Lab Router
ext_perform_stun=yes
ext_stun_host=${INTERNET_IP}
ext_stun_port=3478
lease_file=${join(dir, 'upnp.leases')}
minissdpdsocket=${join(dir, 'minissdpd.sock')}
${extra}
allow 1024-65535 192.168.77.0/24 1024-65535
deny 0-65535 0.0.0.0/0 0-65535
`,
    );
    const child = spawn(
      'ip',
      ['netns', 'exec', ns.router, '/usr/sbin/miniupnpd', '-d', '-f', conf, '-P', join(dir, 'miniupnpd.pid')],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    child.stderr?.on('data', (d: Buffer) => miniupnpdLog.push(d.toString()));
    miniupnpd = child;
    // Ready when it serves its description and STUN has told it the WAN address.
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      const probe = await run(
        ns.home,
        'upnpc',
        ['-i', '-u', `http://${ROUTER_LAN_IP}:${MINIUPNPD_PORT}/rootDesc.xml`, '-s'],
        {
          timeoutMs: 5000,
        },
      );
      if (
        probe.stdout.includes(`ExternalIPAddress = ${WAN_IP}`) ||
        /ExternalIPAddress = 203\.0\.113\.\d+/.test(probe.stdout)
      )
        return;
      if (child.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`miniupnpd did not get ready:\n${miniupnpdLog.join('').slice(-3000)}`);
  };
  const stopMiniupnpd = async () => {
    const child = miniupnpd;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('close', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 3000).unref();
    });
  };
  try {
    await startMiniupnpd();
  } catch (error) {
    await stopMiniupnpd();
    cleanup();
    throw error;
  }

  const configPath = join(dir, 'config.json');
  writeFileSync(
    configPath,
    JSON.stringify({
      targets: [`http://${INTERNET_IP}/site/`],
      publicIp: {
        sources: [{ url: `http://${INTERNET_IP}/cdn-cgi/trace`, format: 'cloudflare-trace', family: 4 }],
        timeoutMs: 2000,
      },
      status: { url: `http://${INTERNET_IP}/status.json`, feedUrl: `http://${INTERNET_IP}/feed.rss`, timeoutMs: 2000 },
      discovery: { timeoutMs: 3000 },
      router: { pollMs: 200, powerCycle: { pollMs: 300, unplugSeconds: 1, timeoutMs: 20_000 } },
    }),
  );

  return {
    ns,
    dir,
    run,
    spawnIn,
    internet,
    cli: (args, options = {}) =>
      run(ns.home, process.execPath, [CLI, ...args], {
        env: { NODE_OPTIONS: `--require ${GUARD}`, ACCESS_DOCTOR_LAB_NETS: LAB_NETS },
        timeoutMs: options.timeoutMs ?? 30_000,
      }),
    startHostile: (locations) =>
      spawnIn(ns.hostile, process.execPath, [helper, 'hostile', HOSTILE_IP, HOSTILE_TARGET_IP, ...locations]),
    setWanAddress(ip) {
      // As an ISP does on a reconnect: the old address goes, a new one comes, the default route is restored.
      const ipn = (...args: string[]) => sh('ip', ['-n', ns.router, ...args]);
      const current = sh('ip', ['-n', ns.router, '-4', '-o', 'addr', 'show', 'dev', 'wan0'])
        .split('\n')
        .map((l) => /inet (\S+)/.exec(l)?.[1])
        .filter((a): a is string => Boolean(a));
      // Old first: deleting a primary address also deletes the secondaries added after it.
      for (const cidr of current) ipn('addr', 'del', cidr, 'dev', 'wan0');
      ipn('addr', 'add', `${ip}/24`, 'dev', 'wan0');
      ipn('route', 'replace', 'default', 'via', INTERNET_IP, 'dev', 'wan0', 'src', ip);
    },
    async restartMiniupnpd(extra = '') {
      await stopMiniupnpd();
      await startMiniupnpd(extra);
    },
    configFile: () => configPath,
    async teardown() {
      await stopMiniupnpd();
      for (const s of [...spawned]) await s.stop();
      cleanup();
      process.removeListener('exit', cleanup);
    },
  };
}
