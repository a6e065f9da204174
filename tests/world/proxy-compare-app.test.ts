/**
 * The proxy comparison as the Electron app wires it (main.ts): probes over the default session, which
 * follows the system proxy, and the comparison's direct side over a second session set to
 * `proxy: direct` — here the stand-in of Electron's net (tests/support/electron-net.ts), whose sessions
 * honour their proxy mode: the default one sends the world's site through the loopback proxy that
 * the site refuses (1020), the direct one reaches the site itself.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Composition, compose } from '../../electron/compose';
import { parseConfig } from '../../electron/config';
import { DIRECT_PARTITION, directNetFetch, electronNetFetch } from '../../electron/platform/electron-net';
import { standInNet } from '../support/electron-net';
import { type RefusingProxy, startRefusingProxy } from '../support/refusing-proxy';
import { startWorld, type World } from './world';

const PROXY_ENV = ['http_proxy', 'https_proxy', 'all_proxy', 'no_proxy', 'XDG_CURRENT_DESKTOP'];
let world: World;
let proxy: RefusingProxy;
let saved: Record<string, string | undefined>;

beforeAll(async () => {
  world = await startWorld();
  proxy = await startRefusingProxy();
  // The system proxy as the OS reports it (here: the environment), the same one the sessions follow.
  saved = {};
  for (const name of PROXY_ENV.flatMap((n) => [n, n.toUpperCase()])) {
    saved[name] = process.env[name];
    delete process.env[name];
  }
  process.env.http_proxy = proxy.url;
});

afterAll(async () => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await proxy.close();
  await world.close();
});

async function composeApp(direct: boolean): Promise<{ app: Composition; net: ReturnType<typeof standInNet> }> {
  const net = standInNet({ systemProxy: { host: proxy.host, port: proxy.port } });
  const app = await compose({
    config: parseConfig(world.config()),
    fetch: electronNetFetch(net.request),
    ...(direct ? { directFetch: await directNetFetch(net.request, net.fromPartition(DIRECT_PARTITION)) } : {}),
    paths: { config: null, journal: mkdtempSync(join(tmpdir(), 'ad-app-compare-')), ipHistory: null, prefs: null },
    shell: 'electron',
    version: '0.0.0-test',
  });
  return { app, net };
}

describe('the app compares through the system proxy and over a direct session', () => {
  it('the default session goes through the proxy, the direct session around it, and the comparison says so', async () => {
    const { app, net } = await composeApp(true);
    const target = `${world.origin}/site/`;
    const before = proxy.seen.length;
    // A normal probe of the app: the system proxy carries it, and the site refuses the proxy.
    expect(await app.services.probe(target)).toMatchObject({ verdict: 'blocked', cloudflareCode: 1020 });
    expect(proxy.seen.slice(before)).toEqual([`GET ${target}`]);

    const status = await app.services.proxy.compare([target]);
    const c = status.comparison;
    expect(c?.kind).toBe('compared');
    if (c?.kind !== 'compared') return;
    expect(c.proxy).toBe(proxy.url);
    expect(c.rows[0]?.viaProxy).toMatchObject({ verdict: 'blocked', cloudflareCode: 1020 });
    expect(c.rows[0]?.direct).toMatchObject({ verdict: 'ok', httpStatus: 200 });
    // Only the "through the proxy" probe reached the proxy; the direct one did not.
    expect(proxy.seen.slice(before)).toEqual([`GET ${target}`, `GET ${target}`]);
    // The partition is one session, and setting it direct left the default session on the system proxy.
    expect(net.fromPartition(DIRECT_PARTITION).proxyFor()).toBeNull();
    expect(net.defaultSession.proxyFor()).toEqual({ host: proxy.host, port: proxy.port });
    await app.dispose();
  });

  it('without the direct session the app says it cannot compare, and no probe is sent', async () => {
    const { app } = await composeApp(false);
    const before = proxy.seen.length;
    const status = await app.services.proxy.compare([`${world.origin}/site/`]);
    expect(status.comparison).toMatchObject({ kind: 'unsupported' });
    expect(proxy.seen.length).toBe(before);
    await app.dispose();
  });
});
