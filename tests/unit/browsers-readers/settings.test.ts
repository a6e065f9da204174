import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeProfileIo } from '../../../electron/services/browsers/extensions';
import {
  parsePrefLine,
  parsePrefs,
  patternMatch,
  readBlockingSettings,
  settingsFindings,
  siteHost,
} from '../../../electron/services/browsers/settings';
import { followsSentenceRule } from '../../../shared/text';
import { FIXTURES, memoryIo } from './io';

const io = nodeProfileIo();
const SITES = ['https://chatgpt.com/', 'openai.com', 'example.org'];

function prefsIo(prefs: unknown) {
  return memoryIo('/p', { Preferences: JSON.stringify(prefs) });
}
const chromium = { browser: 'chromium-family' as const, dir: '/p', product: 'chrome' as const };

describe('Chromium blocking settings', () => {
  it('reads the default blocks, site exceptions and third-party cookie blocking of an older profile', async () => {
    const profile = {
      browser: 'chromium-family' as const,
      dir: join(FIXTURES, 'chromium-legacy'),
      product: 'edge' as const,
    };
    const scan = await readBlockingSettings(profile, io, SITES);
    expect(scan.problems).toEqual([]);
    expect(scan.settings).toEqual([
      // Cookies blocked by default; example.org has its own allow, so only the other two are affected.
      {
        id: 'cookies:everywhere',
        setting: 'cookies',
        scope: 'everywhere',
        sites: ['chatgpt.com', 'openai.com'],
        severity: 'problem',
        where: 'edge://settings/content/cookies',
        value: '2',
      },
      {
        id: 'javascript:site:chatgpt.com',
        setting: 'javascript',
        scope: 'site',
        sites: ['chatgpt.com'],
        severity: 'problem',
        where: 'edge://settings/content/siteDetails?site=https%3A%2F%2Fchatgpt.com',
        value: '2',
      },
      {
        id: 'third-party-cookies:everywhere',
        setting: 'third-party-cookies',
        scope: 'everywhere',
        sites: ['chatgpt.com', 'openai.com', 'example.org'],
        severity: 'info',
        where: 'edge://settings/content/cookies',
        value: '1',
      },
    ]);
  });

  it('lets a site allow win over a default block', async () => {
    const profile = { browser: 'chromium-family' as const, dir: join(FIXTURES, 'chromium-secure-only') };
    const scan = await readBlockingSettings(profile, io, ['chatgpt.com', 'claude.ai']);
    expect(scan.settings).toEqual([
      expect.objectContaining({
        id: 'javascript:everywhere',
        sites: ['claude.ai'],
        where: 'chrome://settings/content/javascript',
      }),
    ]);
    const allAllowed = await readBlockingSettings(profile, io, ['chatgpt.com']);
    expect(allAllowed.settings).toEqual([]);
  });

  it('reports a default block even with no site asked about, and the old JavaScript switch', async () => {
    const scan = await readBlockingSettings(
      chromium,
      prefsIo({ webkit: { webprefs: { javascript_enabled: false } } }),
      [],
    );
    expect(scan.settings.map((s) => s.id)).toEqual(['javascript:everywhere']);
    const none = await readBlockingSettings(chromium, prefsIo({ profile: { cookie_controls_mode: 2 } }), SITES);
    expect(none.settings).toEqual([]);
  });

  it('matches Chromium patterns the way the browser does, most specific first', async () => {
    expect(patternMatch('[*.]chatgpt.com,*', 'chatgpt.com')).toBeGreaterThan(0);
    expect(patternMatch('[*.]chatgpt.com,*', 'auth.chatgpt.com')).toBeGreaterThan(0);
    expect(patternMatch('[*.]chatgpt.com,*', 'notchatgpt.com')).toBe(-1);
    expect(patternMatch('https://chatgpt.com:443,*', 'chatgpt.com')).toBeGreaterThan(0);
    expect(patternMatch('http://chatgpt.com,*', 'chatgpt.com')).toBe(-1);
    expect(patternMatch('https://chatgpt.com:8443,*', 'chatgpt.com')).toBe(-1);
    expect(patternMatch('[*.]chatgpt.com,https://other.com', 'chatgpt.com')).toBe(-1);
    expect(patternMatch('*,*', 'chatgpt.com')).toBe(0);
    expect(patternMatch('chatgpt.com', 'chatgpt.com')).toBeGreaterThan(
      patternMatch('[*.]chatgpt.com,*', 'chatgpt.com'),
    );
    const scan = await readBlockingSettings(
      chromium,
      prefsIo({
        profile: {
          content_settings: {
            exceptions: {
              cookies: {
                '[*.]openai.com,*': { setting: 2 },
                'https://auth.openai.com:443,*': { setting: 1 },
                '*,*': { setting: 1 },
              },
            },
          },
        },
      }),
      ['auth.openai.com', 'openai.com'],
    );
    expect(scan.settings.map((s) => s.id)).toEqual(['cookies:site:openai.com']);
  });

  it('turns sites into hosts', () => {
    expect(siteHost('https://ChatGPT.com:443/c/1?x#y')).toBe('chatgpt.com');
    expect(siteHost(' openai.com ')).toBe('openai.com');
    expect(siteHost('')).toBeNull();
    expect(siteHost('https://user@evil')).toBeNull();
  });

  it('survives hostile settings files', async () => {
    const texts = [
      '{',
      'null',
      '[1,2]',
      JSON.stringify({
        profile: {
          default_content_setting_values: { cookies: '2' },
          content_settings: { exceptions: { cookies: [1] } },
        },
      }),
      JSON.stringify({
        profile: {
          content_settings: {
            exceptions: {
              cookies: { '[*.]chatgpt.com,*': { setting: '2' }, [`${'x'.repeat(5000)},*`]: { setting: 2 } },
            },
          },
        },
      }),
      `{"profile":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}`,
    ];
    for (const text of texts) {
      const scan = await readBlockingSettings(chromium, memoryIo('/p', { Preferences: text }), SITES);
      expect(scan.settings).toEqual([]);
      for (const p of scan.problems) expect(followsSentenceRule(p.message), p.message).toBe(true);
    }
    const big = await readBlockingSettings(
      chromium,
      memoryIo('/p', { Preferences: 'x'.repeat(9 * 1024 * 1024) }),
      SITES,
    );
    expect(big.problems).toEqual([
      { code: 'browser-file-too-large', message: "The browser's settings file is too large to read safely." },
    ]);
  });
});

