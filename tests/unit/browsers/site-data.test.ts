import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clearSiteCookies, countSiteCookies, hostMatches } from '../../../electron/services/browsers/site-data';
import { createJournal } from '../../../electron/services/journal';
import type { BrowserProfile } from '../../../shared/model';
import { dumpCookies, hostIndex, LOOKALIKE_HOSTS, MATCHING_HOSTS, makeCookieDb } from './cookie-db';

const SITES = ['chatgpt.com', 'openai.com'];

function profile(family: 'chromium' | 'firefox', folder: string): BrowserProfile {
  return {
    browser: family === 'chromium' ? 'chrome' : 'firefox',
    browserName: family === 'chromium' ? 'Google Chrome' : 'Firefox',
    family,
    dataDir: folder,
    folder,
    id: 'Default',
    name: 'Work',
    inUse: true,
    running: false,
  };
}

const belongs = (host: string) => SITES.some((s) => hostMatches(host, s));

describe('hostMatches', () => {
  it('matches the host, a leading-dot host and subdomains, never a suffix or a look-alike', () => {
    for (const h of MATCHING_HOSTS) expect(belongs(h), h).toBe(true);
    for (const h of LOOKALIKE_HOSTS) expect(belongs(h), h).toBe(false);
    expect(hostMatches('', 'chatgpt.com')).toBe(false);
    expect(hostMatches('.', 'chatgpt.com')).toBe(false);
  });
});

describe.each(['chromium', 'firefox'] as const)('%s cookies', (family) => {
  const setup = () => {
    const dir = mkdtempSync(join(tmpdir(), `ad-${family}-`));
    const folder = join(dir, 'profile');
    mkdirSync(join(folder, 'Network'), { recursive: true });
    const db = family === 'chromium' ? join(folder, 'Network', 'Cookies') : join(folder, 'cookies.sqlite');
    makeCookieDb(db, family, 4000, 7);
    return { dir, folder, db, journal: createJournal({ dir: join(dir, 'journal') }) };
  };

  it('counts, clears exactly the sites’ rows, keeps every other row identical, and the backup restores the bytes', async () => {
    const { folder, db, journal } = setup();
    const before = dumpCookies(db, family);
    const original = readFileSync(db);
    const hi = hostIndex(before, family);
    const expected = before.rows.filter((r) => belongs(String(r[hi]))).length;
    expect(expected).toBeGreaterThan(40);

    const count = await countSiteCookies(profile(family, folder), SITES);
    expect(count.cookies).toBe(expected);
    expect(readFileSync(db).equals(original)).toBe(true);

    const result = await clearSiteCookies(profile(family, folder), SITES, { journal, stillRunning: async () => false });
    expect(result.removedCookies).toBe(expected);
    expect((result.bySite['chatgpt.com'] ?? 0) + (result.bySite['openai.com'] ?? 0)).toBe(expected);

    const after = dumpCookies(db, family);
    expect(after.integrity).toBe('ok');
    expect(after.columns).toEqual(before.columns);
    expect(after.rows).toEqual(before.rows.filter((r) => !belongs(String(r[hi]))));
    expect(after.rows.some((r) => LOOKALIKE_HOSTS.includes(String(r[hi])))).toBe(true);
    // Deleted values are zeroed, not left in free pages.
    expect(readFileSync(db).includes(Buffer.from('auth.chatgpt.com'))).toBe(false);

    const entry = await journal.get(result.backupId);
    expect(entry.kind).toBe('browser-site-data');
    expect(entry.state).toBe('applied');
    expect(entry.files.map((f) => f.path)).toEqual([db, `${db}-wal`, `${db}-shm`, `${db}-journal`]);
    await journal.restore(result.backupId);
    expect(readFileSync(db).equals(original)).toBe(true);
  });

  it('refuses a database whose WAL or journal still holds changes, and a running browser', async () => {
    const { folder, db, journal } = setup();
    const original = readFileSync(db);
    writeFileSync(`${db}-wal`, 'pending');
    const p = profile(family, folder);
    await expect(clearSiteCookies(p, SITES, { journal, stillRunning: async () => false })).rejects.toThrow(
      `Close ${p.browserName} once so it saves its cookies, then try again.`,
    );
    await expect(countSiteCookies(p, SITES)).rejects.toThrow(/saves its cookies/);
    writeFileSync(`${db}-wal`, '');
    // A rollback journal that still holds a transaction is refused; a finished (zeroed) one is not.
    writeFileSync(`${db}-journal`, Buffer.concat([Buffer.from('d9d505f920a163d7', 'hex'), Buffer.alloc(504)]));
    await expect(countSiteCookies(p, SITES)).rejects.toThrow(/saves its cookies/);
    writeFileSync(`${db}-journal`, Buffer.alloc(512));
    await expect(countSiteCookies(p, SITES)).resolves.toEqual(expect.objectContaining({ cookies: expect.any(Number) }));
    await expect(
      clearSiteCookies({ ...p, running: true }, SITES, { journal, stillRunning: async () => true }),
    ).rejects.toThrow(`Close ${p.browserName} first`);
    // Started between the read and the write: rolled back, entry marked failed.
    await expect(clearSiteCookies(p, SITES, { journal, stillRunning: async () => true })).rejects.toThrow(/is running/);
    expect(readFileSync(db).equals(original)).toBe(true);
    expect((await journal.list()).entries.map((e) => e.state)).toEqual(['failed']);
  });
});

