/** The composition root wires the proxy: its restorers reach the journal, its channels reach the service. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compose } from '../../../electron/compose';
import { defaultConfig } from '../../../electron/config';

const noFetch = async () => {
  throw new Error('no network in this test');
};

describe('proxy wiring', () => {
  it('the journal restores a proxy entry through the capability’s restorer; the channels answer', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ad-wiring-'));
    const app = await compose({
      config: defaultConfig(),
      fetch: noFetch,
      paths: { journal: join(dir, 'journal'), ipHistory: null, prefs: null },
      shell: 'cli',
      version: 'test',
    });
    try {
      expect(app.services.capabilities.map((c) => c.id)).toContain('proxy');
      const file = join(dir, 'kioslaverc');
      writeFileSync(file, '[Proxy Settings]\nProxyType=1\n');
      const entry = await app.journal.backupFiles('proxy-kde', 'Turn the system proxy off', [file], { notify: true });
      writeFileSync(file, '[Proxy Settings]\nProxyType=0\n');
      await app.journal.markApplied(entry.id);
      // Without the proxy restorer wired in, this would refuse ("cannot put back the settings").
      expect((await app.journal.restore(entry.id)).state).toBe('restored');
      expect(readFileSync(file, 'utf8')).toBe('[Proxy Settings]\nProxyType=1\n');

      const status = await app.dispatch('proxy.status', {});
      expect(status.ok).toBe(true);
      expect(await app.dispatch('proxy.off', {})).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
      const nothing = await app.dispatch('proxy.restore', {});
      expect(nothing).toMatchObject({ ok: false, error: { code: 'proxy-nothing-to-restore' } });
    } finally {
      await app.dispose();
    }
  });
});
