/** The journal from the CLI: entries the app wrote are listed and restored from the same folder. */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { journalDir, userDataDir } from '../../electron/paths';
import { createJournal } from '../../electron/services/journal';
import type { BackupListing } from '../../shared/model';
import { runCli } from '../support/run-cli';

describe('access-doctor backups', () => {
  it('lists the app’s backups and restores one byte for byte; bad ids are usage errors', async () => {
    const config = mkdtempSync(join(tmpdir(), 'ad-xdg-'));
    const env = { XDG_CONFIG_HOME: config };
    const dir = journalDir(userDataDir({ XDG_CONFIG_HOME: config }, 'linux'));
    const cookies = join(mkdtempSync(join(tmpdir(), 'ad-profile-')), 'Cookies');
    writeFileSync(cookies, 'original cookie rows');
    const journal = createJournal({ dir });
    const entry = await journal.backupFiles('browser-site-data', 'Clear chatgpt.com site data (Chromium, Default)', [
      cookies,
    ]);
    writeFileSync(cookies, 'rows after clearing');
    await journal.markApplied(entry.id);

    const empty = await runCli(['backups', 'list'], {
      env: { XDG_CONFIG_HOME: mkdtempSync(join(tmpdir(), 'ad-xdg-')) },
    });
    expect(empty.stdout).toContain('No backups');

    const list = await runCli(['backups', 'list', '--json'], { env });
    expect(list.code).toBe(0);
    const { entries, damaged } = JSON.parse(list.stdout) as BackupListing;
    expect(entries).toEqual([expect.objectContaining({ id: entry.id, state: 'applied', kind: 'browser-site-data' })]);
    expect(damaged).toEqual([]);

    const restore = await runCli(['backups', 'restore', entry.id], { env });
    expect(restore.code).toBe(0);
    expect(restore.stdout).toContain(`Restored ${entry.id}`);
    // The change's result was written over, so it was saved first, and the output says where.
    const saved = (await journal.get(entry.id)).savedAs;
    expect(restore.stdout).toContain(`The current files were saved as backup ${saved} first.`);
    expect(readFileSync(cookies, 'utf8')).toBe('original cookie rows');
    expect((await journal.get(entry.id)).state).toBe('restored');

    const bad = await runCli(['backups', 'restore', '../../etc/passwd'], { env });
    expect(bad.code).toBe(64);
    expect(bad.stderr).toMatch(/is not a backup id\./);
    const missing = await runCli(['backups', 'restore'], { env });
    expect(missing.code).toBe(64);
  });

  it('a damaged entry is one clear line in list and restore, never a stack trace, and the others still work', async () => {
    const config = mkdtempSync(join(tmpdir(), 'ad-xdg-'));
    const env = { XDG_CONFIG_HOME: config };
    const dir = journalDir(userDataDir({ XDG_CONFIG_HOME: config }, 'linux'));
    const home = mkdtempSync(join(tmpdir(), 'ad-profile-'));
    const cookies = join(home, 'Cookies');
    writeFileSync(cookies, 'original cookie rows');
    const journal = createJournal({ dir });
    const good = await journal.backupFiles('browser-site-data', 'Clear cookies', [cookies]);
    writeFileSync(cookies, 'rows after clearing');
    await journal.markApplied(good.id);

    const victim = join(home, 'victim');
    writeFileSync(victim, 'untouched');
    const ids = ['20260101T000001-0000abcd', '20260101T000002-0000abcd'];
    const manifests = [
      'null',
      JSON.stringify({
        id: ids[1],
        createdAt: 'x',
        updatedAt: 'x',
        kind: 'k',
        description: 'd',
        state: 'applied',
        files: [{ path: victim, existed: true, copy: '../../x', sha256: 'a'.repeat(64) }],
      }),
    ];
    ids.forEach((id, i) => {
      mkdirSync(join(dir, id), { recursive: true });
      writeFileSync(join(dir, id, 'manifest.json'), manifests[i] as string);
    });

    const list = await runCli(['backups', 'list'], { env });
    expect(list.code).toBe(0);
    expect(list.stdout).toContain(good.id);
    for (const id of ids) {
      const lines = list.stdout.split('\n').filter((l) => l.includes(id));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`^${id}  damaged, cannot be restored\\. .*\\.$`));
    }
    const json = JSON.parse((await runCli(['backups', 'list', '--json'], { env })).stdout) as BackupListing;
    expect(json.damaged.map((d) => d.id).sort()).toEqual(ids);

    for (const id of ids) {
      const restore = await runCli(['backups', 'restore', id], { env });
      expect(restore.code).toBe(1);
      expect(restore.stderr).toMatch(new RegExp(`^Backup ${id} is damaged, so it was not restored\\. .*\\.\\n$`));
      expect(restore.stderr).not.toMatch(/\bat \S+ \(|Error:/);
      expect(restore.stdout).toBe('');
    }
    expect(readFileSync(victim, 'utf8')).toBe('untouched');

    const restore = await runCli(['backups', 'restore', good.id], { env });
    expect(restore.code).toBe(0);
    expect(readFileSync(cookies, 'utf8')).toBe('original cookie rows');
  });
});
