import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  type BrowserExtension,
  extensionFindings,
  listExtensions,
  MAX_PROFILE_FILE_BYTES,
  nodeProfileIo,
  type ProfileIo,
  quoteName,
  READ_TIMEOUT_MS,
  readExtensions,
  SCAN_BUDGET_MS,
} from '../../../electron/services/browsers/extensions';
import { extensionRisk, riskFromName } from '../../../electron/services/browsers/risky-extensions';
import { followsSentenceRule } from '../../../shared/text';
import { FIXTURES, memoryIo } from './io';

const io = nodeProfileIo();
const byId = (list: BrowserExtension[]) => new Map(list.map((e) => [e.id, e]));

describe('Chromium extensions', () => {
  it('reads a newer profile: disable_reasons lists, manifests on disk, __MSG_ names, skips built-ins', async () => {
    const dir = join(FIXTURES, 'chromium-default');
    const list = await listExtensions({ browser: 'chromium-family', dir }, io);
    const ext = byId(list);
    expect(ext.get('cjpalhdlnbpafiamejdnhcphjbkeiagm')).toEqual({
      id: 'cjpalhdlnbpafiamejdnhcphjbkeiagm',
      name: 'uBlock Origin',
      version: '1.58.0',
      enabled: true,
      risk: 'blocker',
      where: 'chrome://extensions',
    });
    // __MSG_APPNAME__ against the key `appName`, in the manifest's default locale (de), not en.
    expect(ext.get('abcdefghijklmnopabcdefghijklmnop')).toMatchObject({
      name: 'Kostenloses VPN – unbegrenzt',
      enabled: true,
      risk: 'vpn-proxy',
    });
    expect(ext.get('bhchdcejhohfmigjafbampogmaanbfkg')).toMatchObject({ enabled: false, risk: 'ua-spoof' });
    // Component (5), external component (10), installed by default, and the theme are not the user's.
    for (const id of [
      'mhjfbmdgcfjbbpaeojofohoefgiehjai',
      'nmmhkkegccagdldgiimedpiccmgmieda',
      'ghbmnnjooekpmoecnnnilnnbdlolhkhi',
      'cjjkllbbhpbdbbanjogmaokbmjgdfkbj',
    ]) {
      expect(ext.has(id)).toBe(false);
    }
    // A `path` that climbs out of the profile and an unpacked extension elsewhere are listed by id, unread.
    expect(ext.get('ppppppppppppppppppppppppppppppp1')).toMatchObject({ name: 'ppppppppppppppppppppppppppppppp1' });
    expect(ext.get('oooooooooooooooooooooooooooooooo')).toMatchObject({ risk: null, enabled: true });
  });

  it('reads an older profile: inline manifests, state, disable_reasons as an int bitmask', async () => {
    const dir = join(FIXTURES, 'chromium-legacy');
    const ext = byId(await listExtensions({ browser: 'chromium-family', dir, product: 'edge' }, io));
    expect(ext.get('pkehgijcmpdhfbdbbnkijodmdjhbjlgp')).toMatchObject({
      name: 'Privacy Badger',
      version: '2020.7.21',
      enabled: false,
      risk: 'privacy',
      where: 'edge://extensions',
    });
    expect(ext.get('gkojfkhlekighikafcpjkiklfbnlmeio')).toMatchObject({ enabled: true, risk: 'vpn-proxy' });
    expect(ext.get('aohghmighlieiainnegkcijnfilokake')).toMatchObject({ name: 'Google Docs', risk: null });
    // An inline __MSG_ name resolves through the folder on disk, falling back to en.
    expect(ext.get('kbfnbcaeplbcioakkpcpgfkobkghlhen')).toMatchObject({ name: 'Grammar Checker', enabled: true });
  });

  it('reads extensions kept only in Secure Preferences', async () => {
    const dir = join(FIXTURES, 'chromium-secure-only');
    const scan = await readExtensions({ browser: 'chromium-family', dir }, io);
    expect(scan.problems).toEqual([]);
    expect(scan.extensions).toEqual([
      {
        id: 'jplgfhpmjnbigmhklmmbgecoobifkmpa',
        name: 'Proton VPN: Fast & Secure',
        version: '1.2.3',
        enabled: true,
        risk: 'vpn-proxy',
        where: 'chrome://extensions',
      },
    ]);
  });

  it('lets Secure Preferences win over Preferences for the same extension', async () => {
    const id = 'gkojfkhlekighikafcpjkiklfbnlmeio';
    const mem = memoryIo('/p', {
      Preferences: JSON.stringify({ extensions: { settings: { [id]: { manifest: { name: 'Hola VPN' }, state: 1 } } } }),
      'Secure Preferences': JSON.stringify({ extensions: { settings: { [id]: { disable_reasons: [1] } } } }),
    });
    const [hola] = await listExtensions({ browser: 'chromium-family', dir: '/p' }, mem);
    expect(hola).toMatchObject({ name: 'Hola VPN', enabled: false });
  });

  it('names the right page for each Chromium browser', async () => {
    const mem = memoryIo('/x', {
      Preferences: JSON.stringify({
        extensions: { settings: { aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa: { manifest: { name: 'A' } } } },
      }),
    });
    const where = async (dir: string) => (await listExtensions({ browser: 'chromium-family', dir }, mem))[0]?.where;
    const moved = (dir: string) =>
      memoryIo(dir, {
        Preferences: JSON.stringify({ extensions: { settings: { aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa: {} } } }),
      });
    expect(await where('/x')).toBe('chrome://extensions');
    const brave = '/home/u/.config/BraveSoftware/Brave-Browser/Default';
    expect((await listExtensions({ browser: 'chromium-family', dir: brave }, moved(brave)))[0]?.where).toBe(
      'brave://extensions',
    );
    const edge = 'C:\\Users\\u\\AppData\\Local\\Microsoft\\Edge\\User Data\\Default';
    const edgeIo: ProfileIo = {
      async readFile(path) {
        return path === `${edge}\\Preferences`
          ? JSON.stringify({ extensions: { settings: { aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa: {} } } })
          : null;
      },
      async readdir() {
        return null;
      },
    };
    expect((await listExtensions({ browser: 'chromium-family', dir: edge }, edgeIo))[0]?.where).toBe(
      'edge://extensions',
    );
  });
});

