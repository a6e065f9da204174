/** `access-doctor backups list|restore ID`: the journal from the command line, same folder as the app's. */
import type { BackupEntry, BackupListing, DamagedBackup } from '../../shared/model';
import { sentences } from '../../shared/text';
import { AppFailure } from '../core/errors';
import { type Journal, summarize } from '../services/journal';
import { EXIT } from './exit-codes';

const STATE_TEXT: Record<BackupEntry['state'], string> = {
  open: 'unfinished (restore recommended)',
  applied: 'change applied',
  failed: 'change failed and was rolled back',
  'rollback-failed': 'change failed and rolling it back failed too (restore recommended)',
  restored: 'restored',
  'restore-failed': 'only partly restored (restore again recommended)',
};

export function formatBackups(entries: BackupEntry[], damaged: DamagedBackup[] = []): string {
  if (entries.length === 0 && damaged.length === 0) {
    return 'No backups: Access Doctor has not changed anything on this machine.';
  }
  return [
    ...entries.map((e) =>
      [
        `${e.id}  ${e.description}`,
        `  ${STATE_TEXT[e.state]} · ${e.kind} · ${e.createdAt}`,
        ...e.files.map((f) => `  file ${f.path}${f.existed ? ` (${f.size ?? '?'} bytes)` : ' (did not exist)'}`),
        ...(e.hasSettings ? ['  previous settings saved'] : []),
        ...[e.error, e.rollbackError, e.restoreError].flatMap((text) => (text ? [`  ${text}`] : [])),
        ...(e.savedAs ? [`  the files it wrote over are saved as backup ${e.savedAs}`] : []),
      ].join('\n'),
    ),
    ...damaged.map((d) => `${d.id}  damaged, cannot be restored. ${d.problem}`),
  ].join('\n');
}

/** The line `backups restore` prints after a restore. */
export function formatRestored(entry: BackupEntry): string {
  const saved = entry.savedAs ? `The current files were saved as backup ${entry.savedAs} first.` : '';
  return sentences(`Restored ${entry.id}: ${entry.description}`, saved);
}

export async function runBackups(
  sub: string | undefined,
  id: string | undefined,
  opts: { journal: Journal; print(json: unknown, text: string): void; stderr(text: string): void },
): Promise<number> {
  const { journal } = opts;
  try {
    if (sub === 'list' || sub === undefined) {
      const { entries, damaged } = await journal.list();
      const listing: BackupListing = { entries: entries.map(summarize), damaged };
      opts.print(listing, formatBackups(listing.entries, listing.damaged));
      return EXIT.ok;
    }
    if (sub === 'restore') {
      if (!id) {
        opts.stderr('The backups restore command needs the id of a backup (see `access-doctor backups list`).\n');
        return EXIT.usage;
      }
      const entry = summarize(await journal.restore(id));
      opts.print(entry, formatRestored(entry));
      return EXIT.ok;
    }
  } catch (error) {
    // Never a stack trace: journal failures are sentences; anything else gets one plain line.
    if (error instanceof AppFailure) {
      opts.stderr(`${error.message}\n`);
      return error.code === 'journal-bad-id' || error.code === 'journal-not-found' ? EXIT.usage : EXIT.internal;
    }
    opts.stderr(
      sub === 'restore'
        ? `Backup ${id} could not be restored because of an unexpected error.\n`
        : 'The backups could not be listed because of an unexpected error.\n',
    );
    return EXIT.internal;
  }
  opts.stderr(`Unknown backups command: ${sub}. Use list or restore ID.\n`);
  return EXIT.usage;
}
