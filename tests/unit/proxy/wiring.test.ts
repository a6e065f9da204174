/** The composition root wires the proxy: its restorers reach the journal, its channels reach the service. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compose } from '../../../electron/compose';
import { defaultConfig } from '../../../electron/config';
import type { ProxyStatus } from '../../../shared/model';
import { missingTools, tempHome } from '../../support/desktop-session';

const noFetch = async () => {
  throw new Error('no network in this test');
};

describe('proxy wiring', () => {
  it('the journal restores a proxy entry through the capability’s restorer; the channels answer', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ad-wiring-'));
    const app = await compose({
      config: defaultConfig(),
      fetch: noFetch,
      paths: { config: null, journal: join(dir, 'journal'), ipHistory: null, prefs: null },
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

  it.skipIf(missingTools(['kwriteconfig5', 'kreadconfig5']).length > 0)(
    'proxy.off and proxy.restore over the contract send proxyChanged with the new settings',
    async () => {
      const home = tempHome();
      const saved = { ...process.env };
      Object.assign(process.env, home.env, { XDG_CURRENT_DESKTOP: 'KDE' });
      const events: ProxyStatus[] = [];
      const app = await compose({
        config: defaultConfig(),
        fetch: noFetch,
        paths: { config: null, journal: join(home.dir, 'journal'), ipHistory: null, prefs: null },
        shell: 'cli',
        version: 'test',
        emit: (event, payload) => {
          if (event === 'proxyChanged') events.push(payload as ProxyStatus);
        },
      });
      try {
        const file = join(home.env.XDG_CONFIG_HOME, 'kioslaverc');
        writeFileSync(file, '[Proxy Settings]\nProxyType=1\nhttpProxy=http://10.0.0.1 3128\n');
        expect(await app.dispatch('proxy.off', { confirmed: true })).toMatchObject({
          ok: true,
          value: { source: 'kde' },
        });
        expect(await app.dispatch('proxy.restore', {})).toMatchObject({ ok: true });
        expect(events.map((e) => e.reports[0]?.mode)).toEqual(['none', 'manual']);
        expect(readFileSync(file, 'utf8')).toBe('[Proxy Settings]\nProxyType=1\nhttpProxy=http://10.0.0.1 3128\n');
      } finally {
        await app.dispose();
        for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
        Object.assign(process.env, saved);
      }
    },
  );
});
