/** Restores are all-or-nothing, keep modes and links, and never write over a file without a copy. */
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../../electron/platform/fs';
import { createJournal, journaled } from '../../../electron/services/journal';

let dir: string;
let home: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ad-journal-'));
  home = mkdtempSync(join(tmpdir(), 'ad-home-'));
});

const read = (path: string) => readFileSync(path, 'utf8');
const mode = (path: string) => statSync(path).mode & 0o777;

/** Three files in three folders, backed up as "original N" and then changed to "changed N". */
async function threeFiles(journal = createJournal({ dir })) {
  const paths = ['a', 'b', 'c'].map((folder, i) => {
    mkdirSync(join(home, folder));
    const path = join(home, folder, `file-${i}`);
    writeFileSync(path, `original ${i}`);
    return path;
  });
  const entry = await journal.backupFiles('browser-site-data', 'Clear site data', paths);
  paths.forEach((p, i) => {
    writeFileSync(p, `changed ${i}`);
  });
  await journal.markApplied(entry.id);
  return { journal, entry, paths };
}

describe('restore is all or nothing', () => {
  it('checks every copy before writing: a damaged 2nd of 3 copies means no file is touched', async () => {
    const { journal, entry, paths } = await threeFiles();
    writeFileSync(join(dir, entry.id, 'file-1'), 'tampered 1'); // same size, different bytes
    await expect(journal.restore(entry.id)).rejects.toMatchObject({
      code: 'journal-corrupt',
      message: expect.stringMatching(/damaged, so nothing was restored\.$/),
    });
    expect(paths.map(read)).toEqual(['changed 0', 'changed 1', 'changed 2']);
    expect((await journal.get(entry.id)).state).toBe('applied');
    expect((await journal.list()).entries).toHaveLength(1); // no copy of the current files was needed
  });

  it('a write that fails midway puts back the files already written, and says so truthfully', async () => {
    const { journal, entry, paths } = await threeFiles();
    // The second file's folder is now a plain file: writing it fails after the first was restored.
    rmSync(join(home, 'b'), { recursive: true });
    writeFileSync(join(home, 'b'), 'not a folder');

    const failure = journal.restore(entry.id);
    await expect(failure).rejects.toMatchObject({ code: 'journal-restore-failed' });
    const message = (await failure.catch((e: Error) => e)) as Error;
    expect(message.message).toContain(`Backup ${entry.id} was not restored.`);
    expect(message.message).toContain(`${paths[1]} could not be written`);
    expect(message.message).toMatch(/put back as they were\.$/);
    expect(message.message).not.toMatch(/E[A-Z]{3,}/); // no error codes

    expect(read(paths[0] as string)).toBe('changed 0');
    expect(read(paths[2] as string)).toBe('changed 2');
    expect(read(join(home, 'b'))).toBe('not a folder');
    const after = await journal.get(entry.id);
    expect(after.state).toBe('applied'); // nothing changed, so it still is what it was
    expect(after.restoreError).toContain('could not be written');
  });

  it('a failure to put a written file back leaves the entry restore-failed, naming the file', async () => {
    let writes = 0;
    const journal = createJournal({
      dir,
      writeFile: async (path, data, fileMode) => {
        writes += 1;
        // 1st restore write succeeds, 2nd fails, and putting the 1st back fails too.
        if (writes >= 2) throw Object.assign(new Error('no space'), { code: 'ENOSPC' });
        await writeFileAtomic(path, data, fileMode);
      },
    });
    const { entry, paths } = await threeFiles(journal);
    await expect(journal.restore(entry.id)).rejects.toMatchObject({
      code: 'journal-restore-failed',
      message: expect.stringContaining(`These files could not be put back as they were: ${paths[0]}.`),
    });
    const after = await journal.get(entry.id);
    expect(after.state).toBe('restore-failed');
    expect(after.restoreError).toContain('the disk is full');
    expect((await journal.unfinished()).map((e) => e.id)).toContain(entry.id);
    // The files as they were before the restore are kept in their own entry.
    expect(after.savedAs).toBeUndefined();
    const saved = (await journal.list()).entries.find((e) => e.kind === 'pre-restore');
    expect(saved?.files.map((f) => f.path)).toEqual(paths);
  });

  it('a settings restorer that throws rolls the files back too', async () => {
    const file = join(home, 'proxy.conf');
    writeFileSync(file, 'mode=manual');
    const journal = createJournal({
      dir,
      restorers: {
        'proxy-env': async () => {
          throw new Error('the settings service did not answer');
        },
      },
    });
    const entry = await journal.backupFiles('proxy-env', 'Turn proxy off', [file], { mode: 'manual' });
    writeFileSync(file, 'mode=none');
    await expect(journal.restore(entry.id)).rejects.toMatchObject({
      code: 'journal-restore-failed',
      message: expect.stringContaining('The previous settings could not be put back.'),
    });
    expect(read(file)).toBe('mode=none');
  });
});

