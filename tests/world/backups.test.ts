/** The journal from the CLI: entries the app wrote are listed and restored from the same folder. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { journalDir, userDataDir } from '../../electron/paths';
import { createJournal } from '../../electron/services/journal';
import type { BackupEntry } from '../../shared/model';
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
    const entries = JSON.parse(list.stdout) as BackupEntry[];
    expect(entries).toEqual([expect.objectContaining({ id: entry.id, state: 'applied', kind: 'browser-site-data' })]);

    const restore = await runCli(['backups', 'restore', entry.id], { env });
    expect(restore.code).toBe(0);
    expect(restore.stdout).toContain(`Restored ${entry.id}`);
    expect(readFileSync(cookies, 'utf8')).toBe('original cookie rows');
    expect((await journal.get(entry.id)).state).toBe('restored');

    const bad = await runCli(['backups', 'restore', '../../etc/passwd'], { env });
    expect(bad.code).toBe(64);
    expect(bad.stderr).toMatch(/Not a backup id/);
    const missing = await runCli(['backups', 'restore'], { env });
    expect(missing.code).toBe(64);
  });
});
