/**
 * The real built renderer in Debian's Chromium, served by the harness process, which hosts the real
 * services pointed at the loopback world. Clicked through as a user would.
 */
import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { type HarnessProcess, startHarnessProcess } from '../support/harness-process';
import { writeConfig } from '../support/run-cli';
import { rayIdFor, startWorld, type World } from '../world/world';

let world: World;
let harness: HarnessProcess;
const BLOCKED_IP = '198.51.100.23';

test.beforeAll(async () => {
  world = await startWorld({ publicIp: BLOCKED_IP, blockedIps: [BLOCKED_IP] });
  harness = await startHarnessProcess(writeConfig(world.config()));
});

test.afterAll(async () => {
  await harness?.stop();
  await world?.close();
});

test('a scan shows the 1020 block, its Ray ID and the public IP, and they can be copied', async ({ page }) => {
  world.setPublicIp(BLOCKED_IP);
  await page.goto(harness.url);
  // The first screen names the site being checked.
  await expect(page.getByRole('heading', { name: "Why can't I open 127.0.0.1" })).toBeVisible();

  const scan = page.getByRole('button', { name: 'Scan', exact: true });
  await expect(scan).toBeFocused();
  await page.keyboard.press('Enter');

  // Progress is shown live per check, then the findings.
  await expect(page.locator('[data-check="access"]')).toBeVisible();
  const banner = page.locator('[data-outcome]');
  await expect(banner).toHaveAttribute('data-outcome', 'blocked');
  await expect(page.locator('[data-check="access"]')).toHaveAttribute('data-state', 'problem');
  await expect(page.locator('[data-check="ip"]')).toHaveAttribute('data-state', 'fine');
  await expect(page.locator('[data-check="ip"]')).toContainText(BLOCKED_IP);

  const block = page.locator('.finding[data-kind="blocked"]');
  await expect(block).toContainText('Blocked by Cloudflare (error 1020)');
  const ray = `${rayIdFor(BLOCKED_IP, '/site/')}-AMS`;
  await expect(block).toContainText(ray);
  await expect(block).toContainText(BLOCKED_IP);
  await expect(page.locator('.finding[data-kind="status-ok"]')).toContainText('no problems');
  await expect(page.locator('.finding[data-kind="status-ok"]')).toContainText('not an outage');
  // No router in this world: the plan starts with a restart by hand.
  await expect(page.locator('.plan li').first()).toHaveAttribute('data-fix', 'power-cycle');

  await block.getByRole('button', { name: 'Copy Ray ID' }).click();
  await expect(block.getByRole('button', { name: 'Copy Ray ID' })).toHaveText('Copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(ray);

  mkdirSync('artifacts', { recursive: true });
  await page.screenshot({ path: 'artifacts/scan-blocked.png', fullPage: true });
});

test('after the IP changes, a new scan says the site is reachable', async ({ page }) => {
  world.setPublicIp('198.51.100.99');
  await page.goto(harness.url);
  await page.getByRole('button', { name: 'Scan', exact: true }).click();
  await expect(page.locator('[data-outcome]')).toHaveAttribute('data-outcome', 'ok');
  await expect(page.locator('.finding[data-kind="reachable"]')).toContainText('is reachable');
  await expect(page.getByRole('button', { name: 'Scan again' })).toBeEnabled();
  await page.screenshot({ path: 'artifacts/scan-ok.png', fullPage: true });
});

test('still blocked: the plan ends with a support report that can leave the IP out', async ({ page }) => {
  world.setPublicIp(BLOCKED_IP);
  await page.goto(harness.url);
  await page.getByRole('button', { name: 'Scan', exact: true }).click();
  await expect(page.locator('[data-outcome]')).toHaveAttribute('data-outcome', 'blocked');
  await expect(page.locator('.plan li').last()).toHaveAttribute('data-fix', 'support-report');
  await page.getByRole('button', { name: 'Open the support report' }).click();
  await expect(page.getByRole('heading', { name: 'Support report' })).toBeFocused();
  const report = page.locator('pre.report');
  const ray = `${rayIdFor(BLOCKED_IP, '/site/')}-AMS`;
  await expect(report).toContainText(`Ray ID ${ray}`);
  await expect(report).toContainText(BLOCKED_IP);
  await expect(report).toContainText('Scan: ');
  await page.getByRole('checkbox', { name: 'Leave my IP address out' }).check();
  await expect(report).not.toContainText(BLOCKED_IP);
  await expect(report).toContainText('Public IPv4: (left out)');
  await page.getByRole('button', { name: 'Copy report' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).not.toContain(BLOCKED_IP);
  await page.screenshot({ path: 'artifacts/report.png', fullPage: true });
});

test('the sites can be changed in the window, are saved, and the next scan checks them', async ({ page }) => {
  world.setPublicIp(BLOCKED_IP);
  await page.goto(harness.url);
  const challenge = `${world.origin}/challenge/`;
  await page.getByRole('button', { name: 'Change sites' }).click();
  const editor = page.getByRole('form', { name: 'Sites to check' });
  await editor.getByLabel('Add a site').fill(challenge);
  await editor.getByRole('button', { name: 'Add' }).click();
  await editor.getByRole('button', { name: `Remove ${world.origin}/site/` }).click();
  // A bad address is refused with a sentence, and nothing is saved.
  await editor.getByLabel('Add a site').fill('ftp://nope.test/');
  await editor.getByRole('button', { name: 'Add' }).click();
  await editor.getByRole('button', { name: 'Save sites' }).click();
  await expect(editor.getByRole('alert')).toContainText('http');
  await editor.getByRole('button', { name: 'Remove ftp://nope.test/' }).click();
  await editor.getByRole('button', { name: 'Save sites' }).click();
  await expect(editor).toBeHidden();

  await page.reload();
  const host = new URL(world.origin).host;
  await expect(page.getByRole('heading', { name: `Why can't I open ${host}?` })).toBeVisible();
  await page.getByRole('button', { name: /^Scan/ }).first().click();
  await expect(page.locator('.finding[data-kind="challenge"]')).toBeVisible();
  await expect(page.locator('[data-outcome]')).toHaveAttribute('data-outcome', 'ok');
  // Put the site back for the tests that follow in this file's harness.
  await page.getByRole('button', { name: 'Change sites' }).click();
  await editor.getByLabel('Add a site').fill(`${world.origin}/site/`);
  await editor.getByRole('button', { name: 'Add' }).click();
  await editor.getByRole('button', { name: `Remove ${challenge}` }).click();
  await editor.getByRole('button', { name: 'Save sites' }).click();
  await expect(editor).toBeHidden();
});
