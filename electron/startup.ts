/**
 * What the user must hear about at start-up, gathered without ever throwing: a data folder that cannot
 * be read, a journal that cannot be listed, damaged backups, changes that did not finish. main.ts shows
 * the result in a notification (or a dialog when notifications are not available) and starts the rest.
 */
import { readdir } from 'node:fs/promises';
import type { DamagedBackup } from '../shared/model';
import { sentences } from '../shared/text';
import { AppFailure } from './core/errors';
import { isUnfinished, type JournalEntry, type JournalListing } from './services/journal';

export interface StartupDeps {
  /** The app's data folder (settings, history, the journal). */
  dataDir: string;
  journal: { list(): Promise<JournalListing> };
  /** Reads the data folder; throws when it cannot. Defaults to listing it (a missing folder is fine). */
  checkDataDir?: (dir: string) => Promise<void>;
}

export interface StartupReport {
  /** Whole sentences, one per problem or thing to do; empty when all is well. */
  messages: string[];
  /** Entries that may have left the machine changed, to offer for restore. */
  unfinished: JournalEntry[];
  damaged: DamagedBackup[];
}

export interface StartupNotice {
  title: string;
  body: string;
}

export async function checkStartup(deps: StartupDeps): Promise<StartupReport> {
  const messages: string[] = [];
  const checkDataDir = deps.checkDataDir ?? defaultCheck;
  try {
    await checkDataDir(deps.dataDir);
  } catch {
    messages.push(
      `Access Doctor cannot read its data folder (${deps.dataDir}), so saved settings, history and backups may be missing.`,
    );
  }
  let unfinished: JournalEntry[] = [];
  let damaged: DamagedBackup[] = [];
  try {
    const listing = await deps.journal.list();
    unfinished = listing.entries.filter(isUnfinished);
    damaged = listing.damaged;
  } catch (error) {
    messages.push(
      sentences(
        'The list of backups could not be read, so unfinished changes cannot be offered for restore.',
        error instanceof AppFailure ? error.message : '',
      ),
    );
  }
  if (unfinished.length === 1) {
    messages.push('One change did not finish. Open Backups to restore what it changed.');
  } else if (unfinished.length > 1) {
    messages.push(`${unfinished.length} changes did not finish. Open Backups to restore what they changed.`);
  }
  if (damaged.length > 0) {
    const ids = damaged.map((d) => d.id).join(', ');
    messages.push(
      damaged.length === 1
        ? `Backup ${ids} is damaged and cannot be restored; it is left as it is.`
        : `${damaged.length} backups are damaged and cannot be restored (${ids}); they are left as they are.`,
    );
  }
  return { messages, unfinished, damaged };
}

/** The notification for a start-up report, or null when there is nothing to say. */
export function startupNotice(report: StartupReport): StartupNotice | null {
  if (report.messages.length === 0) return null;
  return { title: 'Access Doctor needs your attention', body: report.messages.join(' ') };
}

/** What the user sees when the start itself fails: what went wrong, in words, and what still works. */
export function startupFailure(error: unknown): StartupNotice {
  const what = error instanceof AppFailure ? error.message : 'Something unexpected stopped it while it was starting.';
  return {
    title: 'Access Doctor could not start completely',
    body: sentences(what, 'Some parts may not work until it is started again.'),
  };
}

async function defaultCheck(dir: string): Promise<void> {
  try {
    await readdir(dir);
  } catch (error) {
    if (typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT') return;
    throw error;
  }
}
