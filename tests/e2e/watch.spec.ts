/**
 * The watch as a user sees it: the public IP in the top bar, and the Watch step's history, updated live
 * when the (simulated) provider hands out a new address. The harness runs the real watch over the world.
 */
import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { type HarnessProcess, startHarnessProcess } from '../support/harness-process';
import { writeConfig } from '../support/run-cli';
import { startWorld, type World } from '../world/world';

let world: World;
let harness: HarnessProcess;

test.beforeAll(async () => {
  world = await startWorld({ publicIp: '198.51.100.23', blockedIps: ['198.51.100.23'] });
  const config = world.config({
    watch: { echoIntervalMs: 500, coalesceMs: 0, unblockMinMs: 300, unblockMaxMs: 600, localPollMs: 60_000 },
  });
  harness = await startHarnessProcess(writeConfig(config));
  mkdirSync('artifacts', { recursive: true });
});
test.afterAll(async () => {
  await harness?.stop();
  await world?.close();
});

test('the IP in the top bar and the change history follow a new address live', async ({ page }) => {
  await page.goto(harness.url);
  const badge = page.locator('.ip-badge');
  await expect(badge).toHaveAttribute('data-ip', '198.51.100.23', { timeout: 10_000 });

  // Alt+N opens step N, as the numbers in the step list say.
  const titles = await page.getByRole('navigation', { name: 'Steps' }).locator('strong').allInnerTexts();
  await page.keyboard.press(`Alt+${titles.indexOf('Watch') + 1}`);
  await expect(page.getByRole('heading', { name: 'Watch and notify' })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'Watch in background' })).toBeChecked();

  world.setPublicIp('198.51.100.99');
  await expect(badge).toHaveAttribute('data-ip', '198.51.100.99', { timeout: 10_000 });
  const history = page.getByRole('list', { name: 'IP changes, newest first' });
  await expect(history.locator('li').first()).toContainText('198.51.100.23 → 198.51.100.99');
  // The blocked site is re-probed after the change and shows as reachable.
  await expect(page.locator('[data-target-verdict]').first()).toHaveAttribute('data-target-verdict', 'ok', {
    timeout: 10_000,
  });
  await page.screenshot({ path: 'artifacts/watch.png', fullPage: true });

  await page.getByRole('checkbox', { name: 'Watch in background' }).uncheck();
  await expect(badge).toContainText('198.51.100.99 · not watching');
  await expect(page.getByRole('button', { name: 'Check now' })).toBeDisabled();
});

test('keyboard: arrow keys walk the step list, and a new step puts focus on its heading', async ({ page }) => {
  await page.goto(harness.url);
  const steps = page.getByRole('navigation', { name: 'Steps' }).getByRole('button');
  await steps.first().focus();
  await page.keyboard.press('ArrowDown');
  await expect(steps.nth(1)).toBeFocused();
  await page.keyboard.press('End');
  await expect(steps.last()).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(steps.first()).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(steps.last()).toBeFocused();
  await steps.filter({ hasText: 'Watch' }).press('Enter');
  await expect(page.getByRole('heading', { name: 'Watch and notify' })).toBeFocused();
});

test('a step whose code is still on its way keeps its place, then puts focus on its heading', async ({ page }) => {
  // Hold the Watch step's chunk (renderer/steps/step.ts loads it apart) until the step has been chosen.
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(/\/assets\/WatchStep-[^/]+\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(harness.url);
  await expect(page.getByRole('button', { name: 'Scan', exact: true })).toBeFocused();
  await page.getByRole('navigation', { name: 'Steps' }).getByRole('button').filter({ hasText: 'Watch' }).click();
  await expect(page.locator('main section.step[aria-busy="true"]')).toHaveCount(1);
  await expect(page.getByRole('heading', { name: 'Watch and notify' })).toHaveCount(0);
  release();
  await expect(page.getByRole('heading', { name: 'Watch and notify' })).toBeFocused();
  await expect(page.locator('main section.step[aria-busy="true"]')).toHaveCount(0);
});

test('Check now says what it is doing and when it last checked', async ({ page }) => {
  await page.goto(harness.url);
  await page.getByRole('navigation', { name: 'Steps' }).getByRole('button', { name: /Watch/ }).click();
  await page.getByRole('checkbox', { name: 'Watch in background' }).check();
  const last = page.locator('[data-last-checked]');
  await expect(last).toContainText('Last checked', { timeout: 10_000 });
  const before = await last.getAttribute('data-last-checked');
  await page.getByRole('button', { name: 'Check now' }).click();
  await expect.poll(() => last.getAttribute('data-last-checked'), { timeout: 10_000 }).not.toBe(before);
  await expect(page.locator('.ip-badge')).toContainText('· watching');
});
