/**
 * Browsers benchmark, on fake homes in temp folders (real SQLite cookie databases with the browsers'
 * schemas, made by Python's sqlite3; never the real user's browsers):
 * - sql.js's first load (WASM compile), reported apart;
 * - clearing one site's cookies from a 50,000-cookie Chromium database through the service's `clear()`:
 *   the whole cycle (profile scan, lock checks, journal backup, rebuild and checks, atomic write), median
 *   of 5 fresh copies, goal ≤ 100 ms;
 * - scanning every profile (`list()`) of a home with Chrome, Chromium, Brave and Firefox × 3 profiles,
 *   goal ≤ 300 ms;
 * - the built CLI's `browsers clear --browser chrome --profile 'Profile 1' --yes --json` as a whole process
 *   against `--help`, goal ≤ 2 ×.
 * Needs `npm run build` (scripts/bench.mjs builds first).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBrowsersService } from '../../electron/services/browsers';
import { openDatabase } from '../../electron/services/browsers/sqlite';
import { createJournal } from '../../electron/services/journal';
import { CLI, GUARD } from '../support/paths';
import { makeCookieDb } from '../unit/browsers/cookie-db';
import { median } from './support/stats';

const CLEAR_RUNS = 5;
const LIST_RUNS = 5;
const CLI_RUNS = 7;
const BIG = 50_000;
const TARGETS = ['https://chatgpt.com/'];
const verdict = (met: boolean) => (met ? 'MET' : 'MISSED');

const root = mkdtempSync(join(tmpdir(), 'ad-bench-browsers-'));
try {
  // Templates, made once and copied into each fresh home.
  const templates = join(root, 'templates');
  mkdirSync(templates);
  const bigChromium = join(templates, 'big-chromium');
  const smallChromium = join(templates, 'small-chromium');
  const smallFirefox = join(templates, 'small-firefox');
  let t0 = performance.now();
  makeCookieDb(bigChromium, 'chromium', BIG, 11);
  const madeMs = performance.now() - t0;
  makeCookieDb(smallChromium, 'chromium', 1000, 12);
  makeCookieDb(smallFirefox, 'firefox', 1000, 13);
  const bigBytes = readFileSync(bigChromium).length;
  console.log(
    `(setup: a ${BIG}-cookie Chromium database, ${(bigBytes / 1024 / 1024).toFixed(1)} MB, made in ${madeMs.toFixed(0)} ms)`,
  );

  let homes = 0;
  /** A fake home laid out like tests/world/browsers.test.ts: Chrome's "Profile 1" with cookies and IndexedDB. */
  const chromeHome = (cookies: string) => {
    const home = join(root, `home-${homes++}`);
    const chrome = join(home, '.config', 'google-chrome');
    mkdirSync(join(chrome, 'Profile 1', 'Network'), { recursive: true });
    writeFileSync(
      join(chrome, 'Local State'),
      JSON.stringify({ profile: { info_cache: { 'Profile 1': { name: 'Work' } }, last_used: 'Profile 1' } }),
    );
    copyFileSync(cookies, join(chrome, 'Profile 1', 'Network', 'Cookies'));
    const idb = join(chrome, 'Profile 1', 'IndexedDB', 'https_chatgpt.com_0.indexeddb.leveldb');
    mkdirSync(idb, { recursive: true });
    writeFileSync(join(idb, 'CURRENT'), 'MANIFEST-000001\n');
    mkdirSync(join(chrome, 'Profile 1', 'IndexedDB', 'https_notchatgpt.com_0.indexeddb.leveldb'), { recursive: true });
    return home;
  };
  const service = (home: string) =>
    createBrowsersService({
      home: () => home,
      env: { XDG_CONFIG_HOME: join(home, '.config') },
      platform: 'linux',
      configuredSites: null,
      targets: TARGETS,
    });

  // sql.js's first load: the first open (WASM compile included) against a second open of the same bytes.
  const tiny = readFileSync(smallChromium);
  t0 = performance.now();
  (await openDatabase(tiny, 'bench')).db.close();
  const firstOpen = performance.now() - t0;
  t0 = performance.now();
  (await openDatabase(tiny, 'bench')).db.close();
  const secondOpen = performance.now() - t0;
  console.log(
    `sql.js first load (first open − second open of a 1,000-cookie database): ${(firstOpen - secondOpen).toFixed(0)} ms (first open ${firstOpen.toFixed(0)} ms, second ${secondOpen.toFixed(1)} ms)`,
  );

  // (a) clear() on fresh copies; sql.js is loaded by now, so this is the steady cost of one clear.
  const clears: number[] = [];
  let removed = 0;
  for (let i = 0; i < CLEAR_RUNS; i++) {
    const home = chromeHome(bigChromium);
    const journal = createJournal({ dir: join(home, '.config', 'Access Doctor', 'journal') });
    const browsers = service(home);
    t0 = performance.now();
    const result = await browsers.clear({ browser: 'chrome', profile: 'Profile 1' }, journal);
    clears.push(performance.now() - t0);
    removed = result.removedCookies;
    rmSync(home, { recursive: true, force: true });
  }
  const clearMs = median(clears);
  console.log(
    `clear one site's cookies, ${BIG.toLocaleString('en')}-cookie Chromium database, backup + atomic write (median of ${CLEAR_RUNS} fresh copies; ${removed} removed): ${clearMs.toFixed(0)} ms (goal ≤ 100 ms) ${verdict(clearMs <= 100)}`,
  );

  // (b) list() over 4 browsers × 3 profiles.
  const scanHome = join(root, 'scan-home');
  const config = join(scanHome, '.config');
  const chromiumProfiles = ['Default', 'Profile 1', 'Profile 2'];
  for (const dir of ['google-chrome', 'chromium', join('BraveSoftware', 'Brave-Browser')]) {
    const userData = join(config, dir);
    const infoCache: Record<string, { name: string }> = {};
    for (const [n, p] of chromiumProfiles.entries()) {
      mkdirSync(join(userData, p, 'Network'), { recursive: true });
      copyFileSync(smallChromium, join(userData, p, 'Network', 'Cookies'));
      infoCache[p] = { name: `Person ${n + 1}` };
    }
    writeFileSync(join(userData, 'Local State'), JSON.stringify({ profile: { info_cache: infoCache } }));
  }
  const ffRoot = join(scanHome, '.mozilla', 'firefox');
  const ini: string[] = [];
  for (const [n, name] of ['default-release', 'work', 'test'].entries()) {
    const folder = `ab1${n}.${name}`;
    mkdirSync(join(ffRoot, folder), { recursive: true });
    copyFileSync(smallFirefox, join(ffRoot, folder, 'cookies.sqlite'));
    ini.push(`[Profile${n}]\nName=${name}\nIsRelative=1\nPath=${folder}\n`);
  }
  writeFileSync(join(ffRoot, 'profiles.ini'), ini.join('\n'));
  writeFileSync(join(ffRoot, 'installs.ini'), '[4F96D1932A9F858E]\nDefault=ab10.default-release\n');
  const scanner = service(scanHome);
  const warm = await scanner.list();
  const counted = warm.profiles.filter((p) => p.cookies !== null).length;
  const lists: number[] = [];
  for (let i = 0; i < LIST_RUNS; i++) {
    t0 = performance.now();
    await scanner.list();
    lists.push(performance.now() - t0);
  }
  const listMs = median(lists);
  console.log(
    `scan all profiles, 4 browsers × 3 profiles, 1,000 cookies each (median of ${LIST_RUNS}; ${warm.profiles.length} profiles, ${counted} counted): ${listMs.toFixed(0)} ms (goal ≤ 300 ms) ${verdict(listMs <= 300)}`,
  );

  // (c) the whole CLI process, a fresh copy of the 50,000-cookie home each run, against --help.
  const cliHome = join(root, 'cli-home');
  mkdirSync(cliHome);
  const cliEnv = (home: string) => ({
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    LANG: 'C.UTF-8',
    HOME: cliHome,
    ACCESS_DOCTOR_HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    NODE_OPTIONS: `--require ${GUARD}`,
  });
  const helps: number[] = [];
  const cliClears: number[] = [];
  let clearExit: number | null = null;
  let cliRemoved: unknown = null;
  for (let i = 0; i <= CLI_RUNS; i++) {
    const home = chromeHome(bigChromium);
    t0 = performance.now();
    const help = spawnSync(process.execPath, [CLI, '--help'], { env: cliEnv(home) });
    const helpMs = performance.now() - t0;
    t0 = performance.now();
    const run = spawnSync(
      process.execPath,
      [CLI, 'browsers', 'clear', '--browser', 'chrome', '--profile', 'Profile 1', '--yes', '--json'],
      { env: cliEnv(home), encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
    );
    const clearCliMs = performance.now() - t0;
    if (help.error) throw help.error;
    if (run.error) throw run.error;
    clearExit = run.status;
    if (run.status === 0) cliRemoved = (JSON.parse(run.stdout) as { removedCookies: number }).removedCookies;
    else console.log(`note: browsers clear exited ${run.status}: ${run.stderr.trim().slice(0, 300)}`);
    // The first round warms the file cache and is left out.
    if (i > 0) {
      helps.push(helpMs);
      cliClears.push(clearCliMs);
    }
    rmSync(home, { recursive: true, force: true });
  }
  const helpMs = median(helps);
  const cliMs = median(cliClears);
  const ratio = cliMs / helpMs;
  console.log(`CLI --help (median of ${CLI_RUNS}): ${helpMs.toFixed(0)} ms`);
  console.log(
    `CLI browsers clear --yes --json, ${BIG.toLocaleString('en')} cookies / --help (median of ${CLI_RUNS}): ${ratio.toFixed(2)} (${cliMs.toFixed(0)} ms, exit ${clearExit}, ${String(cliRemoved)} removed) (goal ≤ 2) ${verdict(ratio <= 2)}`,
  );
} finally {
  rmSync(root, { recursive: true, force: true });
}