describe('untrusted files', () => {
  it('leaves a file that is not SQLite or has another layout alone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ad-bad-'));
    writeFileSync(
      join(dir, 'Cookies'),
      'not a database at all, just text that is long enough to pass a size check '.repeat(3),
    );
    const journal = createJournal({ dir: join(dir, 'journal') });
    await expect(countSiteCookies(profile('chromium', dir), SITES)).rejects.toThrow(/is not a SQLite database/);
    const ff = mkdtempSync(join(tmpdir(), 'ad-bad-'));
    makeCookieDb(join(ff, 'cookies.sqlite'), 'chromium', 10);
    await expect(
      clearSiteCookies(profile('firefox', ff), SITES, { journal, stillRunning: async () => false }),
    ).rejects.toThrow(/not laid out as Access Doctor expects/);
  });
});

describe('origin storage', () => {
  it('removes the sites’ IndexedDB folders after backing up their files, keeps look-alikes, and restores them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ad-origins-'));
    const folder = join(dir, 'Default');
    mkdirSync(folder, { recursive: true });
    makeCookieDb(join(folder, 'Cookies'), 'chromium', 500);
    const idb = join(folder, 'IndexedDB');
    for (const name of [
      'https_chatgpt.com_0.indexeddb.leveldb',
      'https_auth.openai.com_0.indexeddb.blob',
      'https_notchatgpt.com_0.indexeddb.leveldb',
    ]) {
      mkdirSync(join(idb, name, 'sub'), { recursive: true });
      writeFileSync(join(idb, name, 'sub', '000003.log'), `data of ${name}`);
    }
    const journal = createJournal({ dir: join(dir, 'journal') });
    const p = { ...profile('chromium', folder), id: 'Default' };
    const result = await clearSiteCookies(p, SITES, { journal, stillRunning: async () => false });
    expect(result.removedOrigins).toEqual([
      join('IndexedDB', 'https_auth.openai.com_0.indexeddb.blob'),
      join('IndexedDB', 'https_chatgpt.com_0.indexeddb.leveldb'),
    ]);
    expect(result.originsLeft).toEqual([]);
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(idb)).toEqual(['https_notchatgpt.com_0.indexeddb.leveldb']);
    await journal.restore(result.backupId);
    expect(readFileSync(join(idb, 'https_chatgpt.com_0.indexeddb.leveldb', 'sub', '000003.log'), 'utf8')).toBe(
      'data of https_chatgpt.com_0.indexeddb.leveldb',
    );
  });

  it('leaves folders holding a link in place and says so; origins alone can be cleared', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ad-origins-'));
    const folder = join(dir, 'ff');
    const origin = join(folder, 'storage', 'default', 'https+++chatgpt.com');
    mkdirSync(origin, { recursive: true });
    const { symlinkSync } = await import('node:fs');
    symlinkSync('/etc/passwd', join(origin, 'link'));
    const journal = createJournal({ dir: join(dir, 'journal') });
    await expect(
      clearSiteCookies(profile('firefox', folder), SITES, { journal, stillRunning: async () => false }),
    ).rejects.toThrow(/could not be backed up safely/);
    const other = join(folder, 'storage', 'default', 'https+++openai.com^userContextId=2');
    mkdirSync(other);
    writeFileSync(join(other, '.metadata-v2'), 'm');
    const { rmSync } = await import('node:fs');
    rmSync(join(origin, 'link'));
    const result = await clearSiteCookies(profile('firefox', folder), SITES, {
      journal,
      stillRunning: async () => false,
    });
    expect(result.removedCookies).toBe(0);
    expect(result.removedOrigins).toHaveLength(2);
  });

  it('a damaged database is one sentence, not an engine error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ad-damaged-'));
    const db = join(dir, 'Cookies');
    makeCookieDb(db, 'chromium', 2000);
    const bytes = readFileSync(db);
    bytes.fill(0xa5, 4096 * 2, 4096 * 6);
    writeFileSync(db, bytes);
    await expect(countSiteCookies(profile('chromium', dir), SITES)).rejects.toThrow(
      /is damaged or not as expected, so it was left alone\.$/,
    );
  });

  it('refuses, changing nothing, when an index of the cookie table disagrees with the table', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ad-index-'));
    const db = join(dir, 'Cookies');
    makeCookieDb(db, 'chromium', 2000, 5);
    // An index SQLite believes complete but that holds no entry (made partial and empty, then declared
    // full through writable_schema): quick_check alone does not see it; counting every index does.
    execFileSync('python3', [
      '-c',
      `import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("CREATE INDEX by_name ON cookies(name) WHERE 0")
db.execute("PRAGMA writable_schema = ON")
db.execute("UPDATE sqlite_master SET sql = 'CREATE INDEX by_name ON cookies(name)' WHERE name = 'by_name'")
db.commit()
db.close()`,
      db,
    ]);
    const original = readFileSync(db);
    const journal = createJournal({ dir: join(dir, 'journal') });
    await expect(
      clearSiteCookies(profile('chromium', dir), SITES, { journal, stillRunning: async () => false }),
    ).rejects.toThrow(
      /(failed its check|is damaged or not as expected), so (nothing was changed|it was left alone)\.$/,
    );
    expect(readFileSync(db).equals(original)).toBe(true);
    expect((await journal.list()).entries).toEqual([]);
  });
});
