/**
 * The change journal (DESIGN.md §4). Before the app changes anything on the user's machine it records
 * the original here: a copy of each file, or the exact previous setting values. The change is then
 * applied by the caller and the entry closed. An entry still `open` at start-up means the app stopped
 * mid-change: the UI and the CLI offer to restore it. Every entry can be listed and restored.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { BackupEntry } from '../../shared/model';
import { AppFailure } from '../core/errors';
import { writeFileAtomic } from '../platform/fs';

export type EntryState = 'open' | 'applied' | 'failed' | 'restored';

export interface FileBackup {
  path: string;
  existed: boolean;
  /** Name of the copy inside the entry folder. */
  copy?: string;
  sha256?: string;
  size?: number;
}

export interface JournalEntry {
  id: string;
  createdAt: string;
  updatedAt: string;
  /** What changed, e.g. `browser-site-data`, `proxy-gnome`: picks the restorer for settings. */
  kind: string;
  description: string;
  state: EntryState;
  files: FileBackup[];
  /** Previous values of settings, restored by the restorer registered for `kind`. */
  settings?: Record<string, unknown>;
  error?: string;
}

export type SettingsRestorer = (previous: Record<string, unknown>) => Promise<void>;

export interface JournalOptions {
  dir: string;
  now?: () => Date;
  restorers?: Record<string, SettingsRestorer>;
}

const ID = /^[0-9]{8}T[0-9]{6}-[0-9a-f]{8}$/;

export function createJournal(options: JournalOptions) {
  const now = options.now ?? (() => new Date());
  const entryDir = (id: string) => join(options.dir, id);
  const manifest = (id: string) => join(entryDir(id), 'manifest.json');

  const save = async (entry: JournalEntry) => {
    entry.updatedAt = now().toISOString();
    await writeFileAtomic(manifest(entry.id), `${JSON.stringify(entry, null, 2)}\n`);
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

  async function get(id: string): Promise<JournalEntry> {
    if (!ID.test(id)) throw new AppFailure('journal-bad-id', `Not a backup id: ${id.slice(0, 40)}`);
    let text: string;
    try {
      text = await readFile(manifest(id), 'utf8');
    } catch {
      throw new AppFailure('journal-not-found', `No backup with id ${id}`);
    }
    try {
      return JSON.parse(text) as JournalEntry;
    } catch {
      throw new AppFailure(
        'journal-corrupt',
        `The manifest of backup ${id} is damaged; its files are kept in ${entryDir(id)}`,
      );
    }
  }

  return {
    /** Copies each file (or notes that it did not exist) before a change. */
    async backupFiles(kind: string, description: string, paths: string[]): Promise<JournalEntry> {
      const entry = newEntry(kind, description);
      for (const [index, path] of paths.entries()) {
        let data: Buffer | null = null;
        try {
          data = await readFile(path);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
            throw new AppFailure('journal-backup-failed', `Cannot back up ${path}: ${(error as Error).message}`);
          }
        }
        if (data === null) {
          entry.files.push({ path, existed: false });
          continue;
        }
        const copy = `file-${index}`;
        await writeFileAtomic(join(entryDir(entry.id), copy), data);
        entry.files.push({ path, existed: true, copy, size: data.length, sha256: sha256(data) });
      }
      await save(entry);
      return entry;
    },

    async backupSettings(kind: string, description: string, previous: Record<string, unknown>): Promise<JournalEntry> {
      const entry = { ...newEntry(kind, description), settings: previous };
      await save(entry);
      return entry;
    },

    async markApplied(id: string): Promise<JournalEntry> {
      const entry = await get(id);
      entry.state = 'applied';
      await save(entry);
      return entry;
    },

    async markFailed(id: string, error: string): Promise<JournalEntry> {
      const entry = await get(id);
      entry.state = 'failed';
      entry.error = error.slice(0, 2000);
      await save(entry);
      return entry;
    },

    /** Puts back every file byte for byte (or removes one that did not exist) and the settings. */
    async restore(id: string): Promise<JournalEntry> {
      const entry = await get(id);
      if (entry.state === 'restored') return entry;
      for (const file of entry.files) {
        if (!file.existed) {
          await rm(file.path, { force: true });
          continue;
        }
        const data = await readFile(join(entryDir(id), file.copy ?? ''));
        if (file.sha256 && sha256(data) !== file.sha256) {
          throw new AppFailure('journal-corrupt', `The backup copy of ${file.path} is damaged; nothing was restored`);
        }
        await writeFileAtomic(file.path, data);
      }
      if (entry.settings) {
        const restorer = options.restorers?.[entry.kind];
        if (!restorer) throw new AppFailure('journal-no-restorer', `This build cannot restore ${entry.kind} settings`);
        await restorer(entry.settings);
      }
      entry.state = 'restored';
      await save(entry);
      return entry;
    },

    get,

    /** Newest first; damaged manifests are skipped, not fatal. */
    async list(): Promise<JournalEntry[]> {
      let names: string[];
      try {
        names = await readdir(options.dir);
      } catch {
        return [];
      }
      const entries: JournalEntry[] = [];
      for (const name of names.filter((n) => ID.test(n))) {
        try {
          if ((await stat(manifest(name))).isFile()) entries.push(await get(name));
        } catch {
          // A half-written entry without a manifest holds nothing to restore.
        }
      }
      return entries.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    },

    /** Entries left open by a change that never finished: offered for restore at start. */
    async unfinished(): Promise<JournalEntry[]> {
      return (await this.list()).filter((e) => e.state === 'open');
    },
  };
}

export type Journal = ReturnType<typeof createJournal>;

/**
 * The one way to change the user's machine: back up, apply, close the entry. If the change throws, the
 * backup is restored at once and the entry marked failed, so a failed change loses nothing.
 */
export async function journaled<T>(
  journal: Journal,
  backup: () => Promise<JournalEntry>,
  change: () => Promise<T>,
): Promise<{ entry: JournalEntry; result: T }> {
  const entry = await backup();
  try {
    const result = await change();
    return { entry: await journal.markApplied(entry.id), result };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    try {
      await journal.restore(entry.id);
    } finally {
      await journal.markFailed(entry.id, message);
    }
    throw error;
  }
}

function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
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
  };
}
