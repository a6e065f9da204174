/** Start-up gathers what is wrong into sentences for the user and never throws. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../../electron/core/errors';
import { createJournal } from '../../../electron/services/journal';
import { checkStartup, startupFailure, startupNotice } from '../../../electron/startup';

const fresh = () => mkdtempSync(join(tmpdir(), 'ad-data-'));
const wholeSentences = (text: string) => expect(text).toMatch(/^[A-Z0-9].*\.$/);

describe('start-up problems', () => {
  it('nothing to say when all is well', async () => {
    const data = fresh();
    const report = await checkStartup({ dataDir: data, journal: createJournal({ dir: join(data, 'journal') }) });
    expect(report.messages).toEqual([]);
    expect(startupNotice(report)).toBeNull();
  });

  it('an unfinished change and a damaged entry are both reported, by id, without stopping', async () => {
    const data = fresh();
    const dir = join(data, 'journal');
    const journal = createJournal({ dir });
    const open = await journal.backupSettings('proxy-gnome', 'Turn proxy off', { mode: 'manual' });
    const damagedId = '20260101T000000-0000abcd';
    mkdirSync(join(dir, damagedId));
    writeFileSync(join(dir, damagedId, 'manifest.json'), 'null');

    const report = await checkStartup({ dataDir: data, journal });
    expect(report.unfinished.map((e) => e.id)).toEqual([open.id]);
    expect(report.damaged.map((d) => d.id)).toEqual([damagedId]);
    expect(report.messages).toEqual([
      'One change did not finish. Open Backups to restore what it changed.',
      `Backup ${damagedId} is damaged and cannot be restored; it is left as it is.`,
    ]);
    const notice = startupNotice(report);
    expect(notice?.body).toContain(damagedId);
  });

  it('a data folder and a journal that cannot be read become messages, not a thrown error', async () => {
    const data = join(fresh(), 'data');
    writeFileSync(data, 'a file where the folder should be');
    const report = await checkStartup({ dataDir: data, journal: createJournal({ dir: join(data, 'journal') }) });
    expect(report.messages).toHaveLength(2);
    expect(report.messages[0]).toContain(`cannot read its data folder (${data})`);
    expect(report.messages[1]).toMatch(/^The list of backups could not be read/);
    for (const m of report.messages) wholeSentences(m);
  });

  it('a journal whose listing throws something unexpected is still only a message', async () => {
    const report = await checkStartup({
      dataDir: fresh(),
      journal: {
        list: async () => {
          throw new TypeError('Cannot read properties of null');
        },
      },
      checkDataDir: async () => undefined,
    });
    expect(report.messages).toEqual([
      'The list of backups could not be read, so unfinished changes cannot be offered for restore.',
    ]);
  });

  it('a start that throws is told in words, never with internals', () => {
    const plain = startupFailure(new TypeError('x is undefined at start (main.ts:12)'));
    expect(plain.body).not.toContain('main.ts');
    wholeSentences(plain.body);
    const known = startupFailure(new AppFailure('journal-unreadable', 'The folder of backups cannot be read.'));
    expect(known.body).toBe('The folder of backups cannot be read. Some parts may not work until it is started again.');
  });
});
