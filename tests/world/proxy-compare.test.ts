/**
 * `access-doctor proxy compare` and the diagnosis's proxy check against a loopback forward proxy (from
 * http_proxy) whose exit address the site refuses: through it the world's site answers the 1020 page,
 * without it the site loads. The proxy takes absolute-form requests for 127.0.0.1 only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnosis, ProxyComparison } from '../../shared/model';
import { followsSentenceRule } from '../../shared/text';
import { type RefusingProxy, startRefusingProxy } from '../support/refusing-proxy';
import { runCli, writeConfig } from '../support/run-cli';
import { startWorld, type World } from './world';

let world: World;
let proxy: RefusingProxy;
let proxyUrl = '';
let seen: string[] = [];

beforeAll(async () => {
  world = await startWorld();
  proxy = await startRefusingProxy();
  proxyUrl = proxy.url;
  seen = proxy.seen;
});

afterAll(async () => {
  await proxy.close();
  await world.close();
});

const envWith = (proxyValue: string) => ({
  http_proxy: proxyValue,
  HTTP_PROXY: proxyValue,
  https_proxy: '',
  HTTPS_PROXY: '',
  all_proxy: '',
  ALL_PROXY: '',
  no_proxy: '',
  NO_PROXY: '',
  XDG_CURRENT_DESKTOP: '',
});

describe('proxy compare', () => {
  it('reports 1020 through the proxy and a loading site without it, in one sentence', async () => {
    const config = writeConfig(world.config());
    const run = await runCli(['proxy', 'compare', '--json', '--config', config], { env: envWith(proxyUrl) });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(2);
    const json = JSON.parse(run.stdout) as { comparison: ProxyComparison };
    const c = json.comparison;
    expect(c.kind).toBe('compared');
    if (c.kind !== 'compared') return;
    expect(c.proxy).toBe(proxyUrl);
    expect(c.rows).toHaveLength(1);
    expect(c.rows[0]?.viaProxy).toMatchObject({ verdict: 'blocked', cloudflareCode: 1020, httpStatus: 403 });
    expect(c.rows[0]?.direct).toMatchObject({ verdict: 'ok', httpStatus: 200 });
    expect(seen.some((line) => line === `GET ${world.origin}/site/`)).toBe(true);

    const text = await runCli(['proxy', 'compare', '--config', config], { env: envWith(proxyUrl) });
    const host = new URL(world.origin).host;
    expect(text.stdout).toContain(`Through your proxy ${host} answers 1020; without it, it loads.`);
    expect(text.stdout).toContain('The proxy is the cause.');
  });

  it('the diagnosis carries the comparison and its finding', async () => {
    const run = await runCli(['diagnose', '--json', '--config', writeConfig(world.config())], {
      env: envWith(proxyUrl),
    });
    const diagnosis = JSON.parse(run.stdout) as Diagnosis;
    expect(diagnosis.results.proxy?.comparison?.kind).toBe('compared');
    const finding = diagnosis.findings.find((f) => f.kind === 'proxy-compared');
    expect(finding?.severity).toBe('problem');
    expect(finding?.title).toContain('answers 1020; without it, it loads.');
    expect(followsSentenceRule(finding?.title ?? '')).toBe(true);
    expect(followsSentenceRule(finding?.detail ?? '')).toBe(true);
  });

  it('goes direct for a target on no_proxy (as a browser would) and says the proxy is not its cause', async () => {
    const port = new URL(world.origin).port;
    const excepted = `http://localhost:${port}/site/`;
    const proxied = `${world.origin}/site/`;
    const config = writeConfig(world.config({ targets: [proxied, excepted] }));
    const before = seen.length;
    const run = await runCli(['proxy', 'compare', '--json', '--config', config], {
      env: { ...envWith(proxyUrl), no_proxy: 'localhost,.internal.example', NO_PROXY: 'localhost,.internal.example' },
    });
    expect(run.stderr).toBe('');
    const c = (JSON.parse(run.stdout) as { comparison: ProxyComparison }).comparison;
    expect(c.kind).toBe('compared');
    if (c.kind !== 'compared') return;
    const byTarget = new Map(c.rows.map((r) => [r.target, r]));
    expect(byTarget.get(proxied)?.viaProxy).toMatchObject({ verdict: 'blocked', cloudflareCode: 1020 });
    expect(byTarget.get(proxied)?.bypassedBy).toBeUndefined();
    expect(byTarget.get(excepted)?.bypassedBy).toBe('localhost');
    expect(byTarget.get(excepted)?.viaProxy).toMatchObject({ verdict: 'ok', httpStatus: 200 });
    // The proxy saw the proxied target and never the excepted one.
    const lines = seen.slice(before);
    expect(lines).toContain(`GET ${proxied}`);
    expect(lines.some((l) => l.includes('localhost'))).toBe(false);

    const text = await runCli(['proxy', 'compare', '--config', config], {
      env: { ...envWith(proxyUrl), no_proxy: 'localhost', NO_PROXY: 'localhost' },
    });
    expect(text.stdout).toContain(
      `localhost:${port} is on the proxy’s exception list (localhost), so it is reached without the proxy.`,
    );
  });

  it('does not blame the proxy when every target is on no_proxy', async () => {
    const port = new URL(world.origin).port;
    const config = writeConfig(world.config({ targets: [`http://localhost:${port}/site/`] }));
    const run = await runCli(['diagnose', '--json', '--config', config], {
      env: { ...envWith(proxyUrl), no_proxy: 'localhost', NO_PROXY: 'localhost' },
    });
    const diagnosis = JSON.parse(run.stdout) as Diagnosis;
    const finding = diagnosis.findings.find((f) => f.kind === 'proxy-compared');
    expect(finding?.id).toBe('proxy-compared:excepted');
    expect(finding?.severity).toBe('info');
    expect(followsSentenceRule(finding?.title ?? '')).toBe(true);
    expect(followsSentenceRule(finding?.detail ?? '')).toBe(true);
    expect(diagnosis.plan.map((s) => s.id)).not.toContain('try-without-proxy');
  });

  it('says so when no proxy is set', async () => {
    const run = await runCli(['proxy', 'compare', '--config', writeConfig(world.config())], { env: envWith('') });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('No proxy is set, so there is nothing to compare.');
  });
});
