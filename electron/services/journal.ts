/**
 * The change journal (DESIGN.md §4). Before the app changes anything on the user's machine it records
 * the original here: a copy of each file (with its mode), or the exact previous setting values. The
 * change is then applied by the caller and the entry closed. An entry still `open` at start-up means the
 * app stopped mid-change: the UI and the CLI offer to restore it. Every entry can be listed and restored.
 *
 * Restores are all-or-nothing: every copy's checksum is checked before anything is written, and if a
 * write (or the settings restorer) fails partway, the files already written are put back. Before a
 * restore writes over files that differ from the backup, it saves them as a new entry of kind
 * `pre-restore` (named in `savedAs`), so nothing is overwritten without a copy.
 *
 * Symbolic links: a link is written through to the file it points at (resolved at backup time and kept
 * as `linkTarget`). If the link points elsewhere at restore time, or a link appeared or disappeared, the
 * restore is refused rather than guessing.
 *
 * Manifests are checked against a schema (journal-manifest.ts) when read. A damaged one is listed by id
 * with its problem and refused by restore; it never stops the listing or other entries.
 */
import { createHash, randomBytes } from 'node:crypto';
import { lstat, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { BackupEntry, DamagedBackup } from '../../shared/model';
import { sentences } from '../../shared/text';
import { AppFailure } from '../core/errors';
import { resolveWriteTarget, writeFileAtomic } from '../platform/fs';
import { ENTRY_ID, type EntryState, type FileBackup, type JournalEntry, readManifest } from './journal-manifest';

export type { EntryState, FileBackup, JournalEntry } from './journal-manifest';

export type RestoreGuard = (entry: JournalEntry) => Promise<void>;

export type SettingsRestorer = (previous: Record<string, unknown>) => Promise<void>;

/** Writes one file during a restore (and when putting files back after a failed one). */
export type RestoreWriter = (path: string, data: Uint8Array, mode?: number) => Promise<void>;

export interface JournalOptions {
  dir: string;
  now?: () => Date;
  restorers?: Record<string, SettingsRestorer>;
  /**
   * Asked before a restore writes anything (not before the rollback of a change that just failed); one
   * that throws stops the restore, e.g. while a browser whose files it would write runs.
   */
  guards?: RestoreGuard[];
  /** How a restore writes files; `writeFileAtomic` unless a test injects a failing one. */
  writeFile?: RestoreWriter;
}

export interface JournalListing {
  /** Readable entries, newest first. */
  entries: JournalEntry[];
  /** Entries whose record is damaged: listed by id, never restored. */
  damaged: DamagedBackup[];
}

export interface RestoreOptions {
  /**
   * Save the current files as a `pre-restore` entry before writing over any that differ from the backup
   * (default true). Only the rollback of a change that just failed skips it.
   */
  saveCurrent?: boolean;
}

/** States in which the machine may not be as the user left it: offered for restore at start-up. */
const UNFINISHED: readonly EntryState[] = ['open', 'rollback-failed', 'restore-failed'];

/** True when the entry may have left the machine changed: a change that never finished, a failed undo. */
export function isUnfinished(entry: Pick<JournalEntry, 'state'>): boolean {
  return UNFINISHED.includes(entry.state);
}

interface Current {
  data: Buffer | null;
  mode?: number;
}

interface Step {
  file: FileBackup;
  /** Where the restore writes: the file itself, or the file its link points at. */
  dest: string;
  /** The backed-up bytes, or null when the file did not exist and is removed. */
  data: Buffer | null;
  before: Current;
}

export function createJournal(options: JournalOptions) {
  const now = options.now ?? (() => new Date());
  const write: RestoreWriter = options.writeFile ?? ((path, data, mode) => writeFileAtomic(path, data, mode));
  const entryDir = (id: string) => join(options.dir, id);
  const manifest = (id: string) => join(entryDir(id), 'manifest.json');

  const save = async (entry: JournalEntry) => {
    entry.updatedAt = now().toISOString();
    await writeFileAtomic(manifest(entry.id), `${JSON.stringify(entry, null, 2)}\n`, 0o600);
  };

  const newEntry = (kind: string, description: string): JournalEntry => {
    const at = now();
    const stamp = at.toISOString().replace(/[-:]/g, '').slice(0, 15);
    return {
      id: `${stamp}-${randomBytes(4).toString('hex')}`,
      createdAt: at.toISOString(),
      updatedAt: at.toISOString(),
      kind,
      description,
      state: 'open',
      files: [],
    };
  };

  /** The entry, or what is wrong with its record. Throws only for a bad or unknown id. */
  async function read(id: string): Promise<{ entry: JournalEntry } | { problem: string }> {
    if (!ENTRY_ID.test(id)) {
      throw new AppFailure(
        'journal-bad-id',
        `“${id.slice(0, 40)}” is not a backup id. The list of backups shows the ids.`,
      );
    }
    let text: string;
    try {
      text = await readFile(manifest(id), 'utf8');
    } catch (error) {
      if (errno(error) === 'ENOENT' || errno(error) === 'ENOTDIR') {
        throw new AppFailure('journal-not-found', `There is no backup with id ${id}.`);
      }
      return { problem: 'Its record cannot be read.' };
    }
    const reading = readManifest(text, id);
    if (!reading.ok) return { problem: reading.problem };
    for (const file of reading.entry.files) {
      if (!file.existed || !file.copy) continue;
      try {
        const info = await stat(join(entryDir(id), file.copy));
        if (!info.isFile()) return { problem: `The backup copy of ${file.path} is missing.` };
        if (file.size !== undefined && info.size !== file.size) {
          return { problem: `The backup copy of ${file.path} is damaged.` };
        }
      } catch {
        return { problem: `The backup copy of ${file.path} is missing.` };
      }
    }
    return { entry: reading.entry };
  }

  async function get(id: string): Promise<JournalEntry> {
    const result = await read(id);
    if ('problem' in result) {
      throw new AppFailure(
        'journal-damaged',
        `Backup ${id} is damaged, so it was not restored. ${result.problem} Nothing was changed.`,
      );
    }
    return result.entry;
  }

  async function backupFiles(
    kind: string,
    description: string,
    paths: string[],
    settings?: Record<string, unknown>,
  ): Promise<JournalEntry> {
    const entry: JournalEntry = settings ? { ...newEntry(kind, description), settings } : newEntry(kind, description);
    for (const [index, path] of paths.entries()) {
      let linkTarget: string | undefined;
      let data: Buffer | null = null;
      let mode: number | undefined;
      try {
        if ((await lstat(path)).isSymbolicLink()) linkTarget = await resolveWriteTarget(path);
        const source = linkTarget ?? path;
        data = await readFile(source);
        mode = (await stat(source)).mode & 0o7777;
      } catch (error) {
        const code = errno(error);
        if (code !== 'ENOENT' && code !== 'ENOTDIR') {
          throw new AppFailure('journal-backup-failed', `${path} could not be backed up: ${fsReason(error)}.`, {
            cause: error,
          });
        }
        data = null;
      }
      if (data === null) {
        // A dangling link counts as a missing file; a restore then finds the link and refuses.
        entry.files.push({ path, existed: false });
        continue;
      }
      const copy = `file-${index}`;
      await writeFileAtomic(join(entryDir(entry.id), copy), data, 0o600);
      entry.files.push({ path, existed: true, copy, size: data.length, sha256: sha256(data), mode, linkTarget });
    }
    await save(entry);
    return entry;
  }

  async function update(id: string, change: (entry: JournalEntry) => void): Promise<JournalEntry> {
    const entry = await get(id);
    change(entry);
    await save(entry);
    return entry;
  }

  /** Checks every copy and the place it goes before anything is written; throws if any is wrong. */
  async function plan(entry: JournalEntry): Promise<Step[]> {
    const steps: Step[] = [];
    for (const file of entry.files) {
      const refuse = (why: string) =>
        new AppFailure('journal-refused', sentences(why, 'Nothing was restored.'), { cause: file.path });
      const dest = await checkedDestination(file, refuse);
      let data: Buffer | null = null;
      if (file.existed) {
        if (!file.copy || !file.sha256) throw refuse(`The backup copy of ${file.path} is missing.`);
        try {
          data = await readFile(join(entryDir(entry.id), file.copy));
        } catch {
          throw refuse(`The backup copy of ${file.path} is missing.`);
        }
        if (sha256(data) !== file.sha256) {
          throw new AppFailure(
            'journal-corrupt',
            `The backup copy of ${file.path} is damaged, so nothing was restored.`,
          );
        }
      }
      let before: Current;
      try {
        before = await readCurrent(dest);
      } catch (error) {
        throw refuse(`${file.path} cannot be read: ${fsReason(error)}.`);
      }
      steps.push({ file, dest, data, before });
    }
    return steps;
  }

  async function restoreEntry(entry: JournalEntry, restoreOptions: RestoreOptions = {}): Promise<JournalEntry> {
    const id = entry.id;
    const restorer = entry.settings ? options.restorers?.[entry.kind] : undefined;
    if (entry.settings && !restorer) {
      throw new AppFailure(
        'journal-no-restorer',
        `This version of Access Doctor cannot put back the settings of “${entry.description}”, so nothing was restored.`,
      );
    }
    if (restoreOptions.saveCurrent ?? true) for (const guard of options.guards ?? []) await guard(entry);
    const steps = await plan(entry);

    let saved: JournalEntry | undefined;
    const differs = steps.some((s) => !sameBytes(s.before.data, s.data));
    if ((restoreOptions.saveCurrent ?? true) && differs) {
      try {
        saved = await backupFiles(
          'pre-restore',
          `The files as they were before backup ${id} was restored`,
          entry.files.map((f) => f.path),
        );
      } catch (error) {
        throw new AppFailure(
          'journal-save-failed',
          sentences(
            'The current files could not be saved before restoring, so nothing was restored.',
            error instanceof AppFailure ? error.message : '',
          ),
          { cause: error },
        );
      }
    }

    const done: Step[] = [];
    let reason: string | undefined;
    let cause: unknown;
    for (const step of steps) {
      try {
        if (step.data === null) await removeFile(step.dest);
        else await write(step.dest, step.data, step.file.mode);
        done.push(step);
      } catch (error) {
        reason = `${step.file.path} could not be written: ${fsReason(error)}.`;
        cause = error;
        break;
      }
    }
    if (reason === undefined && restorer && entry.settings) {
      try {
        await restorer(entry.settings);
      } catch (error) {
        reason = sentences('The previous settings could not be put back.', messageOf(error));
        cause = error;
      }
    }

    if (reason !== undefined) {
      const notPutBack: string[] = [];
      for (const step of done.reverse()) {
        try {
          if (step.before.data === null) await removeFile(step.dest);
          else await write(step.dest, step.before.data, step.before.mode);
        } catch {
          notPutBack.push(step.file.path);
        }
      }
      const savedNote = saved ? `The files as they were before are saved as backup ${saved.id}.` : '';
      if (notPutBack.length === 0) {
        const undone = done.length > 0 ? 'The files already written were put back as they were.' : '';
        await quietly(() =>
          update(id, (e) => {
            e.restoreError = sentences(reason, undone);
          }),
        );
        if (saved) {
          const savedId = saved.id;
          await quietly(() => markFailedEntry(savedId, sentences(`Restoring backup ${id} failed.`, reason)));
        }
        throw new AppFailure('journal-restore-failed', sentences(`Backup ${id} was not restored.`, reason, undone), {
          cause,
        });
      }
      const stuck = `These files could not be put back as they were: ${notPutBack.join(', ')}.`;
      await quietly(() =>
        update(id, (e) => {
          e.state = 'restore-failed';
          e.restoreError = sentences(reason, stuck);
        }),
      );
      if (saved) {
        const savedId = saved.id;
        await quietly(() =>
          update(savedId, (e) => {
            e.state = 'rollback-failed';
            e.error = sentences(`Restoring backup ${id} failed.`, reason);
            e.rollbackError = stuck;
          }),
        );
      }
      throw new AppFailure(
        'journal-restore-failed',
        sentences(`Backup ${id} was only partly restored.`, reason, stuck, savedNote),
        { cause },
      );
    }

    if (saved) {
      const savedId = saved.id;
      await quietly(() =>
        update(savedId, (e) => {
          e.state = 'applied';
        }),
      );
    }
    entry.state = 'restored';
    entry.restoreError = undefined;
    entry.savedAs = saved?.id;
    await save(entry);
    return entry;
  }

  async function markFailedEntry(id: string, error: string, rollbackError?: string): Promise<JournalEntry> {
    return update(id, (entry) => {
      entry.state = rollbackError === undefined ? 'failed' : 'rollback-failed';
      entry.error = error.slice(0, 2000);
      if (rollbackError !== undefined) entry.rollbackError = rollbackError.slice(0, 2000);
    });
  }

  async function list(): Promise<JournalListing> {
    let names: string[];
    try {
      names = await readdir(options.dir);
    } catch (error) {
      if (errno(error) === 'ENOENT') return { entries: [], damaged: [] };
      throw new AppFailure('journal-unreadable', `The folder of backups cannot be read: ${fsReason(error)}.`, {
        cause: error,
      });
    }
    const entries: JournalEntry[] = [];
    const damaged: DamagedBackup[] = [];
    for (const name of names.filter((n) => ENTRY_ID.test(n)).sort()) {
      try {
        const result = await read(name);
        if ('entry' in result) entries.push(result.entry);
        else damaged.push({ id: name, problem: result.problem });
      } catch (error) {
        // A folder without a manifest is a backup that stopped before it was recorded: nothing to restore.
        if (!(error instanceof AppFailure && error.code === 'journal-not-found')) {
          damaged.push({ id: name, problem: 'Its record cannot be read.' });
        }
      }
    }
    entries.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    damaged.reverse();
    return { entries, damaged };
  }

  return {
    /**
     * Copies each file (or notes that it did not exist), with its mode, before a change; `settings` are
     * previous setting values restored with the files, all or nothing.
     */
    backupFiles,

    async backupSettings(kind: string, description: string, previous: Record<string, unknown>): Promise<JournalEntry> {
      const entry = { ...newEntry(kind, description), settings: previous };
      await save(entry);
      return entry;
    },

    async markApplied(id: string): Promise<JournalEntry> {
      return update(id, (entry) => {
        entry.state = 'applied';
      });
    },

    /** The change failed and was undone (`failed`), or undoing it failed too (`rollback-failed`, both kept). */
    markFailed: markFailedEntry,

    /**
     * Puts back every file byte for byte with its mode (or removes one that did not exist) and the
     * settings, all or nothing. The result's `savedAs` names the entry that saved the files it wrote over.
     */
    async restore(id: string, restoreOptions?: RestoreOptions): Promise<JournalEntry> {
      return restoreEntry(await get(id), restoreOptions);
    },

    get,

    /** Every entry, newest first, and the damaged ones by id: one damaged entry never hides the others. */
    list,

    /** Entries that may have left the machine changed (a change that never finished, a failed undo). */
    async unfinished(): Promise<JournalEntry[]> {
      return (await list()).entries.filter(isUnfinished);
    },
  };
}

export type Journal = ReturnType<typeof createJournal>;

/**
 * The one way to change the user's machine: back up, apply, close the entry. If the change throws, the
 * backup is restored at once and the entry marked failed, so a failed change loses nothing. If undoing
 * it fails too, the entry keeps both errors (state `rollback-failed`) and the error thrown says so.
 */
export async function journaled<T>(
  journal: Journal,
  backup: () => Promise<JournalEntry>,
  change: () => Promise<T>,
): Promise<{ entry: JournalEntry; result: T }> {
  const entry = await backup();
  let result: T;
  try {
    result = await change();
  } catch (error) {
    const message = messageOf(error);
    try {
      await journal.restore(entry.id, { saveCurrent: false });
    } catch (rollbackError) {
      const rollback = messageOf(rollbackError);
      await quietly(() => journal.markFailed(entry.id, message, rollback));
      throw new AppFailure(
        'journal-rollback-failed',
        sentences(
          'The change failed and undoing it failed too, so some files may still be changed.',
          `The change failed: ${sentences(message)}`,
          `Undoing it failed: ${sentences(rollback)}`,
          `Backup ${entry.id} keeps the originals.`,
        ),
        { cause: error },
      );
    }
    await quietly(() => journal.markFailed(entry.id, message));
    throw error;
  }
  return { entry: await journal.markApplied(entry.id), result };
}

/** What the UI and `--json` show of an entry: no copy names, no setting values. */
export function summarize(entry: JournalEntry): BackupEntry {
  return {
    id: entry.id,
    createdAt: entry.createdAt,
    updatedAt: entry.updatedAt,
    kind: entry.kind,
    description: entry.description,
    state: entry.state,
    files: entry.files.map((f) => ({ path: f.path, existed: f.existed, size: f.size })),
    hasSettings: entry.settings !== undefined,
    error: entry.error,
    rollbackError: entry.rollbackError,
    restoreError: entry.restoreError,
    savedAs: entry.savedAs,
  };
}

/** The place a restore writes `file` to; refuses when a link appeared, vanished or points elsewhere. */
async function checkedDestination(file: FileBackup, refuse: (why: string) => AppFailure): Promise<string> {
  let isLink = false;
  let isDir = false;
  try {
    const info = await lstat(file.path);
    isLink = info.isSymbolicLink();
    isDir = info.isDirectory();
  } catch {
    // Missing (or its folder is): the restore creates it.
  }
  if (isDir) throw refuse(`${file.path} is now a folder.`);
  if (isLink) {
    const target = await resolveWriteTarget(file.path);
    if (file.linkTarget !== target) throw refuse(`${file.path} is now a link to another file.`);
    try {
      if ((await stat(target)).isDirectory()) throw refuse(`${file.path} now points at a folder.`);
    } catch (error) {
      if (error instanceof AppFailure) throw error;
    }
    return target;
  }
  if (file.linkTarget !== undefined) {
    throw refuse(`${file.path} was a link to another file when it was backed up and is not one now.`);
  }
  return file.path;
}

async function readCurrent(path: string): Promise<Current> {
  try {
    const data = await readFile(path);
    return { data, mode: (await stat(path)).mode & 0o7777 };
  } catch (error) {
    const code = errno(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') return { data: null };
    throw error;
  }
}

async function removeFile(path: string): Promise<void> {
  try {
    await rm(path, { force: true });
  } catch (error) {
    if (errno(error) !== 'ENOTDIR') throw error;
  }
}

async function quietly(work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch {
    // Recording the outcome is best effort; the error the caller throws already says what happened.
  }
}

function sameBytes(a: Buffer | null, b: Buffer | null): boolean {
  if (a === null || b === null) return a === b;
  return a.equals(b);
}

function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

function errno(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

function messageOf(error: unknown): string {
  if (error instanceof AppFailure) return error.message;
  if (error instanceof Error && errno(error) !== undefined) return fsReason(error);
  if (error instanceof Error) return error.message || 'something went wrong';
  return String(error);
}

/** An operating-system error in words (no error codes). */
function fsReason(error: unknown): string {
  switch (errno(error)) {
    case 'EACCES':
    case 'EPERM':
      return 'permission was denied';
    case 'EISDIR':
      return 'a folder is in its place';
    case 'ENOTDIR':
    case 'EEXIST':
      return 'a file is where its folder should be';
    case 'ENOENT':
      return 'its folder is missing';
    case 'ENOSPC':
      return 'the disk is full';
    case 'EROFS':
      return 'the disk is read-only';
    case 'EBUSY':
    case 'ETXTBSY':
      return 'it is in use';
    default:
      return error instanceof AppFailure ? error.message.replace(/\.$/, '') : 'the system refused it';
  }
}
