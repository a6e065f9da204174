/**
 * Backups as a user sees them: the harness runs on a data folder whose journal the test filled through the
 * real journal — one applied change and one a "crash" left open. The start screen offers the unfinished
 * one; the Backups step restores a file with one click, byte for byte, and says the current file was saved.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { dataFiles } from '../../electron/paths';
import { createJournal } from '../../electron/services/journal';
import { type HarnessProcess, startHarnessProcess } from '../support/harness-process';
import { writeConfig } from '../support/run-cli';
import { startWorld, type World } from '../world/world';

let world: World;
let harness: HarnessProcess;
const home = mkdtempSync(join(tmpdir(), 'ad-e2e-backups-'));
const dataDir = join(home, 'data');
const file = join(home, 'profile', 'Cookies');
const ORIGINAL = Buffer.from('original cookie database bytes\n');

test.beforeAll(async () => {
  mkdirSync(join(home, 'profile'), { recursive: true });
  writeFileSync(file, ORIGINAL);
  const journal = createJournal({ dir: dataFiles(dataDir).journal });
  const applied = await journal.backupFiles('browser-site-data', 'Cleared chatgpt.com cookies in Chrome (Work)', [
    file,
  ]);
  await journal.markApplied(applied.id);
  writeFileSync(file, 'cleared\n');
  await journal.backupFiles('proxy-kde', 'Turned the KDE proxy off', [join(home, 'kioslaverc')]);
  world = await startWorld({ publicIp: '198.51.100.23' });
  harness = await startHarnessProcess(writeConfig(world.config()), 15_000, ['--data-dir', dataDir]);
});
test.afterAll(async () => {
  await harness?.stop();
  await world?.close();
});

test('an unfinished change is offered at start, and Backups restores a file with one click', async ({ page }) => {
  await page.goto(harness.url);
  const offer = page.locator('[data-unfinished]');
  await expect(offer).toContainText('did not finish');
  await offer.getByRole('button', { name: 'Open Backups' }).click();
  await expect(page.getByRole('heading', { name: 'Backups of what Access Doctor changed' })).toBeFocused();

  const list = page.getByRole('list', { name: 'Backups, newest first' });
  await expect(list.locator('li')).toHaveCount(2);
  const cleared = list.locator('li', { hasText: 'Cleared chatgpt.com cookies' });
  await expect(cleared).toHaveAttribute('data-state', 'applied');
  await cleared.getByRole('button', { name: 'Restore' }).click();
  await cleared.getByRole('button', { name: 'Put it back' }).click();

  const result = page.locator('[data-restored]');
  await expect(result).toContainText('was put back');
  await expect(result).toContainText('saved as backup');
  expect(readFileSync(file)).toEqual(ORIGINAL);
  // The restore made a backup of the cleared file first: three entries now, and the restored one says so.
  await expect(list.locator('li')).toHaveCount(3);
  await expect(list.locator('li[data-state="restored"]')).toHaveCount(1);
  mkdirSync('artifacts', { recursive: true });
  await page.screenshot({ path: 'artifacts/backups.png', fullPage: true });
});
