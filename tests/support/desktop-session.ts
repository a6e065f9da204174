/**
 * A private desktop session for the real proxy tools: HOME, XDG_CONFIG_HOME and XDG_RUNTIME_DIR in a
 * temp folder, and a session bus of its own (`dbus-daemon --session`) that the test starts and stops.
 * `gsettings`/`dconf` then write to `$XDG_CONFIG_HOME/dconf/user` and `kwriteconfig5` to its
 * `kioslaverc`; nothing of the machine's own settings is touched.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface DesktopSession {
  dir: string;
  env: HomeEnv;
  stop(): Promise<void>;
}

/** The tools a test needs that are missing here, or [] (CI installs them: .ci/deps-proxy.sh). */
export function missingTools(tools: string[]): string[] {
  return tools.filter((t) => {
    try {
      execFileSync('sh', ['-c', `command -v ${t}`], { stdio: 'ignore' });
      return false;
    } catch {
      return true;
    }
  });
}

export interface HomeEnv extends Record<string, string> {
  HOME: string;
  XDG_CONFIG_HOME: string;
  XDG_RUNTIME_DIR: string;
}

export function tempHome(): { dir: string; env: HomeEnv } {
  const dir = mkdtempSync(join(tmpdir(), 'ad-desktop-'));
  const env = {
    HOME: join(dir, 'home'),
    XDG_CONFIG_HOME: join(dir, 'config'),
    XDG_RUNTIME_DIR: join(dir, 'run'),
    XDG_CACHE_HOME: join(dir, 'cache'),
    LANG: 'C.UTF-8',
    PATH: process.env.PATH ?? '/usr/bin:/bin',
  };
  for (const d of [env.HOME, env.XDG_CONFIG_HOME, env.XDG_RUNTIME_DIR]) mkdirSync(d, { recursive: true, mode: 0o700 });
  return { dir, env };
}

export async function startDesktopSession(): Promise<DesktopSession> {
  const { dir, env } = tempHome();
  const child: ChildProcess = spawn('dbus-daemon', ['--session', '--nofork', '--print-address=1'], {
    env,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const address = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('dbus-daemon did not start')), 5000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const nl = out.indexOf('\n');
      if (nl !== -1) {
        clearTimeout(timer);
        resolve(out.slice(0, nl).trim());
      }
    });
    child.on('error', reject);
  });
  return {
    dir,
    env: { ...env, DBUS_SESSION_BUS_ADDRESS: address, GSETTINGS_BACKEND: 'dconf' },
    async stop() {
      if (child.exitCode === null && child.pid) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      // dconf-service was started on this bus and exits with it.
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
