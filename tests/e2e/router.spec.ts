/**
 * The "Reset router" step in Chromium against the simulated IGD: confirm, watch the progress, see the new
 * IP, then re-check the site from the result. And the refusal path (606) leading to the guided power-cycle.
 */
import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { type HarnessProcess, startHarnessProcess } from '../support/harness-process';
import { writeConfig } from '../support/run-cli';
import { type IgdSim, startIgdSim } from '../world/igd-sim';
import { startWorld, type World } from '../world/world';

const BLOCKED_IP = '198.51.100.23';
let world: World;
let sim: IgdSim | null = null;
let harness: HarnessProcess | null = null;

test.beforeAll(async () => {
  world = await startWorld({ publicIp: BLOCKED_IP, blockedIps: [BLOCKED_IP] });
  mkdirSync('artifacts', { recursive: true });
});
test.afterEach(async () => {
  await harness?.stop();
  await sim?.close();
  harness = null;
  sim = null;
  world.setPublicIp(BLOCKED_IP);
});
test.afterAll(() => world.close());

test('reset the router from the wizard: warning, progress, new IP, then the site is reachable', async ({ page }) => {
  sim = await startIgdSim({ world, nextIps: ['198.51.100.99'], reconnectDelayMs: 1200 });
  harness = await startHarnessProcess(writeConfig(world.config({ discovery: sim.discovery() })));
  await page.goto(harness.url);
  // A scan first, as a user would: it says blocked, so the wizard can later say what fixed it.
  await page.getByRole('button', { name: 'Scan', exact: true }).click();
  await expect(page.locator('[data-outcome]')).toHaveAttribute('data-outcome', 'blocked');

  await page
    .getByRole('button', { name: /Reset router/ })
    .first()
    .click();
  await expect(page.getByRole('heading', { name: 'Get a new public IP address' })).toBeVisible();
  await expect(page.locator('.step')).toContainText(BLOCKED_IP);

  await page.locator('.step').getByRole('button', { name: 'Reset router', exact: true }).click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText('drops the internet connection for everyone');
  await dialog.getByRole('button', { name: 'Reset now' }).click();

  await expect(page.getByRole('progressbar', { name: 'Router reset progress' })).toBeVisible();
  const result = page.locator('[data-reset="reconnected"]');
  await expect(result).toContainText(`${BLOCKED_IP} → 198.51.100.99`, { timeout: 15_000 });
  await page.screenshot({ path: 'artifacts/router-reset.png', fullPage: true });

  await result.getByRole('button', { name: 'Check the site again' }).click();
  await expect(page.locator('[data-outcome]')).toHaveAttribute('data-outcome', 'ok', { timeout: 15_000 });
  await expect(page.locator('[data-verdict="fixed"]')).toContainText('What fixed it: Reset the router');
  // The top bar agrees with the scan below it.
  await expect(page.locator('.ip-badge')).toHaveAttribute('data-ip', '198.51.100.99');
  await page.screenshot({ path: 'artifacts/done.png', fullPage: true });
});

test('a router that refuses (606) leads to the guided power-cycle', async ({ page }) => {
  sim = await startIgdSim({ world, refuseReconnect: 606 });
  harness = await startHarnessProcess(writeConfig(world.config({ discovery: sim.discovery() })));
  await page.goto(harness.url);
  await page
    .getByRole('button', { name: /Reset router/ })
    .first()
    .click();
  await page.locator('.step').getByRole('button', { name: 'Reset router', exact: true }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Reset now' }).click();
  // Exactly the refusal, not just "anything but reconnected": a failure or timeout must not pass here.
  const refused = page.locator('[data-reset]');
  await expect(refused).toHaveAttribute('data-reset', 'not-allowed', { timeout: 15_000 });
  await expect(refused).toContainText('does not allow a remote reconnect (UPnP error 606');
  const guide = page.getByRole('region', { name: 'Restart the router by hand' });
  await expect(guide).toBeVisible();
  await expect(guide.getByRole('listitem')).toHaveCount(4);
  await expect(guide).toContainText(/Pull the power plug of your router/);
  await expect(guide.getByRole('button', { name: /watch for the new address/ })).toBeVisible();
  // The router was asked and said no: the public IP did not move.
  expect(sim.state.actions).toContain('ForceTermination');
  expect(world.state.publicIp).toBe(BLOCKED_IP);
  await page.screenshot({ path: 'artifacts/router-refused.png', fullPage: true });
});
