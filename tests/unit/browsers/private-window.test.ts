/**
 * The private-window test: the program found per OS and the exact command line. On Linux the programs
 * are fake scripts on a fake PATH that write their arguments to a file, started by the real detached
 * spawner; macOS and Windows run against an injected file system and a recording spawner. No browser
 * is ever started and nothing reaches the network.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Spawner, spawnDetached } from '../../../electron/platform/exec';
import { createBrowsersService } from '../../../electron/services/browsers/index';
import { checkTarget, type LaunchEnv, openPrivateWindow } from '../../../electron/services/browsers/private-window';
import type { BrowserId } from '../../../shared/model';
import { followsSentenceRule } from '../../../shared/text';

const URL_ = 'https://chatgpt.com/';

/** A folder with a fake program that writes its own path and arguments, one a line, to `<name>.args`. */
function fakeBin(names: string[]): { dir: string; out: (name: string) => string } {
  const dir = mkdtempSync(join(tmpdir(), 'ad-private-'));
  for (const name of names) {
    const file = join(dir, name);
    writeFileSync(
      file,
      `#!/bin/sh\nPATH=/usr/bin:/bin\nprintf '%s\\n' "$0" "$@" > '${join(dir, `${name}.args`)}.tmp'\nmv '${join(dir, `${name}.args`)}.tmp' '${join(dir, `${name}.args`)}'\n`,
    );
    chmodSync(file, 0o755);
  }
  return { dir, out: (name) => join(dir, `${name}.args`) };
}

async function argsWritten(file: string): Promise<string[]> {
  for (let i = 0; i < 200 && !existsSync(file); i++) await new Promise((r) => setTimeout(r, 10));
  return readFileSync(file, 'utf8').trimEnd().split('\n');
}

const nowhere = mkdtempSync(join(tmpdir(), 'ad-private-empty-'));

function linuxEnv(path: string, over: Partial<LaunchEnv> = {}): LaunchEnv {
  return {
    platform: 'linux',
    env: { PATH: path },
    home: nowhere,
    spawn: spawnDetached,
    snapBin: join(nowhere, 'snap'),
    flatpakApps: [join(nowhere, 'flatpak')],
    ...over,
  };
}

function recorder(): { spawn: Spawner; calls: string[][] } {
  const calls: string[][] = [];
  return {
    calls,
    spawn: async (file, args) => {
      calls.push([file, ...args]);
    },
  };
}

const LINUX: [BrowserId, string, string[]][] = [
  ['chrome', 'google-chrome', ['--incognito', '--disable-extensions', '--no-first-run', URL_]],
  ['chromium', 'chromium', ['--incognito', '--disable-extensions', '--no-first-run', URL_]],
  ['edge', 'microsoft-edge', ['--inprivate', '--disable-extensions', '--no-first-run', URL_]],
  ['brave', 'brave-browser', ['--incognito', '--disable-extensions', '--no-first-run', URL_]],
  ['vivaldi', 'vivaldi', ['--incognito', '--disable-extensions', '--no-first-run', URL_]],
  ['opera', 'opera', ['--private', '--disable-extensions', '--no-first-run', URL_]],
  ['firefox', 'firefox', ['-private-window', URL_]],
];

