import { join } from 'node:path';
import type { ProfileIo } from '../../../electron/services/browsers/extensions';

export const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'browsers');

/** An in-memory profile: paths are joined with `/` under `root`; folders are derived from the file paths. */
export function memoryIo(root: string, files: Record<string, string | Buffer>): ProfileIo & { reads: string[] } {
  const full = new Map(Object.entries(files).map(([path, data]) => [`${root}/${path}`, data]));
  const reads: string[] = [];
  return {
    reads,
    async readFile(path) {
      reads.push(path);
      return full.get(path) ?? null;
    },
    async readdir(path) {
      const prefix = `${path}/`;
      const names = new Set<string>();
      for (const key of full.keys()) {
        if (key.startsWith(prefix)) names.add(key.slice(prefix.length).split('/')[0] ?? '');
      }
      return names.size === 0 ? null : [...names];
    },
  };
}
