/**
 * The Browsers step against a fake home (ACCESS_DOCTOR_HOME) with a real Chrome profile: a cookie database
 * with Chromium's schema, a risky extension and cookies blocked for the site. Clear, then Undo, as a user
 * would: the database comes back byte for byte.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { type HarnessProcess, startHarnessProcess } from '../support/harness-process';
import { writeConfig } from '../support/run-cli';
import { makeCookieDb } from '../unit/browsers/cookie-db';
import { startWorld, type World } from '../world/world';

let world: World;
let harness: HarnessProcess;
const home = mkdtempSync(join(tmpdir(), 'ad-e2e-home-'));
const chrome = join(home, '.config', 'google-chrome');
const cookies = join(chrome, 'Profile 1', 'Network', 'Cookies');
let original: Buffer;

test.beforeAll(async () => {
  mkdirSync(join(chrome, 'Profile 1', 'Network'), { recursive: true });
  writeFileSync(
    join(chrome, 'Local State'),
    JSON.stringify({ profile: { info_cache: { 'Profile 1': { name: 'Work' } }, last_used: 'Profile 1' } }),
  );
  makeCookieDb(cookies, 'chromium', 2000, 21);
  original = readFileSync(cookies);
  writeFileSync(
    join(chrome, 'Profile 1', 'Preferences'),
    JSON.stringify({
      extensions: {
        settings: {
          abcdefghijklmnopabcdefghijklmnop: {
            state: 1,
            location: 1,
            manifest: { name: 'Super VPN Proxy', version: '1.0' },
          },
        },
      },
      profile: { content_settings: { exceptions: { cookies: { '[*.]chatgpt.com,*': { setting: 2 } } } } },
    }),
  );
  world = await startWorld({ publicIp: '198.51.100.23', blockedIps: ['198.51.100.23'] });
  const config = writeConfig(world.config({ browsers: { sites: ['chatgpt.com', 'openai.com'] } }));
  harness = await startHarnessProcess(config, 15_000, [], { ACCESS_DOCTOR_HOME: home });
});
test.afterAll(async () => {
  await harness?.stop();
  await world?.close();
});

test("the site's cookies are cleared in one profile after asking, and Undo puts the file back", async ({ page }) => {
  await page.goto(harness.url);
  await page
    .getByRole('navigation', { name: 'Steps' })
    .getByRole('button', { name: /Browsers/ })
    .click();
  await expect(page.getByRole('heading', { name: 'Your browsers' })).toBeFocused();
  const profile = page.locator('[data-profile="chrome:Profile 1"]');
  await expect(profile).toContainText('Google Chrome — Work');
  const before = Number(await profile.getAttribute('data-cookies'));
  expect(before).toBeGreaterThan(0);
  await expect(profile.locator('[data-risky]')).toContainText('Super VPN Proxy');
  await expect(profile.locator('[data-blocking]')).toContainText('Cookies are blocked for chatgpt.com');

  await profile.getByRole('button', { name: /^Clear chatgpt\.com's cookies/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'saves the cookie file first' })).toBeVisible();
  await profile.getByRole('button', { name: 'Clear now' }).click();
  const done = page.locator('[data-cleared]');
  await expect(done).toContainText(`Removed ${before} cookies`);
  await expect(profile).toHaveAttribute('data-cookies', '0');
  expect(readFileSync(cookies).equals(original)).toBe(false);
  await page.screenshot({ path: 'artifacts/browsers-cleared.png', fullPage: true });

  await done.getByRole('button', { name: 'Undo' }).click();
  await expect(done).toContainText('The cookies are back');
  expect(readFileSync(cookies).equals(original)).toBe(true);
  await expect(profile).toHaveAttribute('data-cookies', String(before));
  // The step list says what was tried last on this step, and it survives a reload.
  await expect(page.locator('[data-tried="browsers"]')).toContainText('was put back');
  await page.reload();
  await expect(page.locator('[data-tried="browsers"]')).toContainText('was put back');
});