describe('Firefox blocking settings', () => {
  it('reads prefs.js then user.js; a profile without permissions.sqlite has no site exceptions to miss', async () => {
    const profile = { browser: 'firefox' as const, dir: join(FIXTURES, 'firefox-default-release') };
    const scan = await readBlockingSettings(profile, io, ['chatgpt.com']);
    expect(scan.problems).toEqual([]);
    expect(scan.settings.map((s) => [s.id, s.severity, s.where])).toEqual([
      ['cookies:everywhere', 'problem', 'about:preferences#privacy'],
      ['javascript:everywhere', 'problem', 'about:config → javascript.enabled'],
      ['user-agent:everywhere', 'warning', 'about:config → general.useragent.override'],
      ['fingerprinting:everywhere', 'info', 'about:config → privacy.resistFingerprinting'],
    ]);
    expect(scan.notRead).toEqual([]);
  });

  it('tells third-party cookie blocking apart from blocking all cookies', async () => {
    const read = async (behavior: number) =>
      (
        await readBlockingSettings(
          { browser: 'firefox', dir: '/f' },
          memoryIo('/f', { 'prefs.js': `user_pref("network.cookie.cookieBehavior", ${behavior});\n` }),
          [],
        )
      ).settings.map((s) => s.id);
    expect(await read(0)).toEqual([]);
    expect(await read(1)).toEqual(['third-party-cookies:everywhere']);
    expect(await read(2)).toEqual(['cookies:everywhere']);
    expect(await read(5)).toEqual([]);
  });

  it('parses pref lines with a tokenizer, not eval', () => {
    expect(parsePrefLine('user_pref("javascript.enabled", false);')).toEqual({
      name: 'javascript.enabled',
      value: false,
    });
    expect(parsePrefLine('  user_pref("a.b", -12); // note')).toEqual({ name: 'a.b', value: -12 });
    expect(parsePrefLine("user_pref('s', 'it\\'s \\u0041 \\x42');")).toEqual({ name: 's', value: "it's A B" });
    expect(parsePrefLine('pref("x", true, sticky);')).toEqual({ name: 'x', value: true });
    expect(parsePrefLine('user_pref("x", process.exit(1));')).toBeNull();
    expect(parsePrefLine('user_pref("x", 1')).toBeNull();
    expect(parsePrefLine('user_pref("unterminated, 1);')).toBeNull();
    expect(parsePrefLine('// user_pref("javascript.enabled", false);')).toBeNull();
    expect(parsePrefLine(`user_pref("${'a'.repeat(200_000)}", 1);`)).toBeNull();
    const prefs = parsePrefs(
      'user_pref("a", 1);\r\n/* user_pref("a", 2);\nuser_pref("a", 3); */\nuser_pref("b", "x");\nuser_pref("a", 4);',
    );
    expect([...prefs]).toEqual([
      ['a', 4],
      ['b', 'x'],
    ]);
    const start = performance.now();
    parsePrefs(`user_pref("${'\\'.repeat(1_000_000)}`);
    parsePrefs('user_pref("a", 1);\n'.repeat(200_000));
    expect(performance.now() - start).toBeLessThan(2_000);
  });

  it('says so when a profile has no settings files', async () => {
    const scan = await readBlockingSettings({ browser: 'firefox', dir: '/f' }, memoryIo('/f', {}), []);
    expect(scan.problems.map((p) => p.code)).toEqual(['browser-profile-empty']);
  });
});