describe('Firefox extensions', () => {
  it('reads extensions.json and skips system, built-in, theme and language add-ons', async () => {
    const dir = join(FIXTURES, 'firefox-default-release');
    const list = await listExtensions({ browser: 'firefox', dir }, io);
    expect(list.map((e) => e.id)).toEqual([
      'uBlock0@raymondhill.net',
      'CanvasBlocker@kkapsner.de',
      'vpn@example.net',
      'notes@example.net',
    ]);
    const ext = byId(list);
    expect(ext.get('uBlock0@raymondhill.net')).toEqual({
      id: 'uBlock0@raymondhill.net',
      name: 'uBlock Origin',
      version: '1.58.0',
      enabled: true,
      risk: 'blocker',
      where: 'about:addons',
    });
    expect(ext.get('CanvasBlocker@kkapsner.de')).toMatchObject({ enabled: false, risk: 'ua-spoof' });
    expect(ext.get('vpn@example.net')).toMatchObject({ enabled: true, risk: 'vpn-proxy', name: 'Best Free Proxy' });
    expect(ext.get('notes@example.net')).toMatchObject({ risk: null });
  });
});

describe('risk by id and by name', () => {
  it('matches keywords as whole words only', () => {
    expect(riskFromName('Hola Free VPN Proxy')).toBe('vpn-proxy');
    expect(riskFromName('NordVPN – VPN proxy for privacy')).toBe('vpn-proxy');
    expect(riskFromName('User-Agent Switcher')).toBe('ua-spoof');
    expect(riskFromName('Canvas Blocker (Fingerprint protect)')).toBe('ua-spoof');
    expect(riskFromName('AdBlock — best ad blocker')).toBe('blocker');
    expect(riskFromName('Ghostery Tracker & Ad Blocker')).toBe('blocker');
    expect(riskFromName('Cookie AutoDelete')).toBe('privacy');
    expect(riskFromName('ClearURLs')).toBe('privacy');
    expect(riskFromName('Decentraleyes')).toBe('privacy');
    // Not whole words: no match.
    expect(riskFromName('Proxyland Notes')).toBeNull();
    expect(riskFromName('Approximate Calculator')).toBeNull();
    expect(riskFromName('Vpnotes')).toBeNull();
    expect(riskFromName('Google Docs Offline')).toBeNull();
  });

  it('prefers the known id over the name', () => {
    expect(extensionRisk('cjpalhdlnbpafiamejdnhcphjbkeiagm', 'Something else')).toBe('blocker');
    expect(extensionRisk('ublock0@raymondhill.net', 'x')).toBe('blocker');
    expect(extensionRisk('unknown@example', 'Simple Notes')).toBeNull();
  });

  it('stays linear on a long hostile name', () => {
    const name = 'proxy '.repeat(200_000);
    const start = performance.now();
    expect(riskFromName(name)).toBe('vpn-proxy');
    expect(riskFromName('a'.repeat(2_000_000))).toBeNull();
    expect(performance.now() - start).toBeLessThan(500);
  });
});