describe('journaled()', () => {
  it('keeps both errors when a change fails and its rollback fails too', async () => {
    mkdirSync(join(home, 'profile'));
    const file = join(home, 'profile', 'prefs.json');
    writeFileSync(file, '{"a":1}');
    const journal = createJournal({ dir });
    const run = journaled(
      journal,
      () => journal.backupFiles('browser-settings', 'Enable cookies', [file]),
      async () => {
        rmSync(join(home, 'profile'), { recursive: true });
        writeFileSync(join(home, 'profile'), 'broken'); // the rollback cannot write the file back
        throw new Error('disk full');
      },
    );
    await expect(run).rejects.toMatchObject({ code: 'journal-rollback-failed' });
    const error = (await run.catch((e: Error) => e)) as Error;
    expect(error.message).toMatch(/The change failed: disk full\./i);
    expect(error.message).toContain('Undoing it failed:');
    const [entry] = (await journal.list()).entries;
    expect(entry).toMatchObject({ state: 'rollback-failed', error: 'disk full' });
    expect(entry?.rollbackError).toContain(`${file} could not be written`);
    expect((await journal.unfinished()).map((e) => e.id)).toEqual([entry?.id]);
  });
});

describe('restore keeps what the file was', () => {
  it('gives back each file’s mode', async () => {
    const secret = join(home, 'Cookies');
    const script = join(home, 'hook.sh');
    writeFileSync(secret, 'rows');
    chmodSync(secret, 0o600);
    writeFileSync(script, '#!/bin/sh');
    chmodSync(script, 0o751);
    const journal = createJournal({ dir });
    const entry = await journal.backupFiles('browser-site-data', 'x', [secret, script]);
    rmSync(secret);
    writeFileSync(secret, 'new rows');
    chmodSync(secret, 0o666);
    chmodSync(script, 0o600);
    await journal.restore(entry.id);
    expect(mode(secret)).toBe(0o600);
    expect(mode(script)).toBe(0o751);
    expect(read(secret)).toBe('rows');
  });

  it('writes through a symbolic link to the file it pointed at, and refuses a link that now points elsewhere', async () => {
    const real = join(home, 'real-Cookies');
    const link = join(home, 'Cookies');
    writeFileSync(real, 'original');
    symlinkSync(real, link);
    const journal = createJournal({ dir });
    const entry = await journal.backupFiles('browser-site-data', 'x', [link]);
    writeFileSync(link, 'changed'); // through the link
    await journal.restore(entry.id);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(read(real)).toBe('original');

    writeFileSync(link, 'changed again');
    const other = join(home, 'other');
    writeFileSync(other, 'someone else’s file');
    rmSync(link);
    symlinkSync(other, link);
    await expect(journal.restore(entry.id)).rejects.toMatchObject({
      code: 'journal-refused',
      message: `${link} is now a link to another file. Nothing was restored.`,
    });
    expect(read(other)).toBe('someone else’s file');
    expect(read(real)).toBe('changed again');
  });
});

describe('nothing is overwritten without a copy', () => {
  it('restoring twice, over a file changed since, first saves the current file as a new backup', async () => {
    const file = join(home, 'Cookies');
    writeFileSync(file, 'original');
    const journal = createJournal({ dir });
    const entry = await journal.backupFiles('browser-site-data', 'x', [file]);
    writeFileSync(file, 'after the change');
    const first = await journal.restore(entry.id);
    expect(read(file)).toBe('original');
    expect(first.savedAs).toBeDefined();

    writeFileSync(file, 'a week of new cookies');
    const second = await journal.restore(entry.id);
    expect(read(file)).toBe('original');
    expect(second.state).toBe('restored');
    expect(second.savedAs).toBeDefined();
    expect(second.savedAs).not.toBe(first.savedAs);
    const saved = await journal.get(second.savedAs as string);
    expect(saved).toMatchObject({ kind: 'pre-restore', state: 'applied' });
    await journal.restore(saved.id);
    expect(read(file)).toBe('a week of new cookies');

    // Nothing differs from the backup: nothing to save.
    await journal.restore(entry.id);
    expect((await journal.restore(entry.id)).savedAs).toBeUndefined();
  });
});
