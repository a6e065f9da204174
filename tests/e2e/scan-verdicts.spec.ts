/**
 * The Scan result for each kind of answer, as a user sees it: the real renderer in Chromium, the harness
 * process with the real services, the loopback world. Each case keeps a screenshot in artifacts/ and is
 * checked for the points of issue 8: the headline agrees with the findings, every check mark says what
 * it found, there is a next step, no button appears twice, and every message is whole sentences.
 */
import { mkdirSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { followsSentenceRule } from '../../shared/text';
import { type HarnessProcess, startHarnessProcess } from '../support/harness-process';
import { closedPort } from '../support/ports';
import { writeConfig } from '../support/run-cli';
import { startWorld, type World } from '../world/world';

const BLOCKED_IP = '198.51.100.23';
let world: World;

test.beforeAll(async () => {
  world = await startWorld({ publicIp: BLOCKED_IP, blockedIps: [BLOCKED_IP] });
});
test.afterAll(async () => {
  await world?.close();
});

interface Case {
  name: string;
  target: () => Promise<string>;
  statusFile?: string;
  outcome: 'ok' | 'blocked' | 'unknown';
  tone: 'good' | 'warning' | 'problem';
  accessMark: 'fine' | 'problem';
  findingKind: string;
  firstStep?: string;
  /** The public IP the world sees; the blocked one unless the case needs the site to answer. */
  ip?: string;
}

const site = (path: string) => async () => `${world.origin}${path}`;
const CASES: Case[] = [
  {
    name: '1020',
    target: site('/site/'),
    outcome: 'blocked',
    tone: 'problem',
    accessMark: 'problem',
    findingKind: 'blocked',
    firstStep: 'power-cycle',
  },
  {
    name: '1015',
    target: site('/rate-limited/'),
    outcome: 'blocked',
    tone: 'problem',
    accessMark: 'problem',
    findingKind: 'rate-limited',
    firstStep: 'wait-rate-limit',
  },
  {
    name: 'challenge',
    target: site('/challenge/'),
    outcome: 'ok',
    tone: 'good',
    accessMark: 'fine',
    findingKind: 'challenge',
    firstStep: 'open-in-browser',
  },
  {
    name: '522',
    target: site('/origin-down/'),
    outcome: 'unknown',
    tone: 'warning',
    accessMark: 'problem',
    findingKind: 'site-down',
    firstStep: 'wait-site',
  },
  {
    name: 'refused',
    target: async () => `http://127.0.0.1:${await closedPort()}/`,
    outcome: 'unknown',
    tone: 'warning',
    accessMark: 'problem',
    findingKind: 'unreachable',
    firstStep: 'check-connection',
  },
  {
    name: 'outage',
    ip: '198.51.100.99',
    target: site('/site/'),
    statusFile: 'statuspage-summary-major.json',
    outcome: 'ok',
    tone: 'warning',
    accessMark: 'fine',
    findingKind: 'outage',
    firstStep: 'wait-outage',
  },
  {
    name: 'outage-1020',
    target: site('/site/'),
    statusFile: 'statuspage-summary-major.json',
    outcome: 'blocked',
    tone: 'problem',
    accessMark: 'problem',
    findingKind: 'outage',
    firstStep: 'wait-outage',
  },
];

async function messages(page: Page): Promise<string[]> {
  const texts = await page
    .locator('[data-outcome], .finding h3, .finding > p, .plan li > strong, .plan li > p')
    .allInnerTexts();
  return texts.map((t) => t.trim()).filter((t) => t !== '');
}

for (const c of CASES) {
  test(`the Scan result for ${c.name} agrees with itself and says what to do next`, async ({ page }) => {
    world.state.statusFile = c.statusFile ?? 'statuspage-summary-ok.json';
    world.setPublicIp(c.ip ?? BLOCKED_IP);
    const harness: HarnessProcess = await startHarnessProcess(
      writeConfig(world.config({ targets: [await c.target()] })),
    );
    try {
      await page.goto(harness.url);
      await page.getByRole('button', { name: 'Scan', exact: true }).click();
      const banner = page.locator('[data-outcome]');
      await expect(banner).toHaveAttribute('data-outcome', c.outcome);
      await expect(banner).toHaveClass(new RegExp(`banner-${c.tone}`));
      await expect(page.locator('[data-check="access"]')).toHaveAttribute('data-state', c.accessMark);
      // A missing router is "not available", never a problem mark.
      await expect(page.locator('[data-check="router"]')).toHaveAttribute('data-state', 'unavailable');
      await expect(page.locator(`.finding[data-kind="${c.findingKind}"]`).first()).toBeVisible();
      if (c.firstStep) await expect(page.locator('.plan li').first()).toHaveAttribute('data-fix', c.firstStep);

      for (const text of await messages(page)) expect(followsSentenceRule(text), text).toBe(true);
      const buttons = await page.locator('.plan li button').allInnerTexts();
      expect(new Set(buttons).size, buttons.join(' | ')).toBe(buttons.length);
      const all = (await messages(page)).join(' ');
      if (c.tone !== 'good') expect(all).not.toContain('Nothing blocks you');
      if (c.findingKind === 'outage') {
        // The status page is one click away, and no raw indicator token is shown.
        await expect(
          page.locator('.finding[data-kind="outage"]').getByRole('button', { name: 'Open the status page' }),
        ).toBeVisible();
        expect(all).not.toMatch(/Status: major|\bnone\b/);
      }
      if (c.name === 'outage-1020') expect(all).not.toContain('Nothing on your side fixes');
      if (c.name === '1015') {
        // The wait counts down live, in the same words as the finding and the step.
        await expect(page.getByRole('timer')).toContainText('2 min left');
        expect(all).toContain('wait 2 min');
      }
      mkdirSync('artifacts', { recursive: true });
      await page.screenshot({ path: `artifacts/scan-${c.name}.png`, fullPage: true });
    } finally {
      await harness.stop();
    }
  });
}