describe('hostile profiles', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ad-browsers-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a file over 8 MiB with a plain sentence', async () => {
    await writeFile(join(dir, 'Preferences'), Buffer.alloc(MAX_PROFILE_FILE_BYTES + 10, 0x20));
    const scan = await readExtensions({ browser: 'chromium-family', dir }, io);
    expect(scan.extensions).toEqual([]);
    expect(scan.problems).toEqual([
      { code: 'browser-file-too-large', message: "The browser's extension list is too large to read safely." },
    ]);
    await expect(listExtensions({ browser: 'chromium-family', dir }, io)).rejects.toMatchObject({
      code: 'browser-file-too-large',
    });
  });

  it('reads damaged, deeply nested and wrongly typed files without throwing internals', async () => {
    const deep = `${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`;
    const deepObject = `{"extensions":{"settings":${'{"a":'.repeat(200_000)}1${'}'.repeat(200_000)}}}`;
    const cases: Record<string, string> = {
      damaged: '{"extensions": {"settings": {',
      deep,
      deepObject,
      settingsArray: '{"extensions":{"settings":[1,2,3]}}',
      wrongTypes: JSON.stringify({
        extensions: {
          settings: {
            aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa: { state: 'on', disable_reasons: { x: 1 }, manifest: { name: 42 } },
            bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb: null,
            cccccccccccccccccccccccccccccccc: { manifest: { name: ['VPN'] }, location: '5', path: 7 },
          },
        },
      }),
      nullJson: 'null',
      bom: `\ufeff${JSON.stringify({ extensions: { settings: { aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa: { manifest: { name: 'Touch VPN' } } } } })}`,
    };
    for (const [label, text] of Object.entries(cases)) {
      const mem = memoryIo('/h', { Preferences: text });
      const scan = await readExtensions({ browser: 'chromium-family', dir: '/h' }, mem);
      for (const p of scan.problems) expect(followsSentenceRule(p.message), `${label}: ${p.message}`).toBe(true);
      if (label === 'damaged') expect(scan.problems[0]?.code).toBe('browser-file-damaged');
      if (label === 'settingsArray') expect(scan.problems[0]?.code).toBe('browser-file-damaged');
      if (label === 'wrongTypes')
        expect(scan.extensions.map((e) => e.id)).toContain('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa');
      if (label === 'bom') expect(scan.extensions[0]).toMatchObject({ name: 'Touch VPN', risk: 'vpn-proxy' });
    }
    const firefox = ['{"addons": 5}', '{"addons": [null, 1, "x", {"id": 3}, {"id": "a@b", "active": "yes"}]}', '[]'];
    for (const text of firefox) {
      const scan = await readExtensions({ browser: 'firefox', dir: '/f' }, memoryIo('/f', { 'extensions.json': text }));
      for (const p of scan.problems) expect(followsSentenceRule(p.message)).toBe(true);
    }
  });

  it('turns a reader that throws or hangs into a plain sentence', async () => {
    const throwing: ProfileIo = {
      async readFile() {
        throw new Error('EACCES: permission denied, open /secret/path');
      },
      async readdir() {
        return null;
      },
    };
    const scan = await readExtensions({ browser: 'firefox', dir: '/f' }, throwing);
    expect(scan.problems).toEqual([
      { code: 'browser-file-unreadable', message: "The browser's add-on list could not be read." },
    ]);
    vi.useFakeTimers();
    try {
      const hanging: ProfileIo = { readFile: () => new Promise(() => {}), readdir: async () => null };
      const pending = readExtensions({ browser: 'chromium-family', dir: '/h' }, hanging);
      await vi.advanceTimersByTimeAsync(READ_TIMEOUT_MS * 2 + 10);
      expect((await pending).problems).toEqual([
        { code: 'browser-file-timeout', message: 'A browser file took too long to read.' },
      ]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('says plainly when the profile has no extension list at all', async () => {
    const scan = await readExtensions({ browser: 'chromium-family', dir: '/none' }, memoryIo('/none', {}));
    expect(scan.problems.map((p) => p.code)).toEqual(['browser-profile-empty']);
    expect(await listExtensions({ browser: 'chromium-family', dir: '/none' }, memoryIo('/none', {}))).toEqual([]);
  });
});

describe('extension findings', () => {
  it('tells each enabled risky extension with where to turn it off, in whole sentences', async () => {
    const profile = {
      browser: 'chromium-family' as const,
      dir: join(FIXTURES, 'chromium-default'),
      product: 'chrome' as const,
    };
    const findings = extensionFindings(await listExtensions(profile, io), profile);
    expect(findings.map((f) => [f.id, f.kind, f.severity])).toEqual([
      ['risky-extension:chromium-family:cjpalhdlnbpafiamejdnhcphjbkeiagm', 'risky-extension', 'info'],
      ['risky-extension:chromium-family:abcdefghijklmnopabcdefghijklmnop', 'risky-extension', 'warning'],
    ]);
    const vpn = findings[1];
    expect(vpn?.title).toBe(
      'The Chrome extension “Kostenloses VPN – unbegrenzt” sends the browser through another address.',
    );
    expect(vpn?.detail).toContain('chrome://extensions');
    for (const f of findings) {
      expect(followsSentenceRule(f.title), f.title).toBe(true);
      expect(followsSentenceRule(f.detail), f.detail).toBe(true);
    }
  });

  it('keeps the sentence rule with hostile names', () => {
    const names = [
      'VPN. now',
      'proxy  ..  x',
      '\u0000\u001bVPN\n\t!',
      '',
      '   ',
      'a ? b ! c . VPN',
      '. VPN',
      'VPN ,;:',
    ];
    for (const name of names) {
      const [f] = extensionFindings([{ id: 'x', name, enabled: true, risk: 'vpn-proxy', where: 'about:addons' }], {
        browser: 'firefox',
        dir: '/f',
      });
      expect(f, name).toBeDefined();
      expect(followsSentenceRule(f?.title ?? ''), `${JSON.stringify(name)} → ${f?.title}`).toBe(true);
      expect(quoteName(name).startsWith('“')).toBe(true);
    }
  });
});

describe('time budget', () => {
  it('names the rest by id once reading the extensions takes too long', async () => {
    vi.useFakeTimers();
    try {
      const ids = [...'abcdef'].map((c) => c.repeat(32));
      const prefs = JSON.stringify({ extensions: { settings: Object.fromEntries(ids.map((id) => [id, {}])) } });
      const slow: ProfileIo = {
        async readFile(path) {
          if (path === '/s/Preferences') return prefs;
          // Each manifest answers just inside the per-read limit.
          await new Promise((r) => setTimeout(r, READ_TIMEOUT_MS - 1));
          return JSON.stringify({ name: 'Touch VPN', version: '1' });
        },
        async readdir(path) {
          return path.endsWith('Preferences') ? null : ['1_0'];
        },
      };
      const pending = readExtensions({ browser: 'chromium-family', dir: '/s' }, slow);
      await vi.advanceTimersByTimeAsync(SCAN_BUDGET_MS * 2);
      const scan = await pending;
      expect(scan.extensions[0]?.name).toBe('Touch VPN');
      expect(scan.extensions.at(-1)?.name).toBe(ids[5]);
      expect(scan.extensions).toHaveLength(6);
      expect(scan.problems.map((p) => p.code)).toEqual(['browser-file-timeout']);
      for (const p of scan.problems) expect(followsSentenceRule(p.message)).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});
