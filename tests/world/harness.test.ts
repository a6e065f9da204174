/**
 * The harness (the renderer's stand-in shell) against the loopback world: what it serves, whom it
 * answers, and that the real services behind it stream progress over SSE.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../electron/config';
import { type Harness, MAX_EVENT_STREAMS, startHarness } from '../../electron/harness/server';
import { CONTENT_SECURITY_POLICY } from '../../electron/window-policy';
import type { Outcome } from '../../shared/ipc';
import type { CheckId, CheckProgress, Diagnosis } from '../../shared/model';
import { startWorld, type World } from './world';

const BRIDGE = '/* test bridge */ window.__bridgeLoaded = true;\n';
const ICON = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const INDEX =
  '<!doctype html>\n<html>\n  <head>\n    <title>Access Doctor</title>\n  </head>\n  <body><div id="root"></div></body>\n</html>\n';

let world: World;
let harness: Harness;
let origin: string;
let port: number;

beforeAll(async () => {
  world = await startWorld({ publicIp: '203.0.113.41', blockedIps: ['203.0.113.41'] });
  const dir = mkdtempSync(join(tmpdir(), 'access-doctor-harness-'));
  const rendererDir = join(dir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), INDEX);
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log("app");\n');
  // A file next to the renderer folder that traversal must not reach.
  writeFileSync(join(dir, 'secret.txt'), 'do not serve me');
  const bridgeFile = join(dir, 'bridge.js');
  writeFileSync(bridgeFile, BRIDGE);
  const faviconFile = join(dir, 'icon.png');
  writeFileSync(faviconFile, ICON);
  harness = await startHarness({
    config: parseConfig(world.config()),
    rendererDir,
    bridgeFile,
    faviconFile,
    fetch: (input, init) => fetch(input, init),
    version: '9.9.9-test',
  });
  origin = new URL(harness.url).origin;
  port = (harness.server.address() as AddressInfo).port;
});

afterAll(async () => {
  await harness?.close();
  await world?.close();
});

