import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createJournal, journaled } from '../../../electron/services/journal';

let dir: string;
let home: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ad-journal-'));
  home = mkdtempSync(join(tmpdir(), 'ad-home-'));
});

describe('change journal', () => {
  it('backs up files, and restore puts back the exact bytes and removes files that did not exist', async () => {
    const cookies = join(home, 'Cookies');
    const created = join(home, 'new-file');
    const original = Buffer.from([0, 1, 2, 250, 251, 252]);
    writeFileSync(cookies, original);
    const journal = createJournal({ dir });
    const entry = await journal.backupFiles('browser-site-data', 'Clear chatgpt.com cookies', [cookies, created]);
    expect(entry.state).toBe('open');
    writeFileSync(cookies, 'changed');
    writeFileSync(created, 'made by the change');
    await journal.markApplied(entry.id);

    const restored = await journal.restore(entry.id);
    expect(restored.state).toBe('restored');
    expect(readFileSync(cookies)).toEqual(original);
    expect(existsSync(created)).toBe(false);
    expect(readdirSync(home).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('lists entries newest first and reports unfinished (open) ones for restore at start', async () => {
    let t = Date.parse('2026-11-25T10:00:00Z');
    const tick = () => {
      t += 1000;
      return new Date(t);
    };
    const journal = createJournal({ dir, now: tick });
    const a = await journal.backupSettings('proxy-gnome', 'Turn proxy off', { mode: 'manual' });
    await journal.markApplied(a.id);
    const b = await journal.backupSettings('proxy-gnome', 'Turn proxy off again', { mode: 'auto' });
    const { entries: list } = await journal.list();
    expect(list.map((e) => e.id)).toEqual([b.id, a.id]);
    expect((await journal.unfinished()).map((e) => e.id)).toEqual([b.id]);
  });

  it('restores settings through the restorer registered for the kind, and refuses unknown kinds', async () => {
    const applied: Record<string, unknown>[] = [];
    const journal = createJournal({ dir, restorers: { 'proxy-gnome': async (v) => void applied.push(v) } });
    const entry = await journal.backupSettings('proxy-gnome', 'Turn proxy off', { mode: 'manual', host: 'p.example' });
    await journal.restore(entry.id);
    expect(applied).toEqual([{ mode: 'manual', host: 'p.example' }]);
    const other = await journal.backupSettings('proxy-windows', 'x', { ProxyEnable: 1 });
    await expect(journal.restore(other.id)).rejects.toMatchObject({ code: 'journal-no-restorer' });
  });

  it('journaled(): a change that throws is rolled back at once and the entry marked failed', async () => {
    const file = join(home, 'prefs.json');
    writeFileSync(file, '{"a":1}');
    const journal = createJournal({ dir });
    await expect(
      journaled(
        journal,
        () => journal.backupFiles('browser-settings', 'Enable cookies', [file]),
        async () => {
          writeFileSync(file, '{"a":');
          throw new Error('disk full');
        },
      ),
    ).rejects.toThrow('disk full');
    expect(readFileSync(file, 'utf8')).toBe('{"a":1}');
    const [entry] = (await journal.list()).entries;
    expect(entry).toMatchObject({ state: 'failed', error: 'disk full' });
  });

  it('refuses a damaged backup copy instead of restoring garbage, and rejects bad ids', async () => {
    const file = join(home, 'Cookies');
    writeFileSync(file, 'original');
    const journal = createJournal({ dir });
    const entry = await journal.backupFiles('browser-site-data', 'x', [file]);
    writeFileSync(join(dir, entry.id, 'file-0'), 'tampered');
    writeFileSync(file, 'changed');
    await expect(journal.restore(entry.id)).rejects.toMatchObject({ code: 'journal-corrupt' });
    expect(readFileSync(file, 'utf8')).toBe('changed');
    await expect(journal.get('../../etc')).rejects.toMatchObject({ code: 'journal-bad-id' });
  });
});
