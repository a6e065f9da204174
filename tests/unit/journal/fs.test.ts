/** The atomic write keeps a file's mode and writes through a symbolic link instead of replacing it. */
import { lstatSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../../electron/platform/fs';

const mode = (path: string) => statSync(path).mode & 0o7777;

describe('writeFileAtomic', () => {
  it('keeps the mode of the file it replaces, makes new files private, and sets an asked-for mode exactly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ad-fs-'));
    const shared = join(dir, 'shared.conf');
    writeFileSync(shared, 'old');
    await chmod(shared, 0o664);
    await writeFileAtomic(shared, 'new');
    expect(mode(shared)).toBe(0o664);
    expect(readFileSync(shared, 'utf8')).toBe('new');

    const fresh = join(dir, 'sub', 'fresh');
    await writeFileAtomic(fresh, 'x');
    expect(mode(fresh)).toBe(0o600);

    await writeFileAtomic(fresh, 'y', 0o775); // not narrowed by the umask
    expect(mode(fresh)).toBe(0o775);
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('writes through a symbolic link, leaving the link in place', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ad-fs-'));
    const real = join(dir, 'real');
    const link = join(dir, 'link');
    writeFileSync(real, 'old');
    symlinkSync(real, link);
    await writeFileAtomic(link, 'new');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, 'utf8')).toBe('new');
  });
});
