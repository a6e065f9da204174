/**
 * Every screen of the wizard, in light and dark, at the smallest window it supports (800×600): axe finds no
 * violation, nothing scrolls sideways or spills out of its box, the keyboard focus ring stands out from
 * what is around it (3:1, computed here from the styles Chromium applies), and a screenshot is kept.
 * One loopback world serves all screens: a blocked IP, a simulated router, a Chrome profile with cookies
 * for the site, and a journal with one change in it.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { dataFiles } from '../../electron/paths';
import { createJournal } from '../../electron/services/journal';
import { type HarnessProcess, startHarnessProcess } from '../support/harness-process';
import { writeConfig } from '../support/run-cli';
import { makeCookieDb } from '../unit/browsers/cookie-db';
import { type IgdSim, startIgdSim } from '../world/igd-sim';
import { startWorld, type World } from '../world/world';

const BLOCKED_IP = '198.51.100.23';
const FREE_IP = '198.51.100.99';
const SCHEMES = ['light', 'dark'] as const;
type Scheme = (typeof SCHEMES)[number];

let world: World;
let sim: IgdSim;
let harness: HarnessProcess;
const home = mkdtempSync(join(tmpdir(), 'ad-e2e-a11y-'));

test.use({ viewport: { width: 800, height: 600 } });

test.beforeAll(async () => {
  const chrome = join(home, '.config', 'google-chrome');
  mkdirSync(join(chrome, 'Default', 'Network'), { recursive: true });
  writeFileSync(
    join(chrome, 'Local State'),
    JSON.stringify({ profile: { info_cache: { Default: { name: 'Home' } } } }),
  );
  makeCookieDb(join(chrome, 'Default', 'Network', 'Cookies'), 'chromium', 40, 7);
  const dataDir = join(home, 'data');
  const changed = join(home, 'changed.txt');
  writeFileSync(changed, 'before\n');
  const journal = createJournal({ dir: dataFiles(dataDir).journal });
  const entry = await journal.backupFiles('browser-site-data', 'Cleared chatgpt.com cookies in Chrome (Home)', [
    changed,
  ]);
  await journal.markApplied(entry.id);

  world = await startWorld({ publicIp: BLOCKED_IP, blockedIps: [BLOCKED_IP] });
  sim = await startIgdSim({ world, nextIps: [FREE_IP] });
  const config = world.config({ discovery: sim.discovery(), browsers: { sites: ['chatgpt.com'] } });
  harness = await startHarnessProcess(writeConfig(config), 15_000, ['--data-dir', dataDir], {
    ACCESS_DOCTOR_HOME: home,
  });
  mkdirSync('artifacts', { recursive: true });
});
test.afterAll(async () => {
  await harness?.stop();
  await sim?.close();
  await world?.close();
});

interface Overflow {
  element: string;
  scrollWidth: number;
  clientWidth: number;
}

/** Elements whose content is wider than their box and shows past it (clipped or scrolling boxes are meant to). */
function overflowing(page: Page): Promise<{ page: Overflow | null; elements: Overflow[] }> {
  return page.evaluate(() => {
    const nameOf = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className ? `.${String(el.className).split(' ').join('.')}` : ''}`;
    const root = document.scrollingElement ?? document.documentElement;
    const elements: { element: string; scrollWidth: number; clientWidth: number }[] = [];
    for (const el of document.body.querySelectorAll('*')) {
      if (!(el instanceof HTMLElement) || el.clientWidth === 0) continue;
      const style = getComputedStyle(el);
      if (style.overflowX !== 'visible') continue;
      if (el.scrollWidth > el.clientWidth) {
        elements.push({ element: nameOf(el), scrollWidth: el.scrollWidth, clientWidth: el.clientWidth });
      }
    }
    return {
      page:
        root.scrollWidth > root.clientWidth
          ? { element: 'page', scrollWidth: root.scrollWidth, clientWidth: root.clientWidth }
          : null,
      elements,
    };
  });
}

interface FocusRing {
  element: string;
  style: string;
  width: number;
  ratio: number;
}

/**
 * Tabs through the screen and, for each element the keyboard reaches, reads the outline Chromium draws
 * and the colour behind it (the nearest ancestor's background, blended down to opaque), and returns
 * their contrast ratio after WCAG 2's relative luminance.
 */
async function focusRings(page: Page): Promise<FocusRing[]> {
  await page.locator('body').focus();
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const rings: FocusRing[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const ring = await page.evaluate(() => {
      const el = document.activeElement;
      if (!(el instanceof HTMLElement) || el === document.body) return null;
      if (!el.dataset.ringId) el.dataset.ringId = String(Math.random());
      type Rgba = [number, number, number, number];
      const parse = (css: string): Rgba => {
        const m = css.match(/rgba?\(([^)]+)\)/);
        if (!m?.[1]) throw new Error(`unexpected colour ${css}`);
        const [r = 0, g = 0, b = 0, a = 1] = m[1]
          .split(/[ ,/]+/)
          .filter(Boolean)
          .map(Number);
        return [r, g, b, a];
      };
      const over = (top: Rgba, under: Rgba): Rgba => {
        const a = top[3];
        return [top[0] * a + under[0] * (1 - a), top[1] * a + under[1] * (1 - a), top[2] * a + under[2] * (1 - a), 1];
      };
      // The backdrop: the canvas colour under every ancestor's background, top layer last.
      const layers: Rgba[] = [];
      for (let node = el.parentElement; node; node = node.parentElement) {
        layers.push(parse(getComputedStyle(node).backgroundColor));
      }
      let behind: Rgba = parse(getComputedStyle(document.documentElement).backgroundColor);
      if (behind[3] === 0)
        behind = matchMedia('(prefers-color-scheme: dark)').matches ? [18, 18, 18, 1] : [255, 255, 255, 1];
      for (const layer of layers.reverse()) behind = over(layer, behind);
      const style = getComputedStyle(el);
      const ring = over(parse(style.outlineColor), behind);
      const luminance = ([r, g, b]: Rgba) => {
        const lin = (c: number) => {
          const s = c / 255;
          return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        };
        return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
      };
      const [hi, lo] = [luminance(ring), luminance(behind)].sort((x, y) => y - x) as [number, number];
      const label = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40);
      return {
        id: el.dataset.ringId,
        element: `${el.tagName.toLowerCase()} "${label}"`,
        style: style.outlineStyle,
        width: Number.parseFloat(style.outlineWidth),
        ratio: Math.round(((hi + 0.05) / (lo + 0.05)) * 100) / 100,
      };
    });
    if (!ring || seen.has(ring.id)) break;
    seen.add(ring.id);
    rings.push({ element: ring.element, style: ring.style, width: ring.width, ratio: ring.ratio });
  }
  return rings;
}

/** The checks every screen passes in both themes; `name` names the screenshots. */
async function auditScreen(page: Page, name: string, shots: readonly Scheme[] = ['light']) {
  const problems: string[] = [];
  for (const colorScheme of SCHEMES) {
    await page.emulateMedia({ colorScheme });
    const axe = await new AxeBuilder({ page }).analyze();
    for (const v of axe.violations) {
      problems.push(
        `${colorScheme}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
      );
      for (const n of v.nodes) problems.push(`   ${n.failureSummary?.replace(/\n/g, ' ')}`);
    }
    const spill = await overflowing(page);
    if (spill.page)
      problems.push(
        `${colorScheme}: the page scrolls sideways (${spill.page.scrollWidth} > ${spill.page.clientWidth})`,
      );
    for (const e of spill.elements)
      problems.push(`${colorScheme}: ${e.element} spills out (${e.scrollWidth} > ${e.clientWidth})`);
    const rings = await focusRings(page);
    if (rings.length === 0) problems.push(`${colorScheme}: the keyboard reaches nothing`);
    for (const r of rings) {
      if (r.style === 'none' || r.width < 2 || r.ratio < 3) {
        problems.push(`${colorScheme}: focus ring of ${r.element} is ${r.style} ${r.width}px at ${r.ratio}:1`);
      }
    }
    if (shots.includes(colorScheme)) {
      await page.locator('body').focus();
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await page.screenshot({ path: `artifacts/${name}-${colorScheme}.png`, fullPage: true });
    }
  }
  expect(problems).toEqual([]);
}

