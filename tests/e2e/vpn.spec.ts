/**
 * The Network path step as a user reaches it: the harness hosts the real VPN service, which asks this
 * machine's kernel for its route (`ip route get` sends nothing). Whatever the path here, the step says it
 * in a sentence and never ends without a way on: checking the site again runs a scan.
 */
import { expect, test } from '@playwright/test';
import { type HarnessProcess, startHarnessProcess } from '../support/harness-process';
import { writeConfig } from '../support/run-cli';
import { startWorld, type World } from '../world/world';

let world: World;
let harness: HarnessProcess;

test.beforeAll(async () => {
  world = await startWorld({ publicIp: '198.51.100.23', blockedIps: ['198.51.100.23'] });
  harness = await startHarnessProcess(writeConfig(world.config()));
});
test.afterAll(async () => {
  await harness?.stop();
  await world?.close();
});

test('the network path is read and said in words, and the step leads back to a scan', async ({ page }) => {
  await page.goto(harness.url);
  await page
    .getByRole('navigation', { name: 'Steps' })
    .getByRole('button', { name: /Network path/ })
    .click();
  await expect(page.getByRole('heading', { name: 'Your network path' })).toBeFocused();
  const banner = page.locator('[data-via-tunnel]');
  await expect(banner).toBeVisible({ timeout: 10_000 });
  await expect(banner).toContainText(/Your traffic leaves through|could not tell/);
  // The system proxy is read in the same step and said in a sentence (none is set on these machines).
  await expect(page.locator('[data-proxy]')).toContainText(/No system proxy is set|sends your traffic through/);
  await page.getByRole('button', { name: 'Check the site again' }).click();
  await expect(page.locator('[data-outcome]')).toHaveAttribute('data-outcome', 'blocked');
  await expect(page.locator('[data-check="vpn"]')).toBeVisible();
  await expect(page.locator('[data-check="proxy"]')).toBeVisible();
});

test('a VPN no program here can disconnect: the step says what to click in its app, with no dead button', async ({
  page,
}) => {
  // A NordVPN tunnel cannot exist on these machines (the lab tests cover real detection in namespaces):
  // the harness's answer to `vpn.status` is replaced by the one the real service gives for such a route.
  await page.route('**/__harness/rpc', async (route) => {
    const body = route.request().postDataJSON() as { channel?: string };
    if (body.channel !== 'vpn.status') return route.continue();
    await route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({
        ok: true,
        value: {
          viaTunnel: true,
          interface: 'nordlynx',
          gateway: null,
          table: null,
          tunnels: [{ name: 'nordlynx', kind: 'wireguard', client: 'NordVPN' }],
          connections: [],
        },
      }),
    });
  });
  await page.goto(harness.url);
  await page
    .getByRole('navigation', { name: 'Steps' })
    .getByRole('button', { name: /Network path/ })
    .click();
  await expect(page.locator('[data-via-tunnel]')).toHaveAttribute('data-via-tunnel', 'true');
  const byHand = page.locator('[data-vpn-by-hand]');
  await expect(byHand).toContainText('Disconnect it by hand');
  await expect(byHand).toContainText('Open the NordVPN app');
  await expect(page.getByRole('button', { name: 'Disconnect the VPN' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Check the site again' })).toBeVisible();
});
