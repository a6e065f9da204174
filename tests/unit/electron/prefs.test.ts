import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPrefs, savePrefs } from '../../../electron/prefs';

describe('preferences file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ad-prefs-'));

  it('defaults to watching when the file is missing or broken, and keeps the broken file as it is', async () => {
    expect(await loadPrefs(join(dir, 'missing.json'))).toEqual({ watch: true });
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"watch": fal');
    expect(await loadPrefs(broken)).toEqual({ watch: true });
    expect(readFileSync(broken, 'utf8')).toBe('{"watch": fal');
    const wrongType = join(dir, 'wrong.json');
    writeFileSync(wrongType, '{"watch": "no"}');
    expect(await loadPrefs(wrongType)).toEqual({ watch: true });
  });

  it('round-trips a saved choice', async () => {
    const file = join(dir, 'prefs.json');
    await savePrefs(file, { watch: false });
    expect(await loadPrefs(file)).toEqual({ watch: false });
  });
});
