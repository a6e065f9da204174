/**
 * Local Storage removal against real Chromium (Debian's, through Playwright): a temp profile visits
 * loopback origins (every host name is mapped to 127.0.0.1 by the resolver rules, so nothing leaves the
 * machine), sets localStorage, and closes. The reader must see the keys; clearing one site must leave its
 * origins empty and every other origin intact when Chromium opens the profile again; the journal's
 * restore must bring them back. A run with megabytes of values makes Chromium move the data into a
 * compressed table, so the table and Snappy paths are exercised on Chromium's own files.
 */

import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearLocalStorage, countLocalStorage, localStorageDir } from '../../electron/services/browsers/local-storage';
import { readLevelDb } from '../../electron/services/browsers/local-storage-leveldb';
import { chromiumLockHeld, defaultRunningProbe } from '../../electron/services/browsers/running';
import { clearSiteCookies } from '../../electron/services/browsers/site-data';
import { createJournal } from '../../electron/services/journal';
import type { BrowserProfile } from '../../shared/model';

// Names under .test: no HSTS preload turns their http:// into https://.
const SITE = 'shop.test';
const MATCHING = ['shop.test', 'auth.shop.test'];
const OTHERS = ['notshop.test', 'shop.test.evil.test', '127.0.0.1'];

let server: Server;
let port = 0;
const temps: string[] = [];

