/** `access-doctor backups list|restore ID`: the journal from the command line, same folder as the app's. */
import type { BackupEntry } from '../../shared/model';
import { AppFailure } from '../core/errors';
import { createJournal, summarize } from '../services/journal';

const STATE_TEXT: Record<BackupEntry['state'], string> = {
  open: 'unfinished (restore recommended)',
  applied: 'change applied',
  failed: 'change failed and was rolled back',
  restored: 'restored',
};

export function formatBackups(entries: BackupEntry[]): string {
  if (entries.length === 0) return 'No backups: Access Doctor has not changed anything on this machine.';
  return entries
    .map((e) =>
      [
        `${e.id}  ${e.description}`,
        `  ${STATE_TEXT[e.state]} · ${e.kind} · ${e.createdAt}`,
        ...e.files.map((f) => `  file ${f.path}${f.existed ? ` (${f.size ?? '?'} bytes)` : ' (did not exist)'}`),
        ...(e.hasSettings ? ['  previous settings saved'] : []),
      ].join('\n'),
    )
    .join('\n');
}

export async function runBackups(
  sub: string | undefined,
  id: string | undefined,
  opts: { dir: string; print(json: unknown, text: string): void; stderr(text: string): void },
): Promise<number> {
  const journal = createJournal({ dir: opts.dir });
  if (sub === 'list' || sub === undefined) {
    const entries = (await journal.list()).map(summarize);
    opts.print(entries, formatBackups(entries));
    return 0;
  }
  if (sub === 'restore') {
    if (!id) {
      opts.stderr('backups restore needs the id of a backup (see `access-doctor backups list`)\n');
      return 64;
    }
    try {
      const entry = summarize(await journal.restore(id));
      opts.print(entry, `Restored ${entry.id}: ${entry.description}`);
      return 0;
    } catch (error) {
      if (error instanceof AppFailure && (error.code === 'journal-bad-id' || error.code === 'journal-not-found')) {
        opts.stderr(`${error.message}\n`);
        return 64;
      }
      throw error;
    }
  }
  opts.stderr(`Unknown backups command: ${sub}. Use list or restore ID.\n`);
  return 64;
}
