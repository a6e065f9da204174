/** Damaged manifests are listed by id and refused by restore; they never write anywhere or stop the rest. */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createJournal } from '../../../electron/services/journal';

let dir: string;
let home: string;
let victim: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ad-journal-'));
  home = mkdtempSync(join(tmpdir(), 'ad-home-'));
  victim = join(home, 'victim');
  writeFileSync(victim, 'untouched');
});

let n = 0;
/** Writes an entry folder by hand, with `manifest` as its manifest.json, and a copy file next to it. */
function plant(manifest: (id: string) => unknown, raw?: string): string {
  n += 1;
  const id = `20260101T0000${String(n).padStart(2, '0')}-0000abcd`;
  mkdirSync(join(dir, id), { recursive: true });
  writeFileSync(join(dir, id, 'file-0'), 'evil');
  const body = manifest(id);
  writeFileSync(join(dir, id, 'manifest.json'), raw ?? JSON.stringify(body));
  return id;
}

const sha = 'a'.repeat(64);
const valid = (id: string, file: Record<string, unknown>) => ({
  id,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  kind: 'browser-site-data',
  description: 'x',
  state: 'applied',
  files: [file],
});

const cases: [string, (id: string) => unknown, RegExp, string?][] = [
  ['null', () => null, /not a backup record/],
  ['an array', () => [], /not a backup record/],
  ['not JSON', () => undefined, /not readable/, '{"id": '],
  ['missing fields', (id) => ({ id }), /incomplete/],
  ['a file without a checksum', (id) => valid(id, { path: '/tmp/x', existed: true, copy: 'file-0' }), /incomplete/],
  [
    'a copy name with ..',
    (id) => valid(id, { path: victim, existed: true, copy: '../x', sha256: sha }),
    /copy outside its folder/,
  ],
  [
    'a copy name with a separator',
    (id) => valid(id, { path: victim, existed: true, copy: 'a/b', sha256: sha }),
    /copy outside its folder/,
  ],
  [
    'an absolute copy name',
    (id) => valid(id, { path: victim, existed: true, copy: '/etc/passwd', sha256: sha }),
    /copy outside its folder/,
  ],
  [
    'a relative file path',
    (id) => valid(id, { path: 'victim', existed: true, copy: 'file-0', sha256: sha }),
    /without a full path/,
  ],
  [
    'a copy the folder does not hold',
    (id) => valid(id, { path: victim, existed: true, copy: 'file-7', sha256: sha }),
    /copy of .* is missing/,
  ],
  ['another entry’s id', () => valid('20991231T235959-ffffffff', { path: victim, existed: false }), /another backup/],
  ['an unknown state', (id) => ({ ...valid(id, { path: victim, existed: false }), state: 'weird' }), /damaged/],
];

describe('damaged manifests', () => {
  it.each(cases)('%s: listed as damaged by id, restore refused, nothing written', async (_name, make, problem, raw) => {
    const journal = createJournal({ dir });
    const id = plant(make, raw);
    const { entries, damaged } = await journal.list();
    expect(entries).toEqual([]);
    expect(damaged).toEqual([{ id, problem: expect.stringMatching(problem) }]);
    expect(damaged[0]?.problem).toMatch(/\.$/);

    await expect(journal.restore(id)).rejects.toMatchObject({
      code: 'journal-damaged',
      message: expect.stringMatching(
        new RegExp(`^Backup ${id} is damaged, so it was not restored\\. .*Nothing was changed\\.$`),
      ),
    });
    expect(readFileSync(victim, 'utf8')).toBe('untouched');
    expect(readdirSync(home)).toEqual(['victim']);
    expect(readdirSync(join(dir, id)).sort()).toEqual(['file-0', 'manifest.json']);
  });

  it('a copy name pointing outside the folder is never read or written, even with a matching checksum', async () => {
    // The "copy" outside the entry's folder holds exactly the bytes the checksum promises.
    writeFileSync(join(dir, 'outside'), 'planted');
    const planted = createHash('sha256').update('planted').digest('hex');
    const journal = createJournal({ dir });
    const id = plant((i) => valid(i, { path: victim, existed: true, copy: '../outside', sha256: planted }));
    await expect(journal.restore(id)).rejects.toMatchObject({ code: 'journal-damaged' });
    expect(readFileSync(victim, 'utf8')).toBe('untouched');
  });

  it('one damaged entry does not stop the list, unfinished entries or other restores', async () => {
    const file = join(home, 'Cookies');
    writeFileSync(file, 'original');
    const journal = createJournal({ dir });
    const bad = plant(() => null);
    const good = await journal.backupFiles('browser-site-data', 'Clear cookies', [file]);
    const alsoBad = plant((id) => ({ id, files: 'nope' }));
    writeFileSync(file, 'changed');

    const { entries, damaged } = await journal.list();
    expect(entries.map((e) => e.id)).toEqual([good.id]);
    expect(damaged.map((d) => d.id).sort()).toEqual([bad, alsoBad].sort());
    expect((await journal.unfinished()).map((e) => e.id)).toEqual([good.id]);

    await journal.restore(good.id);
    expect(readFileSync(file, 'utf8')).toBe('original');
    expect(existsSync(join(dir, bad, 'manifest.json'))).toBe(true); // left as it is, for a person to look at
  });

  it('a folder of backups that cannot be read is one clear error, not an empty list', async () => {
    const notAFolder = join(home, 'journal');
    writeFileSync(notAFolder, 'a file where the folder should be');
    await expect(createJournal({ dir: notAFolder }).list()).rejects.toMatchObject({
      code: 'journal-unreadable',
      message: 'The folder of backups cannot be read: a file is where its folder should be.',
    });
    expect(await createJournal({ dir: join(home, 'not-yet') }).list()).toEqual({ entries: [], damaged: [] });
  });
});