/**
 * A Firefox profile whose permissions.sqlite is made by Python's sqlite3 with Firefox's own schema
 * (PermissionManager.cpp, schema version 12: `moz_perms`, plus the legacy `moz_hosts` it keeps).
 */
function firefoxWithPermissions(
  rows: [origin: string, type: string, permission: number, expireType?: number, expireTime?: number][],
  prefs = '',
) {
  const dir = mkdtempSync(join(tmpdir(), 'ad-ff-perms-'));
  writeFileSync(join(dir, 'prefs.js'), prefs);
  execFileSync('python3', [
    '-c',
    `import sqlite3, sys, json
db = sqlite3.connect(sys.argv[1])
db.executescript('''
CREATE TABLE moz_perms (id INTEGER PRIMARY KEY,origin TEXT,type TEXT,permission INTEGER,expireType INTEGER,expireTime INTEGER,modificationTime INTEGER);
CREATE TABLE moz_hosts (id INTEGER PRIMARY KEY,host TEXT,type TEXT,permission INTEGER,expireType INTEGER,expireTime INTEGER,modificationTime INTEGER,isInBrowserElement INTEGER);
PRAGMA user_version = 12;
''')
for origin, kind, permission, expire_type, expire_time in json.loads(sys.argv[2]):
    db.execute('INSERT INTO moz_perms (origin,type,permission,expireType,expireTime,modificationTime) VALUES (?,?,?,?,?,?)', (origin, kind, permission, expire_type, expire_time, 1700000000000))
db.commit()
db.close()`,
    join(dir, 'permissions.sqlite'),
    JSON.stringify(rows.map(([o, t, p, et = 0, ex = 0]) => [o, t, p, et, ex])),
  ]);
  return { browser: 'firefox' as const, dir };
}

