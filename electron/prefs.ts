/** The user's small preferences (watch on/off), kept beside the settings file and written atomically. */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { writeFileAtomic } from './platform/fs';

const prefsSchema = z.object({ watch: z.boolean().default(true) }).strip();
export type Prefs = z.output<typeof prefsSchema>;

export async function loadPrefs(path: string): Promise<Prefs> {
  try {
    const parsed = prefsSchema.safeParse(JSON.parse(await readFile(path, 'utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // Missing or unreadable: defaults. A broken file is overwritten only by the next explicit change.
  }
  return prefsSchema.parse({});
}

export async function savePrefs(path: string, prefs: Prefs): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(prefs, null, 2)}\n`);
}
