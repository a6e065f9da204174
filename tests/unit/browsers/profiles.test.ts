import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findProfiles, pickProfile } from '../../../electron/services/browsers/profiles';
import {
  browserProcess,
  defaultRunningProbe,
  fileHeldOpen,
  parsePsComm,
  parseTasklist,
  pidAlive,
  type RunningProbe,
} from '../../../electron/services/browsers/running';

const idle: RunningProbe = { alive: pidAlive, hostname: hostname(), processes: async () => [] };

function file(path: string, text = ''): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
}

function chromiumDir(dir: string, profiles: Record<string, string>, extra: Record<string, unknown> = {}): void {
  const cache = Object.fromEntries(Object.entries(profiles).map(([folder, name]) => [folder, { name }]));
  file(
    join(dir, 'Local State'),
    JSON.stringify({ profile: { info_cache: { ...cache, ...extra }, last_used: 'Profile 1' } }),
  );
  for (const folder of Object.keys(profiles)) file(join(dir, folder, 'Network', 'Cookies'), 'x');
}

function firefoxRoot(
  root: string,
  profiles: { name: string; path: string; relative?: boolean }[],
  inUse?: string,
): void {
  const ini = profiles
    .map((p, i) => `[Profile${i}]\nName=${p.name}\nIsRelative=${p.relative === false ? 0 : 1}\nPath=${p.path}\n`)
    .join('\n');
  file(join(root, 'profiles.ini'), `[General]\nStartWithLastProfile=1\nVersion=2\n\n${ini}`);
  if (inUse) file(join(root, 'installs.ini'), `[4F96D1932A9F858E]\nDefault=${inUse}\nLocked=1\n`);
  for (const p of profiles) if (p.relative !== false) mkdirSync(join(root, ...p.path.split('/')), { recursive: true });
}

const children: ReturnType<typeof spawn>[] = [];
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
});

