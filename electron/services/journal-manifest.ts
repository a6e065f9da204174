/**
 * The journal's manifest (one `manifest.json` per entry folder) and the schema every manifest is checked
 * against when read. A manifest that fails the schema is reported as damaged, by id, and never restored:
 * a restore only ever writes the files the entry backed up, from copies inside the entry's own folder.
 */
import { isAbsolute } from 'node:path';
import { z } from 'zod';
import type { BackupState } from '../../shared/model';

export const ENTRY_ID = /^[0-9]{8}T[0-9]{6}-[0-9a-f]{8}$/;
/** Copies are named by the journal itself: `file-0`, `file-1`…; nothing else is read from the folder. */
export const COPY_NAME = /^file-[0-9]{1,6}$/;

const STATES = [
  'open',
  'applied',
  'failed',
  'rollback-failed',
  'restored',
  'restore-failed',
] as const satisfies readonly BackupState[];

export type EntryState = (typeof STATES)[number];

const fullPath = z
  .string()
  .min(1)
  .refine((p) => isAbsolute(p) && !p.includes('\0'), { message: 'Its record names a file without a full path.' });

const fileSchema = z
  .object({
    /** The path the change was about, as the caller named it. */
    path: fullPath,
    existed: z.boolean(),
    /** Name of the copy inside the entry folder (when the file existed). */
    copy: z
      .string()
      .refine((c) => COPY_NAME.test(c), { message: 'Its record names a backup copy outside its folder.' })
      .optional(),
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional(),
    size: z.number().int().nonnegative().optional(),
    /** Permission bits of the file at backup time; restore gives them back. */
    mode: z.number().int().min(0).max(0o7777).optional(),
    /**
     * When `path` was a symbolic link at backup time: the file it pointed at (resolved then). The copy is
     * of that file, and a restore writes through the link to it, as long as the link still points there.
     */
    linkTarget: fullPath.optional(),
  })
  .refine((f) => !f.existed || (f.copy !== undefined && f.sha256 !== undefined), {
    message: 'Its record is incomplete.',
  });

export const manifestSchema = z
  .object({
    id: z.string().regex(ENTRY_ID),
    createdAt: z.string().min(1),
    updatedAt: z.string().min(1),
    /** What changed, e.g. `browser-site-data`, `proxy-gnome`: picks the restorer for settings. */
    kind: z.string().min(1),
    description: z.string(),
    state: z.enum(STATES),
    files: z.array(fileSchema),
    /** Previous values of settings, restored by the restorer registered for `kind`. */
    settings: z.record(z.string(), z.unknown()).optional(),
    /** Why the change failed. */
    error: z.string().optional(),
    /** Why undoing the failed change failed too. */
    rollbackError: z.string().optional(),
    /** Why the last restore failed. */
    restoreError: z.string().optional(),
    /** The entry that saved the files as they were just before the last restore. */
    savedAs: z.string().regex(ENTRY_ID).optional(),
  })
  .refine((e) => new Set(e.files.map((f) => f.path)).size === e.files.length, {
    message: 'Its record lists the same file twice.',
  })
  .refine(
    (e) => {
      const copies = e.files.flatMap((f) => (f.copy ? [f.copy] : []));
      return new Set(copies).size === copies.length;
    },
    { message: 'Its record uses one backup copy for two files.' },
  );

export type JournalEntry = z.infer<typeof manifestSchema>;
export type FileBackup = JournalEntry['files'][number];

export type ManifestReading = { ok: true; entry: JournalEntry } | { ok: false; problem: string };

/** Checks a manifest's text for the entry folder `id`; says in a sentence what is wrong when it fails. */
export function readManifest(text: string, id: string): ManifestReading {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'Its record is not readable.' };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { ok: false, problem: 'Its record is not a backup record.' };
  }
  const parsed = manifestSchema.safeParse(data, {
    error: (issue) => (issue.input === undefined ? 'Its record is incomplete.' : 'Its record is damaged.'),
  });
  if (!parsed.success) {
    return { ok: false, problem: parsed.error.issues[0]?.message ?? 'Its record is damaged.' };
  }
  if (parsed.data.id !== id) return { ok: false, problem: 'Its record belongs to another backup.' };
  return { ok: true, entry: parsed.data };
}