describe('private window on Linux', () => {
  const bin = fakeBin(LINUX.map(([, name]) => name));

  it.each(LINUX)('%s runs %s with the exact arguments', async (browser, name, args) => {
    const result = await openPrivateWindow(browser, URL_, linuxEnv(`relative/bin:${nowhere}:${bin.dir}`));
    expect(result.launched).toBe(true);
    expect(result.command).toEqual([join(bin.dir, name), ...args]);
    expect(await argsWritten(bin.out(name))).toEqual([join(bin.dir, name), ...args]);
    expect(followsSentenceRule(result.message)).toBe(true);
    expect(result.message).toMatch(/^Opened chatgpt\.com in .* window.*\. Did it load\?$/);
  });

  it('says the exact sentence for Chrome', async () => {
    const { spawn } = recorder();
    const result = await openPrivateWindow('chrome', URL_, linuxEnv(bin.dir, { spawn }));
    expect(result.message).toBe(
      'Opened chatgpt.com in a private Google Chrome window with extensions off. Did it load?',
    );
  });

  it('falls back to the second name (google-chrome-stable, chromium-browser)', async () => {
    const other = fakeBin(['google-chrome-stable', 'chromium-browser']);
    const { spawn, calls } = recorder();
    await openPrivateWindow('chrome', URL_, linuxEnv(other.dir, { spawn }));
    await openPrivateWindow('chromium', URL_, linuxEnv(other.dir, { spawn }));
    expect(calls.map((c) => c[0])).toEqual([
      join(other.dir, 'google-chrome-stable'),
      join(other.dir, 'chromium-browser'),
    ]);
  });

  it('ignores a program that is not executable or a folder of that name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ad-private-noexec-'));
    writeFileSync(join(dir, 'firefox'), '#!/bin/sh\n');
    chmodSync(join(dir, 'firefox'), 0o644);
    mkdirSync(join(dir, 'google-chrome'));
    const { spawn, calls } = recorder();
    const ff = await openPrivateWindow('firefox', URL_, linuxEnv(dir, { spawn }));
    const chrome = await openPrivateWindow('chrome', URL_, linuxEnv(dir, { spawn }));
    expect([ff.launched, chrome.launched, calls]).toEqual([false, false, []]);
  });

  it('finds a Snap launcher in /snap/bin', async () => {
    const snap = fakeBin(['firefox']);
    const { spawn, calls } = recorder();
    const result = await openPrivateWindow('firefox', URL_, linuxEnv(nowhere, { spawn, snapBin: snap.dir }));
    expect(result.launched).toBe(true);
    expect(calls).toEqual([[join(snap.dir, 'firefox'), '-private-window', URL_]]);
  });

  it('runs an installed Flatpak through `flatpak run`', async () => {
    const bin2 = fakeBin(['flatpak']);
    const apps = mkdtempSync(join(tmpdir(), 'ad-private-flatpak-'));
    mkdirSync(join(apps, 'org.mozilla.firefox'));
    mkdirSync(join(apps, 'com.google.Chrome'));
    const env = linuxEnv(bin2.dir, { flatpakApps: [apps] });
    const result = await openPrivateWindow('firefox', URL_, env);
    expect(result.command).toEqual([join(bin2.dir, 'flatpak'), 'run', 'org.mozilla.firefox', '-private-window', URL_]);
    expect(await argsWritten(bin2.out('flatpak'))).toEqual(result.command);
    const { spawn, calls } = recorder();
    await openPrivateWindow('chrome', URL_, { ...env, spawn });
    expect(calls).toEqual([
      [
        join(bin2.dir, 'flatpak'),
        'run',
        'com.google.Chrome',
        '--incognito',
        '--disable-extensions',
        '--no-first-run',
        URL_,
      ],
    ]);
    // Installed but no `flatpak` program on PATH: not found.
    const none = await openPrivateWindow('firefox', URL_, linuxEnv(nowhere, { flatpakApps: [apps], spawn }));
    expect(none.launched).toBe(false);
  });

  it('gives instructions when the browser is not found, and starts nothing', async () => {
    const { spawn, calls } = recorder();
    const ff = await openPrivateWindow('firefox', 'https://chatgpt.com/c/1', linuxEnv(nowhere, { spawn }));
    expect(ff).toMatchObject({ launched: false, command: [], browserName: 'Firefox' });
    expect(ff.message).toContain('Open a private window in Firefox (Ctrl+Shift+P) and go to chatgpt.com.');
    const edge = await openPrivateWindow('edge', URL_, linuxEnv(nowhere, { spawn }));
    expect(edge.message).toContain('Open an InPrivate window in Microsoft Edge (Ctrl+Shift+N) and go to chatgpt.com.');
    for (const m of [ff.message, edge.message]) expect(followsSentenceRule(m)).toBe(true);
    expect(calls).toEqual([]);
  });

  it('reports a program that would not start, with instructions', async () => {
    const spawn: Spawner = async () => {
      throw new Error('permission denied');
    };
    const result = await openPrivateWindow('chrome', URL_, linuxEnv(bin.dir, { spawn }));
    expect(result.launched).toBe(false);
    expect(result.command[0]).toBe(join(bin.dir, 'google-chrome'));
    expect(result.message).toContain('Ctrl+Shift+N');
    expect(followsSentenceRule(result.message)).toBe(true);
  });
});

describe('the target', () => {
  it('passes an http(s) URL in its parsed form', () => {
    expect(checkTarget('https://chatgpt.com')).toBe('https://chatgpt.com/');
    expect(checkTarget('HTTP://Example.com:8080/a?b=1')).toBe('http://example.com:8080/a?b=1');
  });

  it.each([
    '-x',
    '--incognito',
    '-private-window https://chatgpt.com/',
    'chatgpt.com',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'ftp://chatgpt.com/',
    'https://user:pw@chatgpt.com/',
    'https://chatgpt.com/ --disable-web-security',
    'https://chatgpt.com/\n--x',
    '',
  ])('refuses %j and starts nothing', async (target) => {
    expect(() => checkTarget(target)).toThrow(/is not a web address/);
    const { spawn, calls } = recorder();
    const bin = fakeBin(['google-chrome']);
    await expect(openPrivateWindow('chrome', target, linuxEnv(bin.dir, { spawn }))).rejects.toMatchObject({
      code: 'browsers-bad-target',
    });
    expect(calls).toEqual([]);
  });
});