describe('findProfiles', () => {
  it('Linux: Chrome profiles from Local State, Firefox from the classic, XDG, Snap and Flatpak folders', async () => {
    const home = mkdtempSync(join(tmpdir(), 'ad-home-linux-'));
    chromiumDir(
      join(home, '.config', 'google-chrome'),
      { Default: 'Person 1', 'Profile 1': 'Work' },
      { '../escape': { name: 'x' } },
    );
    chromiumDir(join(home, '.config', 'BraveSoftware', 'Brave-Browser'), { Default: 'Brave me' });
    file(join(home, '.config', 'opera', 'Cookies'), 'x');
    firefoxRoot(
      join(home, '.mozilla', 'firefox'),
      [
        { name: 'default-release', path: 'abcd.default-release' },
        { name: 'old', path: 'efgh.default' },
      ],
      'abcd.default-release',
    );
    firefoxRoot(join(home, '.config', 'mozilla', 'firefox'), [
      { name: 'xdg', path: 'xdg1.default' },
      { name: 'escape', path: '../../outside' },
    ]);
    firefoxRoot(join(home, 'snap', 'firefox', 'common', '.mozilla', 'firefox'), [
      { name: 'snap', path: 'snap1.default' },
    ]);
    firefoxRoot(join(home, '.var', 'app', 'org.mozilla.firefox', '.mozilla', 'firefox'), [
      { name: 'flat', path: 'flat1.default' },
    ]);
    const found = await findProfiles({ home, env: {}, platform: 'linux', running: idle });
    expect(found.map((p) => [p.browser, p.id, p.name, p.inUse, p.running])).toEqual([
      ['chrome', 'Default', 'Person 1', false, false],
      ['chrome', 'Profile 1', 'Work', true, false],
      ['brave', 'Default', 'Brave me', false, false],
      ['opera', '.', 'Opera', true, false],
      ['firefox', 'abcd.default-release', 'default-release', true, false],
      ['firefox', 'efgh.default', 'old', false, false],
      ['firefox', 'xdg1.default', 'xdg', false, false],
      ['firefox', 'snap1.default', 'snap', false, false],
      ['firefox', 'flat1.default', 'flat', false, false],
    ]);
    expect(pickProfile(found, 'chrome', 'Work').map((p) => p.id)).toEqual(['Profile 1']);
    expect(pickProfile(found, 'chrome', 'Profile 1').map((p) => p.name)).toEqual(['Work']);
    expect(pickProfile(found, 'firefox', 'abcd.default-release')).toHaveLength(1);
    expect(pickProfile(found, 'edge', 'Default')).toEqual([]);
  });

  it('XDG_CONFIG_HOME moves the Chromium folders; a relative one is ignored', async () => {
    const home = mkdtempSync(join(tmpdir(), 'ad-home-xdg-'));
    const xdg = mkdtempSync(join(tmpdir(), 'ad-xdg-'));
    chromiumDir(join(xdg, 'chromium'), { Default: 'Mine' });
    expect(
      (await findProfiles({ home, env: { XDG_CONFIG_HOME: xdg }, platform: 'linux', running: idle })).map(
        (p) => p.name,
      ),
    ).toEqual(['Mine']);
    expect(
      await findProfiles({ home, env: { XDG_CONFIG_HOME: 'relative' }, platform: 'linux', running: idle }),
    ).toEqual([]);
  });

  it('macOS and Windows layouts; a broken Local State falls back to the folders', async () => {
    const mac = mkdtempSync(join(tmpdir(), 'ad-home-mac-'));
    const support = join(mac, 'Library', 'Application Support');
    chromiumDir(join(support, 'Google', 'Chrome'), { Default: 'Personal' });
    file(join(support, 'Microsoft Edge', 'Local State'), '{not json');
    file(join(support, 'Microsoft Edge', 'Default', 'Cookies'), 'x');
    firefoxRoot(
      join(support, 'Firefox'),
      [{ name: 'default-release', path: 'Profiles/q1.default-release' }],
      'Profiles/q1.default-release',
    );
    const onMac = await findProfiles({ home: mac, env: {}, platform: 'darwin', running: idle });
    expect(onMac.map((p) => [p.browser, p.id, p.name])).toEqual([
      ['chrome', 'Default', 'Personal'],
      ['edge', 'Default', 'Default'],
      ['firefox', 'Profiles/q1.default-release', 'default-release'],
    ]);
    expect(pickProfile(onMac, 'firefox', 'q1.default-release')).toHaveLength(1);

    const win = mkdtempSync(join(tmpdir(), 'ad-home-win-'));
    chromiumDir(join(win, 'AppData', 'Local', 'Microsoft', 'Edge', 'User Data'), { Default: 'Edge me' });
    chromiumDir(join(win, 'AppData', 'Local', 'Vivaldi', 'User Data'), { Default: 'Viv' });
    file(join(win, 'AppData', 'Roaming', 'Opera Software', 'Opera Stable', 'Network', 'Cookies'), 'x');
    firefoxRoot(join(win, 'AppData', 'Roaming', 'Mozilla', 'Firefox'), [{ name: 'w', path: 'Profiles/w1.default' }]);
    const onWin = await findProfiles({
      home: win,
      env: { LOCALAPPDATA: 'C:relative' },
      platform: 'win32',
      running: idle,
    });
    expect(onWin.map((p) => [p.browser, p.name])).toEqual([
      ['edge', 'Edge me'],
      ['vivaldi', 'Viv'],
      ['opera', 'Opera'],
      ['firefox', 'w'],
    ]);
  });
});

