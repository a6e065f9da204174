/** File helpers for anything the app persists or changes: every write is atomic (temp file + rename). */
import { randomBytes } from 'node:crypto';
import { lstat, mkdir, open, readlink, realpath, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

/**
 * The file a write to `path` should land in: `path` itself, or, when `path` is a symbolic link, the file
 * it points at (so the link stays a link and the file it names gets the new content).
 */
export async function resolveWriteTarget(path: string): Promise<string> {
  let isLink = false;
  try {
    isLink = (await lstat(path)).isSymbolicLink();
  } catch {
    return path;
  }
  if (!isLink) return path;
  try {
    return await realpath(path);
  } catch {
    // A dangling link: write the file it names.
    return resolve(dirname(path), await readlink(path));
  }
}

/**
 * Writes `data` so that readers see either the old file or the whole new one, never a torn write:
 * a temp file in the same folder, flushed, then renamed over the target. A symbolic link is written
 * through to the file it points at. The file gets `mode` exactly (not narrowed by the umask); without
 * `mode` it keeps the mode of the file it replaces, and a new file is private (0600).
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, mode?: number): Promise<void> {
  const target = await resolveWriteTarget(path);
  let finalMode = mode;
  if (finalMode === undefined) {
    try {
      finalMode = (await stat(target)).mode & 0o7777;
    } catch {
      finalMode = 0o600;
    }
  }
  await mkdir(dirname(target), { recursive: true });
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', 0o600);
  try {
    try {
      await handle.writeFile(data);
      await handle.chmod(finalMode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
