/**
 * The wizard's flows end to end, as a user walks them: the real renderer in Debian's Chromium, the harness
 * process with the real services, the loopback world (and the simulated router where a flow needs one).
 * What scan.spec.ts, scan-verdicts.spec.ts and router.spec.ts already prove is not repeated here: these are
 * the flows across steps — an outage first, a rate limit's countdown and its own re-check, a keyboard-only
 * fix, a reload in the middle, and the report after nothing worked. Every wait is on a state in the page.
 */
import { mkdirSync } from 'node:fs';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { followsSentenceRule } from '../../shared/text';
import { type HarnessProcess, startHarnessProcess } from '../support/harness-process';
import { writeConfig } from '../support/run-cli';
import { type IgdSim, startIgdSim } from '../world/igd-sim';
import { rayIdFor, startWorld, type World } from '../world/world';

const BLOCKED_IP = '198.51.100.23';
const NEW_IP = '198.51.100.99';
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
  world.state.statusFile = 'statuspage-summary-ok.json';
  world.state.rateLimitSeconds = null;
});
test.afterAll(() => world.close());

const outcome = (page: Page) => page.locator('[data-outcome]');

/** Presses Tab until `target` has the keyboard focus, as a keyboard user would; fails if it never does. */
async function tabTo(page: Page, target: Locator, max = 40): Promise<void> {
  await expect(target).toBeVisible();
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target}`);
}

test('an outage on the status page: the wizard says "It’s not you" first, the other steps optional', async ({
  page,
}) => {
  // Blocked too, so the plan has steps after the outage: they are the optional ones.
  world.state.statusFile = 'statuspage-summary-major.json';
  harness = await startHarnessProcess(writeConfig(world.config()));
  await page.goto(harness.url);
  await page.getByRole('button', { name: 'Scan', exact: true }).click();
  await expect(outcome(page)).toHaveAttribute('data-outcome', 'blocked');

  const plan = page.getByRole('region', { name: 'What to try next' });
  const lead = plan.locator('[data-not-you]');
  await expect(lead).toContainText('It’s not you');
  expect(followsSentenceRule(((await lead.textContent()) ?? '').trim())).toBe(true);
  // The lead comes before the steps, and the first step is the wait, with the status page one click away.
  const first = plan.locator('li').first();
  await expect(first).toHaveAttribute('data-fix', 'wait-outage');
  await expect(first).not.toHaveAttribute('data-optional');
  await expect(first.getByRole('button', { name: 'Open the status page' })).toBeVisible();
  const steps = plan.locator('li');
  const count = await steps.count();
  expect(count).toBeGreaterThan(1);
  for (let i = 1; i < count; i++) {
    await expect(steps.nth(i)).toHaveAttribute('data-optional', '');
    await expect(steps.nth(i)).toContainText('Optional.');
  }
  await page.screenshot({ path: 'artifacts/wizard-outage.png', fullPage: true });

  // Once the service is fine again, the lead is gone: it only speaks when the status page says so.
  world.state.statusFile = 'statuspage-summary-ok.json';
  await page.getByRole('button', { name: 'Scan again', exact: true }).first().click();
  await expect(plan.locator('li').first()).not.toHaveAttribute('data-fix', 'wait-outage');
  await expect(plan.locator('[data-not-you]')).toHaveCount(0);
});

test('rate limited: a live countdown, then the wizard checks again by itself and shows the result', async ({
  page,
}) => {
  world.setPublicIp(NEW_IP);
  // Long enough that the countdown shows several seconds even on a loaded machine, short enough for a test.
  world.state.rateLimitSeconds = 5;
  harness = await startHarnessProcess(writeConfig(world.config()));
  await page.goto(harness.url);
  // Every value the countdown shows, recorded in the page as it changes (no sampling from the test side).
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { countdownSeen: string[] }).countdownSeen = seen;
    new MutationObserver(() => {
      const left = document.querySelector('[role="timer"]')?.getAttribute('data-left');
      if (left !== undefined && left !== null && seen.at(-1) !== left) seen.push(left);
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-left'] });
  });
  await page.getByRole('button', { name: 'Scan', exact: true }).click();
  await expect(outcome(page)).toHaveAttribute('data-outcome', 'blocked');
  await expect(page.locator('.finding[data-kind="rate-limited"]')).toBeVisible();
  await expect(page.locator('.plan li').first()).toHaveAttribute('data-fix', 'wait-rate-limit');
  const timer = page.getByRole('timer');
  await expect(timer).toContainText('left, then Access Doctor checks again.');
  const requestsBefore = world.state.requests.get('/site/') ?? 0;

  // The limit lifts meanwhile; nobody touches the page: the re-check at zero is the wizard's own.
  world.state.rateLimitSeconds = null;
  await expect(outcome(page)).toHaveAttribute('data-outcome', 'ok', { timeout: 15_000 });
  await expect(page.locator('.finding[data-kind="reachable"]')).toContainText('is reachable');
  await expect(page.getByRole('timer')).toHaveCount(0);
  expect(world.state.requests.get('/site/') ?? 0).toBeGreaterThan(requestsBefore);

  // It counted down live: at least two distinct seconds left before zero, in decreasing order.
  const seen = await page.evaluate(() => (window as unknown as { countdownSeen: string[] }).countdownSeen);
  const numbers = seen.map(Number);
  expect(numbers.at(-1), seen.join(',')).toBe(0);
  expect(numbers.filter((n) => n > 0).length, seen.join(',')).toBeGreaterThanOrEqual(2);
  for (let i = 1; i < numbers.length; i++) expect(numbers[i], seen.join(',')).toBeLessThan(numbers[i - 1] ?? 0);
  // The scans are in the tried list, the last one ending well.
  await expect(page.locator('[data-tried="scan"]')).toContainText('nothing blocks you');
});

test('keyboard only: blocked → Reset router → new IP → Check the site again → Done', async ({ page }) => {
  sim = await startIgdSim({ world, nextIps: [NEW_IP], reconnectDelayMs: 300 });
  harness = await startHarnessProcess(writeConfig(world.config({ discovery: sim.discovery() })));
  await page.goto(harness.url);

  const scan = page.getByRole('button', { name: 'Scan', exact: true });
  await expect(scan).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(outcome(page)).toHaveAttribute('data-outcome', 'blocked');
  // The result takes the focus when the scan ends, so it is read out.
  await expect(outcome(page)).toBeFocused();

  const plan = page.getByRole('region', { name: 'What to try next' });
  await tabTo(page, plan.getByRole('button', { name: 'Open Reset router' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Get a new public IP address' })).toBeFocused();

  const step = page.locator('.step');
  await tabTo(page, step.getByRole('button', { name: 'Reset router', exact: true }));
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText('drops the internet connection for everyone');
  // The warning takes the focus on its harmless choice; the reset is one Shift+Tab away.
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(dialog.getByRole('button', { name: 'Reset now' })).toBeFocused();
  await page.keyboard.press('Enter');

  const result = page.locator('[data-reset="reconnected"]');
  await expect(result).toContainText(`${BLOCKED_IP} → ${NEW_IP}`, { timeout: 15_000 });
  await expect(result).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(result.getByRole('button', { name: 'Check the site again' })).toBeFocused();
  await page.keyboard.press('Enter');

  await expect(outcome(page)).toHaveAttribute('data-outcome', 'ok', { timeout: 15_000 });
  const done = page.locator('[data-verdict="fixed"]');
  await expect(done).toContainText('Done: it works now.');
  await expect(done).toContainText('What fixed it: Reset the router');
  // The focus never fell to the page body on the way: it is on the Scan step's heading now.
  await expect(page.getByRole('heading', { name: /^Why can't I open/ })).toBeFocused();
  await page.screenshot({ path: 'artifacts/wizard-keyboard-done.png', fullPage: true });
});

test('a reload mid-wizard resumes on the same step, with the diagnosis and what was tried', async ({ page }) => {
  sim = await startIgdSim({ world, refuseReconnect: 606 });
  harness = await startHarnessProcess(writeConfig(world.config({ discovery: sim.discovery() })));
  await page.goto(harness.url);
  await page.getByRole('button', { name: 'Scan', exact: true }).click();
  await expect(outcome(page)).toHaveAttribute('data-outcome', 'blocked');
  const headline = ((await outcome(page).textContent()) ?? '').trim();
  await page
    .getByRole('region', { name: 'What to try next' })
    .getByRole('button', { name: 'Open Reset router' })
    .click();
  await page.locator('.step').getByRole('button', { name: 'Reset router', exact: true }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Reset now' }).click();
  await expect(page.locator('[data-reset]')).toHaveAttribute('data-reset', 'not-allowed', { timeout: 15_000 });
  await expect(page.locator('[data-tried="router"]')).toContainText('UPnP error 606');
  const scans = world.state.requests.get('/site/') ?? 0;

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Get a new public IP address' })).toBeVisible();
  const current = page.getByRole('navigation', { name: 'Steps' }).locator('[aria-current="step"]');
  await expect(current).toContainText('Reset router');
  await expect(page.locator('[data-tried="scan"]')).toContainText(headline);
  await expect(page.locator('[data-tried="router"]')).toContainText('UPnP error 606');
  // The router step is usable again right away (no dead end after the reload).
  await expect(page.locator('.step').getByRole('button', { name: 'Reset router', exact: true })).toBeEnabled();

  // Back on Scan, the saved diagnosis is shown as it was, without scanning again.
  await page.keyboard.press('Alt+1');
  await expect(outcome(page)).toHaveAttribute('data-outcome', 'blocked');
  await expect(outcome(page)).toHaveText(headline);
  await expect(page.locator('.finding[data-kind="blocked"]')).toContainText(`${rayIdFor(BLOCKED_IP, '/site/')}-AMS`);
  expect(world.state.requests.get('/site/') ?? 0).toBe(scans);
});

test('nothing worked: the report holds the Ray ID and the steps tried, and leaves the IP out when asked', async ({
  page,
}) => {
  sim = await startIgdSim({ world, refuseReconnect: 606 });
  harness = await startHarnessProcess(writeConfig(world.config({ discovery: sim.discovery() })));
  await page.goto(harness.url);
  await page.getByRole('button', { name: 'Scan', exact: true }).click();
  await expect(outcome(page)).toHaveAttribute('data-outcome', 'blocked');
  await page
    .getByRole('region', { name: 'What to try next' })
    .getByRole('button', { name: 'Open Reset router' })
    .click();
  await page.locator('.step').getByRole('button', { name: 'Reset router', exact: true }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Reset now' }).click();
  await expect(page.locator('[data-reset]')).toHaveAttribute('data-reset', 'not-allowed', { timeout: 15_000 });

  // Scan again from the step list: still blocked after the step tried, and the report is one click away.
  await page.keyboard.press('Alt+1');
  await page.getByRole('button', { name: 'Scan again', exact: true }).first().click();
  const still = page.locator('[data-verdict="still-blocked"]');
  await expect(still).toContainText('Still not working after: Reset the router.');
  await still.getByRole('button', { name: 'Open the support report' }).click();
  await expect(page.getByRole('heading', { name: 'Support report' })).toBeFocused();

  const report = page.locator('pre.report');
  await expect(report).toContainText(`Ray ID ${rayIdFor(BLOCKED_IP, '/site/')}-AMS`);
  await expect(report).toContainText('What was tried:');
  await expect(report).toContainText('Reset the router: ');
  await expect(report).toContainText('UPnP error 606');
  // Two scans (before and after the reset), each with its result.
  expect(((await report.textContent()) ?? '').match(/ Scan: You are blocked/g)?.length).toBe(2);
  await expect(report).toContainText(BLOCKED_IP);

  await page.getByRole('checkbox', { name: 'Leave my IP address out' }).check();
  await expect(report).toHaveAttribute('data-include-ip', 'false');
  await expect(report).not.toContainText(BLOCKED_IP);
  await expect(report).toContainText('Reset the router: ');
  await expect(report).toContainText(`Ray ID ${rayIdFor(BLOCKED_IP, '/site/')}-AMS`);
  await page.getByRole('button', { name: 'Copy report' }).click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).not.toContain(BLOCKED_IP);
  expect(copied).toContain('Reset the router: ');
  await page.screenshot({ path: 'artifacts/wizard-report.png', fullPage: true });
});
