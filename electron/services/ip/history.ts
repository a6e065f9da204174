import { readFile, rename } from 'node:fs/promises';
import { z } from 'zod';
import type { IpChange } from '../../../shared/model';
import { ipFamily } from '../../core/addresses';
import { writeFileAtomic } from '../../platform/fs';

const ip = z.string().refine((s) => ipFamily(s) !== null, 'not an IP address');
const changeSchema = z
  .object({
    from: ip.nullable(),
    to: ip,
    family: z.union([z.literal(4), z.literal(6)]),
    at: z.iso.datetime(),
    source: z.enum(['router-event', 'router-poll', 'echo']),
  })
  .strip();
const fileSchema = z.object({ version: z.literal(1), changes: z.array(changeSchema).max(10_000) });

export interface HistoryLoad {
  changes: IpChange[];
  /** Set when the file existed but could not be used; `keptAs` is where it was moved. */
  problem?: { message: string; keptAs?: string };
}

export interface HistoryStore {
  load(): Promise<HistoryLoad>;
  list(): IpChange[];
  /** Adds a change and persists; resolves once written (failures reject, the entry stays in memory). */
  append(change: IpChange): Promise<void>;
  /** Resolves when every pending write has finished. */
  flush(): Promise<void>;
}

export function createHistoryStore(options: { file: string | null; size: number; now?: () => number }): HistoryStore {
  const now = options.now ?? Date.now;
  let changes: IpChange[] = [];
  let queue: Promise<void> = Promise.resolve();

  const persist = (): Promise<void> => {
    const { file } = options;
    if (!file) return Promise.resolve();
    const text = `${JSON.stringify({ version: 1, changes }, null, 2)}\n`;
    const next = queue.then(() => writeFileAtomic(file, text));
    // The queue itself never rejects, so one failed write does not poison the next.
    queue = next.catch(() => undefined);
    return next;
  };

  return {
    async load() {
      const { file } = options;
      changes = [];
      if (!file) return { changes: [] };
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { changes: [] };
        return { changes: [], problem: { message: `Cannot read ${file}: ${(error as Error).message}` } };
      }
      let reason: string;
      try {
        const parsed = fileSchema.safeParse(JSON.parse(text));
        if (parsed.success) {
          changes = parsed.data.changes.slice(-options.size);
          return { changes: [...changes] };
        }
        reason = z.prettifyError(parsed.error).split('\n')[0] ?? 'unexpected shape';
      } catch (error) {
        reason = `not valid JSON (${(error as Error).message})`;
      }
      const keptAs = `${file}.bad-${new Date(now()).toISOString().replace(/[:.]/g, '-')}`;
      try {
        await rename(file, keptAs);
        return { changes: [], problem: { message: `IP history ${file} was unreadable: ${reason}`, keptAs } };
      } catch (error) {
        return {
          changes: [],
          problem: { message: `IP history ${file} was unreadable (${reason}) and could not be moved aside: ${error}` },
        };
      }
    },
    list: () => [...changes],
    append(change) {
      changes = [...changes, change].slice(-options.size);
      return persist();
    },
    flush: () => queue,
  };
}
