import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHistoryStore } from '../../../electron/services/ip/history';
import type { IpChange } from '../../../shared/model';

const dir = () => mkdtempSync(join(tmpdir(), 'access-doctor-history-'));
const change = (n: number): IpChange => ({
  from: `198.51.100.${n}`,
  to: `198.51.100.${n + 1}`,
  family: 4,
  at: new Date(Date.UTC(2025, 0, 1, 0, n)).toISOString(),
  source: 'echo',
});

describe('IP history on disk', () => {
  it('persists changes and reads them back after a restart, keeping only the last N', async () => {
    const file = join(dir(), 'nested', 'ip-history.json');
    const first = createHistoryStore({ file, size: 50 });
    expect(await first.load()).toEqual({ changes: [] });
    for (let n = 0; n < 60; n++) await first.append(change(n));
    const again = createHistoryStore({ file, size: 50 });
    const loaded = await again.load();
    expect(loaded.problem).toBeUndefined();
    expect(loaded.changes).toHaveLength(50);
    expect(loaded.changes[0]).toEqual(change(10));
    expect(loaded.changes.at(-1)).toEqual(change(59));
  });

  it('writes atomically: concurrent appends all land, in order, and no temp file is left behind', async () => {
    const d = dir();
    const file = join(d, 'ip-history.json');
    const store = createHistoryStore({ file, size: 50 });
    await store.load();
    await Promise.all([0, 1, 2, 3, 4].map((n) => store.append(change(n))));
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { version: number; changes: IpChange[] };
    expect(saved.version).toBe(1);
    expect(saved.changes.map((c) => c.to)).toEqual([
      '198.51.100.1',
      '198.51.100.2',
      '198.51.100.3',
      '198.51.100.4',
      '198.51.100.5',
    ]);
    expect(readdirSync(d)).toEqual(['ip-history.json']);
  });

  it.each([
    ['not JSON', '{"version": 1, "changes": ['],
    ['the wrong shape', '{"version": 1, "changes": [{"to": "not an ip"}]}'],
    ['an unknown version', '{"version": 9, "changes": []}'],
  ])('moves a file with %s aside, reports it, and starts empty', async (_what, text) => {
    const d = dir();
    const file = join(d, 'ip-history.json');
    writeFileSync(file, text);
    const store = createHistoryStore({ file, size: 50, now: () => Date.UTC(2025, 0, 2) });
    const loaded = await store.load();
    expect(loaded.changes).toEqual([]);
    expect(loaded.problem?.message).toMatch(/unreadable/);
    const keptAs = loaded.problem?.keptAs ?? '';
    expect(keptAs).toMatch(/ip-history\.json\.bad-2025-01-02T00-00-00-000Z$/);
    expect(readFileSync(keptAs, 'utf8')).toBe(text); // kept, not lost
    await store.append(change(1));
    expect(JSON.parse(readFileSync(file, 'utf8')).changes).toHaveLength(1);
  });

  it('keeps working in memory when the folder cannot be written, and says so', async () => {
    const d = dir();
    writeFileSync(join(d, 'blocker'), 'a file where a folder should be');
    const store = createHistoryStore({ file: join(d, 'blocker', 'ip-history.json'), size: 50 });
    await store.load();
    await expect(store.append(change(1))).rejects.toThrow();
    expect(store.list()).toEqual([change(1)]);
    await store.append(change(2)).catch(() => undefined); // the queue is not poisoned
    expect(store.list()).toHaveLength(2);
  });
});