async function openStep(page: Page, title: RegExp) {
  await page.getByRole('navigation', { name: 'Steps' }).getByRole('button', { name: title }).click();
}

async function scan(page: Page, outcome: 'blocked' | 'ok') {
  await page.getByRole('button', { name: /^Scan/ }).first().click();
  await expect(page.locator('[data-outcome]')).toHaveAttribute('data-outcome', outcome, { timeout: 15_000 });
  await expect(page.getByRole('button', { name: 'Scan again' })).toBeEnabled();
}

test.beforeEach(() => world.setPublicIp(BLOCKED_IP));

/** WCAG 2's relative luminance of a computed `rgb(…)` colour. */
function luminance(css: string): number {
  const [r = 0, g = 0, b = 0] = (css.match(/[\d.]+/g) ?? []).map(Number);
  const lin = (c: number) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

test('the page follows the OS theme and has the app icon', async ({ page }) => {
  await page.goto(harness.url);
  await expect(page.locator('meta[name="color-scheme"]')).toHaveAttribute('content', 'light dark');
  const colours = () =>
    page.evaluate(() => {
      const style = getComputedStyle(document.documentElement);
      return { scheme: style.colorScheme, background: style.backgroundColor, text: style.color };
    });
  await page.emulateMedia({ colorScheme: 'light' });
  const light = await colours();
  await page.emulateMedia({ colorScheme: 'dark' });
  const dark = await colours();
  expect([light.scheme, dark.scheme]).toEqual(['light dark', 'light dark']);
  expect(luminance(light.background)).toBeGreaterThan(luminance(light.text));
  expect(luminance(dark.background)).toBeLessThan(luminance(dark.text));
  expect(luminance(dark.background)).toBeLessThan(luminance(light.background));

  const href = await page.locator('link[rel="icon"]').getAttribute('href');
  expect(href).toBeTruthy();
  const size = await page.evaluate(async (src) => {
    const img = new Image();
    img.src = src;
    await img.decode();
    return img.naturalWidth;
  }, href ?? '');
  expect(size).toBeGreaterThan(0);
});

test('Scan before a scan', async ({ page }) => {
  await page.goto(harness.url);
  await expect(page.getByRole('button', { name: 'Scan', exact: true })).toBeFocused();
  await auditScreen(page, 'scan-idle', SCHEMES);
  await page.getByRole('button', { name: 'Change sites' }).click();
  await expect(page.getByRole('form', { name: 'Sites to check' })).toBeVisible();
  await auditScreen(page, 'scan-sites');
});

test('Scan after a scan: blocked, and the step list stays put while it runs', async ({ page }) => {
  await page.goto(harness.url);
  // Where the step list is on the page (not in the viewport: the result may scroll into view).
  const place = () =>
    page.getByRole('navigation', { name: 'Steps' }).evaluate((nav) => {
      const box = nav.getBoundingClientRect();
      return { left: box.left + window.scrollX, top: box.top + window.scrollY, width: box.width };
    });
  const idle = await place();
  await page.getByRole('button', { name: 'Scan', exact: true }).click();
  // Read once while the checks still run if the scan is slow enough to be caught; either way the list
  // must be where it was once the result is in.
  const during = await place();
  await expect(page.locator('[data-outcome]')).toHaveAttribute('data-outcome', 'blocked', { timeout: 15_000 });
  await expect(page.getByRole('button', { name: 'Scan again' })).toBeEnabled();
  expect(during).toEqual(idle);
  expect(await place()).toEqual(idle);
  await auditScreen(page, 'scan-blocked', SCHEMES);
  // The first screenful of the result in dark, for the README.
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: 'artifacts/scan-dark.png' });
});