beforeAll(async () => {
  server = createServer((_req, res) => {
    res.setHeader('content-type', 'text/html');
    res.end('<!doctype html><title>t</title>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

const origin = (host: string) => `http://${host}:${port}`;

function launch(userDataDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // Every name resolves to loopback: the test's own server.
      '--host-resolver-rules=MAP * 127.0.0.1',
    ],
  });
}

type Items = Record<string, string>;

async function writeItems(context: BrowserContext, host: string, items: Items): Promise<void> {
  const page = await context.newPage();
  await page.goto(origin(host));
  await page.evaluate((all) => {
    for (const [k, v] of Object.entries(all)) localStorage.setItem(k, v);
  }, items);
  await page.close();
}

async function readItems(context: BrowserContext, host: string): Promise<Items> {
  const page = await context.newPage();
  await page.goto(origin(host));
  const items = await page.evaluate(() => {
    const out: Record<string, string> = {};
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      if (k !== null) out[k] = localStorage.getItem(k) ?? '';
    }
    return out;
  });
  await page.close();
  return items;
}

async function readAll(userDataDir: string, hosts: string[]): Promise<Record<string, Items>> {
  const context = await launch(userDataDir);
  try {
    const out: Record<string, Items> = {};
    for (const h of hosts) out[h] = await readItems(context, h);
    return out;
  } finally {
    await context.close();
  }
}

function profileOf(userDataDir: string): BrowserProfile {
  return {
    browser: 'chromium',
    browserName: 'Chromium',
    family: 'chromium',
    dataDir: userDataDir,
    folder: join(userDataDir, 'Default'),
    id: 'Default',
    name: 'Person 1',
    inUse: true,
    running: false,
  };
}

/** Items per host: distinct keys and values, with non-Latin-1 text so both of Chromium's encodings occur. */
const itemsFor = (host: string, big = 0): Items => ({
  [`k-${host}`]: `v-${host}`,
  'ü-key': 'ä€ 😀',
  ...(big > 0 ? { bulk: `${host}:`.repeat(Math.ceil(big / (host.length + 1))).slice(0, big) } : {}),
});

async function scenario(bigValue: number, sessions: number) {
  const userDataDir = mkdtempSync(join(tmpdir(), 'ad-ls-'));
  temps.push(userDataDir);
  const hosts = [...MATCHING, ...OTHERS];
  const expected = Object.fromEntries(hosts.map((h) => [h, itemsFor(h, bigValue)]));
  // Several sessions: Chromium reopens the database each time, replaying (and maybe compacting) the log.
  for (let s = 0; s < sessions; s++) {
    const context = await launch(userDataDir);
    try {
      for (const h of hosts) await writeItems(context, h, expected[h] as Items);
    } finally {
      await context.close();
    }
  }
  const profile = profileOf(userDataDir);
  const journal = createJournal({ dir: join(userDataDir, 'journal') });
  const dbFiles = readdirSync(localStorageDir(profile)).map((name) => ({
    name,
    size: statSync(join(localStorageDir(profile), name)).size,
  }));

  const counted = await countLocalStorage(profile, [SITE]);
  expect(counted.origins).toEqual(MATCHING.map(origin).sort());
  expect(counted.items).toBe(MATCHING.length * Object.keys(itemsFor('x', bigValue)).length);
  const before = await readLevelDb(localStorageDir(profile));
  for (const h of OTHERS)
    expect(
      [...before.keys.keys()].some((k) => k.startsWith(`_${origin(h)}\0`)),
      h,
    ).toBe(true);

  const cleared = await clearLocalStorage(profile, [SITE], {
    journal,
    stillRunning: () => chromiumLockHeld(userDataDir, defaultRunningProbe()),
  });
  expect(cleared.origins).toEqual(counted.origins);
  expect(cleared.items).toBe(counted.items);
  expect(cleared.backupId).not.toBeNull();

  const after = await readAll(userDataDir, hosts);
  for (const h of MATCHING) expect(after[h], h).toEqual({});
  for (const h of OTHERS) expect(after[h], h).toEqual(expected[h]);

  await journal.restore(cleared.backupId as string);
  const restored = await readAll(userDataDir, hosts);
  expect(restored).toEqual(expected);
  return dbFiles;
}

describe('Chromium Local Storage', () => {
  it('clears one site’s origins in the log, leaves the others, and the journal brings them back', async () => {
    const files = await scenario(0, 1);
    // Small writes stay in the log: the append path is what this run proves.
    expect(files.some((f) => f.name.endsWith('.log'))).toBe(true);
    expect(files.some((f) => /\.(ldb|sst)$/.test(f.name))).toBe(false);
  }, 120_000);

  it('reads megabytes of values that Chromium moved into a compressed table, and clears them', async () => {
    const bulk = 1_500_000;
    const files = await scenario(bulk, 3);
    const tables = files.filter((f) => /\.(ldb|sst)$/.test(f.name));
    expect(tables.length).toBeGreaterThan(0);
    // Five origins hold a bulk value each, yet all files together are smaller than one: the data sits in
    // Snappy-compressed blocks, which the reader had to decode to find the keys.
    expect(files.reduce((sum, f) => sum + f.size, 0)).toBeLessThan(bulk);
  }, 180_000);

  it('refuses while Chromium runs with the profile and leaves the log as it was', async () => {
    const userDataDir = mkdtempSync(join(tmpdir(), 'ad-ls-'));
    temps.push(userDataDir);
    const first = await launch(userDataDir);
    await writeItems(first, 'shop.test', { a: 'b' });
    await first.close();
    const profile = profileOf(userDataDir);
    const state = await readLevelDb(localStorageDir(profile));
    const logBefore = readFileSync(state.log?.path as string);
    const running = await launch(userDataDir);
    try {
      await expect(
        clearLocalStorage(profile, [SITE], {
          journal: createJournal({ dir: join(userDataDir, 'journal') }),
          stillRunning: () => chromiumLockHeld(userDataDir, defaultRunningProbe()),
        }),
      ).rejects.toMatchObject({ code: 'browsers-running' });
    } finally {
      await running.close();
    }
    // Nothing was appended before Chromium's own writes of that session, and the item is still there.
    expect(readFileSync(state.log?.path as string).subarray(0, logBefore.length)).toEqual(logBefore);
    expect((await countLocalStorage(profile, [SITE])).items).toBe(1);
  }, 120_000);

  it('clears cookies and Local Storage together in one backup, and one restore brings both back', async () => {
    const userDataDir = mkdtempSync(join(tmpdir(), 'ad-ls-'));
    temps.push(userDataDir);
    const hosts = [...MATCHING, ...OTHERS];
    const first = await launch(userDataDir);
    try {
      const expires = Math.floor(Date.now() / 1000) + 86_400;
      await first.addCookies(hosts.map((h) => ({ name: 'c', value: '1', domain: h, path: '/', expires })));
      for (const h of hosts) await writeItems(first, h, itemsFor(h));
    } finally {
      await first.close();
    }
    const profile = profileOf(userDataDir);
    const journal = createJournal({ dir: join(userDataDir, 'journal') });
    const result = await clearSiteCookies(profile, [SITE], {
      journal,
      stillRunning: () => chromiumLockHeld(userDataDir, defaultRunningProbe()),
    });
    expect(result.removedCookies).toBe(MATCHING.length);
    expect(result.removedLocalStorage).toEqual({ origins: MATCHING.map(origin).sort(), items: 2 * MATCHING.length });

    const cookieHosts = async () => {
      const context = await launch(userDataDir);
      try {
        return (await context.cookies()).map((c) => c.domain).sort();
      } finally {
        await context.close();
      }
    };
    expect(await cookieHosts()).toEqual([...OTHERS].sort());
    const after = await readAll(userDataDir, hosts);
    for (const h of MATCHING) expect(after[h], h).toEqual({});
    for (const h of OTHERS) expect(after[h], h).toEqual(itemsFor(h));

    await journal.restore(result.backupId);
    expect(await cookieHosts()).toEqual([...hosts].sort());
    expect(await readAll(userDataDir, hosts)).toEqual(Object.fromEntries(hosts.map((h) => [h, itemsFor(h)])));
  }, 180_000);
});
