/**
 * Network path benchmark, on this machine and nothing else:
 * - in process: the VPN check (`createVpnService(...).status()`: `ip -j route get`, a lookup that sends
 *   nothing, and `ip -j -d link`) and the proxy check (`createProxyService(...).read()` against a temp home,
 *   through the real gsettings under a private dconf session when it is installed, else environment only),
 *   median of 20 each, goal ≤ 50 ms;
 * - the built CLI's `vpn --json` and `proxy status --json` as whole processes against `--help`, with the
 *   network guard preloaded and an empty temp home, median of 7 each, goal ≤ 1.5 × `--help`.
 * Needs `npm run build` (scripts/bench.mjs builds first).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCommand } from '../../electron/platform/exec';
import { createProxyService } from '../../electron/services/proxy';
import { createVpnService } from '../../electron/services/vpn';
import { type DesktopSession, missingTools, startDesktopSession, tempHome } from '../support/desktop-session';
import { CLI, GUARD, ROOT } from '../support/paths';
import { median } from './support/stats';

const IN_PROCESS_RUNS = 20;
const CLI_RUNS = 7;
const verdict = (met: boolean) => (met ? 'MET' : 'MISSED');

async function timeMedian(runs: number, fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

if (!existsSync(join(ROOT, 'out', 'main', 'main.cjs')))
  console.log('note: out/ is missing, run `npm run build` first (scripts/bench.mjs does)');

const missing = missingTools(['gsettings', 'dconf', 'dbus-daemon']);
let session: DesktopSession | undefined;
let plain: ReturnType<typeof tempHome> | undefined;
try {
  // A temp home either way; with the tools, a private session bus so gsettings reads its own dconf.
  let homeEnv: Record<string, string>;
  let how: string;
  if (missing.length === 0) {
    session = await startDesktopSession();
    homeEnv = { ...session.env, XDG_CURRENT_DESKTOP: 'GNOME' };
    how = 'GNOME gsettings on a private dconf session + environment';
  } else {
    plain = tempHome();
    homeEnv = plain.env;
    how = `environment only (${missing.join(', ')} not installed)`;
  }

  const vpn = createVpnService({ platform: process.platform, run: runCommand });
  const first = await vpn.status();
  const vpnMs = await timeMedian(IN_PROCESS_RUNS, () => vpn.status());
  console.log(
    `VPN check in process (median of ${IN_PROCESS_RUNS}): ${vpnMs.toFixed(1)} ms (goal ≤ 50 ms) ${verdict(vpnMs <= 50)}` +
      ` [viaTunnel ${String(first.viaTunnel)}, interface ${first.interface ?? 'none'}]`,
  );

  const proxy = createProxyService({
    run: runCommand,
    env: homeEnv,
    platform: process.platform,
    readFile: (p) => readFile(p, 'utf8'),
  });
  const read = await proxy.read();
  if (read.failures.length > 0) console.log(`note: proxy read failures: ${JSON.stringify(read.failures)}`);
  const proxyMs = await timeMedian(IN_PROCESS_RUNS, () => proxy.read());
  console.log(
    `proxy check in process, ${how} (median of ${IN_PROCESS_RUNS}): ${proxyMs.toFixed(1)} ms (goal ≤ 50 ms) ${verdict(proxyMs <= 50)}`,
  );

  // Whole processes: a clean environment (no inherited session bus, desktop or proxy variables).
  const cliEnv = {
    ...homeEnv,
    NODE_OPTIONS: `--require ${GUARD}`,
    ACCESS_DOCTOR_HOME: homeEnv.HOME ?? '',
  };
  const commands: Record<string, string[]> = {
    '--help': ['--help'],
    'vpn --json': ['vpn', '--json'],
    'proxy status --json': ['proxy', 'status', '--json'],
  };
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
  const codes: Record<string, number | null> = {};
  // One warm-up each, then the commands interleaved so a busy moment on the shared cores hits all alike.
  for (let i = 0; i <= CLI_RUNS; i++) {
    for (const [label, args] of Object.entries(commands)) {
      const t0 = performance.now();
      const run = spawnSync(process.execPath, [CLI, ...args], { env: cliEnv, encoding: 'utf8' });
      const ms = performance.now() - t0;
      if (run.error) throw run.error;
      codes[label] = run.status;
      if (i > 0) times[label]?.push(ms);
    }
  }
  const help = median(times['--help'] ?? []);
  console.log(`CLI --help (median of ${CLI_RUNS}): ${help.toFixed(0)} ms (exit ${codes['--help']})`);
  for (const label of ['vpn --json', 'proxy status --json']) {
    const ms = median(times[label] ?? []);
    const ratio = ms / help;
    console.log(
      `CLI ${label} / --help (median of ${CLI_RUNS}): ${ratio.toFixed(2)} (${ms.toFixed(0)} ms, exit ${codes[label]}) (goal ≤ 1.5) ${verdict(ratio <= 1.5)}`,
    );
  }
} finally {
  await session?.stop();
  if (plain) rmSync(plain.dir, { recursive: true, force: true });
}