/** A raw request, so paths reach the server exactly as written and any Host can be sent. */
function raw(
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

async function rpc<T>(channel: string, input: unknown): Promise<Outcome<T>> {
  const res = await fetch(`${origin}/__harness/rpc`, {
    method: 'POST',
    headers: { origin, 'content-type': 'application/json' },
    body: JSON.stringify({ channel, input }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Outcome<T>;
}

describe('harness: serving the renderer', () => {
  it('binds loopback only and prints a loopback URL', () => {
    expect((harness.server.address() as AddressInfo).address).toBe('127.0.0.1');
    expect(harness.url).toBe(`http://127.0.0.1:${port}/`);
  });

  it('serves index.html with the bridge script injected first in <head> and a CSP header', async () => {
    const res = await raw('/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.body).toMatch(
      /<head>\s*<script defer src="\/__harness\/bridge\.js"><\/script>\s*<link rel="icon"[^>]*>\s*<title>/,
    );
    const bridge = await raw('/__harness/bridge.js');
    expect(bridge.body).toBe(BRIDGE);
    expect(bridge.headers['content-type']).toMatch(/^text\/javascript/);
    const asset = await raw('/assets/app.js');
    expect(asset).toMatchObject({ status: 200, body: 'console.log("app");\n' });
  });

  it.each([
    '/../secret.txt',
    '/..%2fsecret.txt',
    '/%2e%2e/secret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/..%5csecret.txt',
    '/%E0%A4%A',
    '/index.html%00.js',
    '/nope.html',
    '/assets',
  ])('answers %s with 404', async (path) => {
    const res = await raw(path);
    expect(res.status).toBe(404);
    expect(res.body).not.toContain('do not serve me');
  });

  it('serves the app icon as /favicon.png and links it from the page', async () => {
    const page = await raw('/');
    expect(page.body).toContain('<link rel="icon" type="image/png" href="/favicon.png" />');
    const res = await fetch(`${origin}/favicon.png`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(ICON);
  });

  it('refuses methods other than GET/HEAD on files', async () => {
    expect((await raw('/index.html', { method: 'DELETE' })).status).toBe(405);
  });

  it('refuses a request for another host name (DNS rebinding)', async () => {
    const res = await raw('/', { headers: { host: `evil.example:${port}` } });
    expect(res.status).toBe(403);
    const rpcRes = await raw('/__harness/rpc', {
      method: 'POST',
      headers: {
        host: `evil.example:${port}`,
        origin: `http://evil.example:${port}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ channel: 'app.info', input: {} }),
    });
    expect(rpcRes.status).toBe(403);
  });
});

describe('harness: the rpc transport', () => {
  // A diagnosis asks the world's echo service first, so a refused request shows as no new echo request.
  const body = JSON.stringify({ channel: 'diagnose.run', input: { runId: 'refused' } });

  const refusals: [string, () => Record<string, string>][] = [
    ['no Origin', () => ({ 'content-type': 'application/json' })],
    ['a foreign Origin', () => ({ origin: 'https://evil.example', 'content-type': 'application/json' })],
    ['a look-alike Origin', () => ({ origin: `http://127.0.0.1:${port + 1}`, 'content-type': 'application/json' })],
    ['a form content type', () => ({ origin, 'content-type': 'application/x-www-form-urlencoded' })],
    ['no content type', () => ({ origin })],
  ];

  it.each(refusals)('refuses a POST with %s (403) before running anything', async (_name, headers) => {
    const before = world.state.requests.get('/cdn-cgi/trace') ?? 0;
    const res = await raw('/__harness/rpc', { method: 'POST', headers: headers(), body });
    expect(res.status).toBe(403);
    expect(world.state.requests.get('/cdn-cgi/trace') ?? 0).toBe(before);
  });

  it('answers the page opened as http://localhost:PORT/ as well', async () => {
    const local = `http://localhost:${port}`;
    const res = await raw('/__harness/rpc', {
      method: 'POST',
      headers: { host: `localhost:${port}`, origin: local, 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'app.info', input: {} }),
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, value: { shell: 'harness' } });
    // Each origin is only good with the port it was served on.
    const other = await raw('/__harness/rpc', {
      method: 'POST',
      headers: {
        host: `localhost:${port}`,
        origin: `http://localhost:${port + 1}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ channel: 'app.info', input: {} }),
    });
    expect(other.status).toBe(403);
  });

  it('answers app.info as the harness shell', async () => {
    expect(await rpc('app.info', {})).toEqual({
      ok: true,
      value: {
        version: '9.9.9-test',
        shell: 'harness',
        targets: [`${world.origin}/site/`],
        os: expect.stringMatching(/^\w+ \S+$/),
        supportLinks: { 'chatgpt.com': 'https://help.openai.com/' },
      },
    });
  });

  it('answers invalid input, unknown channels and non-object bodies with typed errors', async () => {
    const invalid = await rpc('diagnose.run', { runId: '../../etc' });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    if (!invalid.ok) expect(invalid.error.message).toContain('runId');
    expect(await rpc('shell.exec', { cmd: 'rm -rf /' })).toMatchObject({
      ok: false,
      error: { code: 'unknown-channel' },
    });
    for (const text of ['null', '42', '"ip.current"', '[]', '{not json']) {
      const res = await raw('/__harness/rpc', {
        method: 'POST',
        headers: { origin, 'content-type': 'application/json' },
        body: text,
      });
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    }
  });

  it.each([
    ['a number', 42],
    ['null', null],
    ['an array', ['ip.current']],
    ['an object', {}],
    ['an object that cannot be turned into text', { toString: 1, valueOf: 2 }],
    ['missing', undefined],
  ])('answers a channel that is %s with a typed invalid-input, never a 500', async (_name, channel) => {
    const res = await raw('/__harness/rpc', {
      method: 'POST',
      headers: { origin, 'content-type': 'application/json' },
      body: JSON.stringify({ channel, input: {} }),
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({
      ok: false,
      error: { code: 'invalid-input', message: 'The request must name its channel as a string.' },
    });
  });

  it('refuses an oversized request body with a typed error', async () => {
    const res = await raw('/__harness/rpc', {
      method: 'POST',
      headers: { origin, 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'app.info', input: {}, pad: 'x'.repeat(100 * 1024) }),
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({
      ok: false,
      error: { code: 'invalid-input', message: 'The request is too large.' },
    });
  });
});

describe('harness: server-sent events', () => {
  it.each([
    ['a foreign Origin', { origin: 'https://evil.example' }],
    ['a look-alike Origin', { origin: `http://127.0.0.1:1` }],
    ['a cross-site fetch', { 'sec-fetch-site': 'cross-site' }],
  ])('refuses a stream asked for with %s, as the calls do', async (_name, headers) => {
    const res = await raw('/__harness/events', { headers });
    expect(res.status).toBe(403);
  });

  it(`caps the open streams at ${MAX_EVENT_STREAMS}`, async () => {
    const controllers: AbortController[] = [];
    try {
      for (let i = 0; i < MAX_EVENT_STREAMS; i++) {
        const controller = new AbortController();
        controllers.push(controller);
        const res = await fetch(`${origin}/__harness/events`, { signal: controller.signal });
        expect(res.status).toBe(200);
      }
      const refused = await raw('/__harness/events');
      expect(refused.status).toBe(503);
      expect(refused.body).toMatch(/^Too many open event streams\./);
    } finally {
      for (const c of controllers) c.abort();
    }
    // Closed streams free their places.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const again = new AbortController();
    const res = await fetch(`${origin}/__harness/events`, { signal: again.signal });
    expect(res.status).toBe(200);
    again.abort();
  });

  it("streams 'progress' events for a diagnose.run and then returns the Diagnosis", async () => {
    const controller = new AbortController();
    const events = await fetch(`${origin}/__harness/events`, { signal: controller.signal });
    expect(events.headers.get('content-type')).toBe('text/event-stream');
    const reader = events.body?.getReader();
    if (!reader) throw new Error('no event stream body');

    const progress: CheckProgress[] = [];
    const finished = new Set<CheckId>();
    const decoder = new TextDecoder();
    let buffer = '';
    const collect = (async () => {
      // Read until the three checks asserted below have finished (other checks may still be running).
      const wanted: CheckId[] = ['ip', 'access', 'status'];
      while (!wanted.every((c) => finished.has(c))) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf('\n\n');
          const data = frame.split('\n').find((l) => l.startsWith('data: '));
          if (!data) continue;
          const message = JSON.parse(data.slice(6)) as { event: string; payload: CheckProgress };
          if (message.event !== 'progress' || message.payload.runId !== 'sse-run-1') continue;
          progress.push(message.payload);
          if (message.payload.state !== 'running') finished.add(message.payload.check);
        }
      }
    })();

    const outcome = await rpc<Diagnosis>('diagnose.run', { runId: 'sse-run-1' });
    await collect;
    controller.abort();

    expect(outcome.ok).toBe(true);
    if (outcome.ok) {
      expect(outcome.value.results.access?.[0]).toMatchObject({ verdict: 'blocked', cloudflareCode: 1020 });
      expect(outcome.value.outcome).toBe('blocked');
    }
    for (const check of ['ip', 'access', 'status'] as const) {
      const states = progress.filter((p) => p.check === check).map((p) => p.state);
      expect(states.at(0)).toBe('running');
      expect(states.at(-1)).toBe('finished');
    }
    const ip = progress.find((p) => p.check === 'ip' && p.state === 'finished');
    expect(ip).toMatchObject({ mark: 'fine', detail: '203.0.113.41' });
    const access = progress.find((p) => p.check === 'access' && p.state === 'finished');
    expect(access?.mark).toBe('problem');
  });
});