describe('private window on macOS', () => {
  const apps = [
    '/Applications/Google Chrome.app',
    '/Users/u/Applications/Firefox.app',
    '/Applications/Microsoft Edge.app',
  ];
  const env = (spawn: Spawner): LaunchEnv => ({
    platform: 'darwin',
    env: { PATH: '/usr/bin:/bin' },
    home: '/Users/u',
    spawn,
    isDir: async (p) => apps.includes(p),
    isExecutable: async () => false,
  });

  it('opens a new instance of the app through open -na … --args', async () => {
    const { spawn, calls } = recorder();
    const chrome = await openPrivateWindow('chrome', URL_, env(spawn));
    const ff = await openPrivateWindow('firefox', URL_, env(spawn));
    const edge = await openPrivateWindow('edge', URL_, env(spawn));
    expect(calls).toEqual([
      [
        '/usr/bin/open',
        '-na',
        'Google Chrome',
        '--args',
        '--incognito',
        '--disable-extensions',
        '--no-first-run',
        URL_,
      ],
      ['/usr/bin/open', '-na', 'Firefox', '--args', '-private-window', URL_],
      [
        '/usr/bin/open',
        '-na',
        'Microsoft Edge',
        '--args',
        '--inprivate',
        '--disable-extensions',
        '--no-first-run',
        URL_,
      ],
    ]);
    expect([chrome.launched, ff.launched, edge.launched]).toEqual([true, true, true]);
    expect(edge.message).toBe(
      'Opened chatgpt.com in an InPrivate Microsoft Edge window with extensions off. Did it load?',
    );
  });

  it('says Cmd when the app is not installed', async () => {
    const { spawn, calls } = recorder();
    const brave = await openPrivateWindow('brave', URL_, env(spawn));
    expect(brave.launched).toBe(false);
    expect(brave.message).toContain('Open a private window in Brave (Cmd+Shift+N) and go to chatgpt.com.');
    expect(calls).toEqual([]);
  });
});

describe('private window on Windows', () => {
  const files = [
    'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
    'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
    'C:\\Program Files\\Mozilla Firefox\\firefox.exe',
    'C:\\Users\\u\\AppData\\Local\\Vivaldi\\Application\\vivaldi.exe',
  ];
  const env = (spawn: Spawner): LaunchEnv => ({
    platform: 'win32',
    // Windows spells its variables in any case.
    env: {
      ProgramFiles: 'C:\\Program Files',
      'ProgramFiles(x86)': 'C:\\Program Files (x86)',
      LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local',
    },
    home: 'C:\\Users\\u',
    spawn,
    isExecutable: async (p) => files.includes(p),
  });

  it('runs the program from Program Files or the user’s AppData', async () => {
    const { spawn, calls } = recorder();
    for (const b of ['chrome', 'edge', 'firefox', 'vivaldi'] as const) {
      expect((await openPrivateWindow(b, URL_, env(spawn))).launched).toBe(true);
    }
    expect(calls).toEqual([
      [files[0], '--incognito', '--disable-extensions', '--no-first-run', URL_],
      [files[1], '--inprivate', '--disable-extensions', '--no-first-run', URL_],
      [files[2], '-private-window', URL_],
      [files[3], '--incognito', '--disable-extensions', '--no-first-run', URL_],
    ]);
  });

  it('gives instructions for a browser that is not installed', async () => {
    const { spawn, calls } = recorder();
    const opera = await openPrivateWindow('opera', URL_, env(spawn));
    expect(opera.launched).toBe(false);
    expect(opera.message).toContain('Open a private window in Opera (Ctrl+Shift+N) and go to chatgpt.com.');
    expect(calls).toEqual([]);
  });
});

describe('the service', () => {
  it('opens the first target by default, with the injected spawner and PATH', async () => {
    const bin = fakeBin(['firefox']);
    const { spawn, calls } = recorder();
    const service = createBrowsersService({
      home: () => nowhere,
      env: { PATH: bin.dir },
      platform: 'linux',
      configuredSites: null,
      targets: ['https://claude.ai/', URL_],
      spawn,
      launchEnv: { snapBin: join(nowhere, 'snap'), flatpakApps: [] },
    });
    const result = await service.privateWindow({ browser: 'firefox' });
    expect(result.target).toBe('https://claude.ai/');
    expect(calls).toEqual([[join(bin.dir, 'firefox'), '-private-window', 'https://claude.ai/']]);
    await expect(service.privateWindow({ browser: 'firefox', target: '-x' })).rejects.toMatchObject({
      code: 'browsers-bad-target',
    });
  });
});