describe('running', () => {
  it('a SingletonLock or Firefox lock pointing at a live pid counts; a dead pid or another host’s lock is judged right', async () => {
    const home = mkdtempSync(join(tmpdir(), 'ad-home-run-'));
    const chrome = join(home, '.config', 'google-chrome');
    chromiumDir(chrome, { Default: 'Person 1' });
    const ffRoot = join(home, '.mozilla', 'firefox');
    firefoxRoot(ffRoot, [{ name: 'p', path: 'p1.default' }]);
    const live = spawn('sleep', ['60'], { stdio: 'ignore' });
    children.push(live);
    symlinkSync(`${hostname()}-${live.pid}`, join(chrome, 'SingletonLock'));
    symlinkSync(`127.0.1.1:+${live.pid}`, join(ffRoot, 'p1.default', 'lock'));
    const env = { home, env: {}, platform: 'linux' as const, running: idle };
    expect((await findProfiles(env)).map((p) => p.running)).toEqual([true, true]);

    const dead = spawn('true', [], { stdio: 'ignore' });
    await new Promise((r) => dead.on('exit', r));
    const { rmSync } = await import('node:fs');
    rmSync(join(chrome, 'SingletonLock'));
    rmSync(join(ffRoot, 'p1.default', 'lock'));
    symlinkSync(`${hostname()}-${dead.pid}`, join(chrome, 'SingletonLock'));
    symlinkSync(`127.0.1.1:+${dead.pid}`, join(ffRoot, 'p1.default', 'lock'));
    expect((await findProfiles(env)).map((p) => p.running)).toEqual([false, false]);

    rmSync(join(chrome, 'SingletonLock'));
    symlinkSync(`another-machine-${live.pid}`, join(chrome, 'SingletonLock'));
    expect((await findProfiles(env)).map((p) => p.running)).toEqual([true, false]);

    // The process table: a browser started with this data folder, or with none (its default one).
    const byProcess = (dir?: string): RunningProbe => ({
      ...idle,
      processes: async () => [{ browser: 'firefox', dir }],
    });
    rmSync(join(chrome, 'SingletonLock'));
    expect((await findProfiles({ ...env, running: byProcess() })).map((p) => p.running)).toEqual([false, true]);
    expect((await findProfiles({ ...env, running: byProcess('/elsewhere') })).map((p) => p.running)).toEqual([
      false,
      false,
    ]);
    const chromeProc: RunningProbe = { ...idle, processes: async () => [{ browser: 'chrome' }] };
    expect((await findProfiles({ ...env, running: chromeProc })).map((p) => p.running)).toEqual([true, false]);
  });

  it('tells a main browser process from its helpers by the command line', () => {
    expect(browserProcess('chrome\n', ['--user-data-dir=/tmp/x'])).toEqual({ browser: 'chrome', dir: '/tmp/x' });
    expect(browserProcess('chrome', ['--type=renderer'])).toBeNull();
    expect(browserProcess('chromium-browse', [])).toEqual({ browser: 'chromium' });
    expect(browserProcess('firefox', ['-contentproc', '12'])).toBeNull();
    expect(browserProcess('firefox-bin', ['-profile', '/p/q'])).toEqual({ browser: 'firefox', dir: '/p/q' });
    expect(browserProcess('bash', [])).toBeNull();
  });

  it('macOS ps and Windows tasklist name the browsers’ main processes; helpers do not count', async () => {
    const ps = [
      '/sbin/launchd',
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Google Chrome.app/Contents/Frameworks/Google Chrome Framework.framework/Helpers/Google Chrome Helper (Renderer).app/Contents/MacOS/Google Chrome Helper (Renderer)',
      '/Applications/Firefox.app/Contents/MacOS/firefox',
      '/Applications/Firefox.app/Contents/MacOS/plugin-container.app/Contents/MacOS/plugin-container',
    ].join('\n');
    expect(parsePsComm(ps)).toEqual([{ browser: 'chrome' }, { browser: 'firefox' }]);
    const tasklist =
      '"System Idle Process","0","Services","0","8 K"\r\n"msedge.exe","4242","Console","1","120,000 K"\r\n"FIREFOX.EXE","77","Console","1","1 K"\r\n';
    expect(parseTasklist(tasklist)).toEqual([{ browser: 'edge' }, { browser: 'firefox' }]);
    const probe = defaultRunningProbe('darwin', async (file, args) => {
      expect([file, ...args]).toEqual(['ps', '-Ao', 'comm=']);
      return { code: 0, stdout: ps, stderr: '' };
    });
    expect(await probe.processes()).toEqual([{ browser: 'chrome' }, { browser: 'firefox' }]);
    const broken = defaultRunningProbe('win32', async () => {
      throw new Error('no tasklist');
    });
    expect(await broken.processes()).toEqual([]);
    expect(broken.exclusiveLockHeld).toBe(fileHeldOpen);
    expect(await fileHeldOpen(join(tmpdir(), 'no-such-lock-file'))).toBe(false);
  });

  it('Windows: a lockfile or parent.lock held open by another process counts', async () => {
    const win = mkdtempSync(join(tmpdir(), 'ad-home-winlock-'));
    const edge = join(win, 'AppData', 'Local', 'Microsoft', 'Edge', 'User Data');
    chromiumDir(edge, { Default: 'Edge me' });
    const ff = join(win, 'AppData', 'Roaming', 'Mozilla', 'Firefox');
    firefoxRoot(ff, [{ name: 'w', path: 'Profiles/w1.default' }]);
    const held = new Set([join(edge, 'lockfile'), join(ff, 'Profiles', 'w1.default', 'parent.lock')]);
    const running: RunningProbe = { ...idle, exclusiveLockHeld: async (path) => held.has(path) };
    const env = { home: win, env: {}, platform: 'win32' as const, running };
    expect((await findProfiles(env)).map((p) => p.running)).toEqual([true, true]);
    held.clear();
    expect((await findProfiles(env)).map((p) => p.running)).toEqual([false, false]);
  });
});