describe('Firefox site exceptions (permissions.sqlite)', () => {
  const MANAGE =
    'Settings › Privacy & Security › Cookies and Site Data › Manage Exceptions (about:preferences#privacy)';

  it('turns a cookie block for the site into a finding with the place to undo it; parents, containers and the most specific rule count', async () => {
    const profile = firefoxWithPermissions([
      ['https://chatgpt.com', 'cookie', 2],
      ['http://chatgpt.com', 'cookie', 1],
      ['https://openai.com', 'cookie', 2],
      ['https://platform.openai.com', 'cookie', 1],
      ['https://example.org^userContextId=2', 'cookie', 2],
      ['https://notclaude.ai', 'cookie', 2],
      ['https://claude.ai', 'geo', 2],
      ['https://expired.test', 'cookie', 2, 2, Date.now() - 60_000],
      ['https://later.test', 'cookie', 2, 2, Date.now() + 3_600_000],
    ]);
    const sites = [
      'chatgpt.com',
      'auth.openai.com',
      'platform.openai.com',
      'example.org',
      'claude.ai',
      'expired.test',
      'later.test',
    ];
    const scan = await readBlockingSettings(profile, io, sites);
    expect(scan.problems).toEqual([]);
    expect(scan.notRead).toEqual([]);
    expect(scan.settings.map((s) => [s.id, s.scope, s.sites, s.value])).toEqual([
      ['cookies:site:chatgpt.com', 'site', ['chatgpt.com'], '2'],
      ['cookies:site:auth.openai.com', 'site', ['auth.openai.com'], '2'],
      ['cookies:site:example.org', 'site', ['example.org'], '2'],
      ['cookies:site:later.test', 'site', ['later.test'], '2'],
    ]);
    expect(scan.settings[0]?.where).toBe(`${MANAGE}, or the padlock beside chatgpt.com in the address bar`);
    const findings = settingsFindings(scan, profile);
    expect(findings[0]?.title).toBe('Firefox blocks cookies for chatgpt.com.');
    for (const f of findings) {
      expect(followsSentenceRule(f.title)).toBe(true);
      expect(followsSentenceRule(f.detail)).toBe(true);
      expect(f.detail).toContain('Manage Exceptions');
    }
  });

  it('leaves a site with its own allow out of "cookies blocked everywhere"', async () => {
    const profile = firefoxWithPermissions(
      [
        ['https://chatgpt.com', 'cookie', 1],
        ['https://openai.com', 'cookie', 8],
      ],
      'user_pref("network.cookie.cookieBehavior", 2);\n',
    );
    const scan = await readBlockingSettings(profile, io, ['chatgpt.com', 'auth.openai.com', 'example.org']);
    expect(scan.settings.map((s) => [s.id, s.sites])).toEqual([['cookies:everywhere', ['example.org']]]);
    const allAllowed = await readBlockingSettings(profile, io, ['chatgpt.com']);
    expect(allAllowed.settings).toEqual([]);
  });

  it('says so, in a sentence, when the exceptions cannot be read or are not saved yet', async () => {
    const damaged = firefoxWithPermissions([['https://chatgpt.com', 'cookie', 2]]);
    writeFileSync(
      join(damaged.dir, 'permissions.sqlite'),
      'not a database, just text long enough to pass a size check '.repeat(3),
    );
    const unsaved = firefoxWithPermissions([['https://chatgpt.com', 'cookie', 2]]);
    writeFileSync(join(unsaved.dir, 'permissions.sqlite-wal'), 'pending');
    for (const profile of [damaged, unsaved]) {
      const scan = await readBlockingSettings(profile, io, ['chatgpt.com']);
      expect(scan.problems).toEqual([]);
      expect(scan.settings).toEqual([]);
      expect(scan.notRead).toHaveLength(1);
      expect(followsSentenceRule(scan.notRead[0] ?? '')).toBe(true);
    }
  });
});

describe('settings findings', () => {
  it('words every setting in whole sentences and says where to change it', async () => {
    const scans = [
      [
        { browser: 'firefox' as const, dir: join(FIXTURES, 'firefox-default-release') },
        await readBlockingSettings({ browser: 'firefox', dir: join(FIXTURES, 'firefox-default-release') }, io, SITES),
      ],
      [
        { browser: 'chromium-family' as const, dir: join(FIXTURES, 'chromium-legacy'), product: 'brave' as const },
        await readBlockingSettings(
          { browser: 'chromium-family', dir: join(FIXTURES, 'chromium-legacy'), product: 'brave' },
          io,
          SITES,
        ),
      ],
    ] as const;
    const kinds = new Set<string>();
    for (const [profile, scan] of scans) {
      const findings = settingsFindings(scan, profile);
      expect(findings).toHaveLength(scan.settings.length);
      for (const [i, f] of findings.entries()) {
        kinds.add(scan.settings[i]?.setting ?? '');
        expect(f.kind).toBe('blocking-setting');
        expect(followsSentenceRule(f.title), f.title).toBe(true);
        expect(followsSentenceRule(f.detail), f.detail).toBe(true);
        expect(f.detail).toContain(scan.settings[i]?.where);
      }
    }
    expect([...kinds].sort()).toEqual(['cookies', 'fingerprinting', 'javascript', 'third-party-cookies', 'user-agent']);
    const [brave] = settingsFindings(scans[1][1], scans[1][0]);
    expect(brave?.title).toBe('Brave blocks cookies on every site.');
  });
});
