/** The app's wiring (compose): browsers.list and browsers.clear over the contract, the backup listed after. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compose } from '../../../electron/compose';
import { defaultConfig } from '../../../electron/config';
import type { BackupListing, BrowsersResult, ClearSiteDataResult } from '../../../shared/model';
import { makeCookieDb } from './cookie-db';

const saved = { home: process.env.ACCESS_DOCTOR_HOME, xdg: process.env.XDG_CONFIG_HOME };
afterEach(() => {
  for (const [key, value] of [
    ['ACCESS_DOCTOR_HOME', saved.home],
    ['XDG_CONFIG_HOME', saved.xdg],
  ] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

describe('browsers channels', () => {
  it('list, refuse an unconfirmed clear, clear, and the backup is listed', async () => {
    const home = mkdtempSync(join(tmpdir(), 'ad-handlers-'));
    const chrome = join(home, '.config', 'google-chrome');
    mkdirSync(join(chrome, 'Default'), { recursive: true });
    writeFileSync(
      join(chrome, 'Local State'),
      JSON.stringify({ profile: { info_cache: { Default: { name: 'Me' } } } }),
    );
    makeCookieDb(join(chrome, 'Default', 'Cookies'), 'chromium', 800);
    process.env.ACCESS_DOCTOR_HOME = home;
    process.env.XDG_CONFIG_HOME = join(home, '.config');
    const app = await compose({
      config: defaultConfig(),
      fetch: async () => {
        throw new Error('no network in this test');
      },
      paths: { config: null, journal: join(home, 'journal'), ipHistory: null, prefs: null },
      shell: 'cli',
      version: 'test',
    });
    try {
      const list = await app.dispatch('browsers.list', {});
      if (!list.ok) throw new Error(list.error.message);
      const listed = list.value as BrowsersResult;
      expect(listed.profiles.map((p) => [p.browser, p.id, p.name])).toEqual([['chrome', 'Default', 'Me']]);
      const count = listed.profiles[0]?.cookies ?? 0;
      expect(count).toBeGreaterThan(0);

      const unconfirmed = await app.dispatch('browsers.clear', { browser: 'chrome', profile: 'Me' });
      expect(unconfirmed.ok).toBe(false);
      const cleared = await app.dispatch('browsers.clear', { browser: 'chrome', profile: 'Me', confirmed: true });
      if (!cleared.ok) throw new Error(cleared.error.message);
      const result = cleared.value as ClearSiteDataResult;
      expect(result.removedCookies).toBe(count);
      const backups = await app.dispatch('backups.list', {});
      if (!backups.ok) throw new Error(backups.error.message);
      expect((backups.value as BackupListing).entries.map((e) => [e.id, e.kind, e.state])).toEqual([
        [result.backupId, 'browser-site-data', 'applied'],
      ]);
      const none = await app.dispatch('browsers.clear', { browser: 'firefox', profile: 'x', confirmed: true });
      expect(none).toEqual({
        ok: false,
        error: {
          code: 'browsers-no-profile',
          message: 'Firefox has no profile “x”. Firefox was not found for this user.',
        },
      });
    } finally {
      await app.dispose();
    }
  });
});