test('Scan after a scan: reachable', async ({ page }) => {
  world.setPublicIp(FREE_IP);
  await page.goto(harness.url);
  await scan(page, 'ok');
  await auditScreen(page, 'scan-reachable');
});

test('Browsers', async ({ page }) => {
  await page.goto(harness.url);
  await openStep(page, /Browsers/);
  await expect(page.locator('[data-profile]')).toHaveCount(1);
  await auditScreen(page, 'wizard-browsers');
});

test('Network path', async ({ page }) => {
  await page.goto(harness.url);
  await openStep(page, /Network path/);
  await expect(page.locator('[data-via-tunnel]')).toBeVisible({ timeout: 10_000 });
  await expect(page.locator('[data-proxy]')).toBeVisible();
  await auditScreen(page, 'wizard-vpn');
});

test('Reset router', async ({ page }) => {
  await page.goto(harness.url);
  await scan(page, 'blocked');
  await openStep(page, /Reset router/);
  await expect(page.locator('[data-router="found"]')).toBeVisible({ timeout: 10_000 });
  await auditScreen(page, 'wizard-router');
  // The warning before a reset, which asks to go on.
  await page.locator('.step').getByRole('button', { name: 'Reset router', exact: true }).click();
  await expect(page.getByRole('alertdialog')).toBeVisible();
  await auditScreen(page, 'wizard-router-confirm');
  await page.getByRole('alertdialog').getByRole('button', { name: 'Cancel' }).click();
});

test('Watch', async ({ page }) => {
  await page.goto(harness.url);
  await openStep(page, /Watch/);
  await expect(page.getByRole('checkbox', { name: 'Watch in background' })).toBeVisible();
  await auditScreen(page, 'wizard-watch');
});

test('Support report, before and after a scan', async ({ page }) => {
  await page.goto(harness.url);
  await openStep(page, /Support report/);
  await expect(page.getByRole('button', { name: 'Scan now' })).toBeVisible();
  await auditScreen(page, 'wizard-report-empty');
  await openStep(page, /Scan/);
  await scan(page, 'blocked');
  await openStep(page, /Support report/);
  await expect(page.locator('pre.report')).toContainText(BLOCKED_IP);
  await auditScreen(page, 'wizard-report');
});

test('Backups', async ({ page }) => {
  await page.goto(harness.url);
  await openStep(page, /Backups/);
  await expect(page.locator('[data-backup]')).toHaveCount(1);
  await auditScreen(page, 'wizard-backups');
});
