/**
 * The HTTP client against real loopback servers: what an untrusted server can do to it. Every
 * behaviour runs over both transports the client meets: Node's fetch (CLI, harness) and Electron's
 * `net.request` through `electronNetFetch` (the app), the latter played by a stand-in that keeps
 * Electron's redirect semantics.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electronNetFetch } from '../../../electron/platform/electron-net';
import { createHttpClient, type FetchLike, NetError } from '../../../electron/platform/http';
import { standInRequest } from '../../support/electron-net';
import { closedPort } from '../../support/ports';

interface Seen {
  method: string;
  path: string;
  body: string;
  headers: IncomingMessage['headers'];
}

let server: Server;
let origin: string;
const seen: Seen[] = [];
const sockets = new Set<Socket>();
const timers = new Set<NodeJS.Timeout>();
/** Bytes the server managed to write per path, to prove the client stopped reading. */
const written = new Map<string, number>();

function endless(res: ServerResponse, path: string) {
  res.writeHead(200, { 'content-type': 'application/octet-stream' });
  const chunk = Buffer.alloc(16 * 1024, 0x61);
  let total = 0;
  let closed = false;
  res.on('close', () => {
    closed = true;
  });
  const pump = () => {
    while (!closed && total < 200 * 1024 * 1024) {
      total += chunk.length;
      written.set(path, total);
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    res.end();
  };
  pump();
}

function handle(req: IncomingMessage, res: ServerResponse, body: string) {
  const url = new URL(req.url ?? '/', 'http://x');
  seen.push({ method: req.method ?? '', path: url.pathname, body, headers: req.headers });
  const redirect = (status: number, location: string) => {
    res.writeHead(status, { location });
    res.end();
  };
  switch (url.pathname) {
    case '/hello':
      res.writeHead(200, { 'content-type': 'text/plain', 'x-thing': 'yes' });
      return res.end('hello world');
    case '/bytes': {
      const size = Number(url.searchParams.get('n'));
      res.writeHead(200, { 'content-type': 'text/plain' });
      return res.end(Buffer.alloc(size, 0x62));
    }
    case '/endless':
      return endless(res, url.pathname);
    case '/utf8':
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      return res.end('Größe — 東京');
    case '/never':
      return; // no headers, ever
    case '/drip': {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<html>');
      const timer = setInterval(() => res.write(' '), 100);
      timers.add(timer);
      res.on('close', () => clearInterval(timer));
      return;
    }
    case '/redirect/a':
      return redirect(302, '/redirect/b');
    case '/redirect/b':
      return redirect(301, `${origin}/hello`);
    case '/loop':
      return redirect(302, '/loop');
    case '/see-other':
      return redirect(303, '/echo');
    case '/temporary':
      return redirect(307, '/echo');
    case '/echo':
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ method: req.method, body }));
    case '/to-file':
      return redirect(302, 'file:///etc/passwd');
    case '/to-javascript':
      return redirect(302, 'javascript:alert(1)');
    case '/to-garbage':
      return redirect(302, 'http://[not-an-address/');
    case '/no-location':
      res.writeHead(302);
      return res.end('moved, somewhere');
    case '/reset':
      return req.socket.destroy();
    default:
      res.writeHead(404);
      return res.end('not found');
  }
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const t of timers) clearInterval(t);
  for (const s of sockets) s.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const nodeFetch: FetchLike = (input, init) => fetch(input, init);
const transports: [string, FetchLike][] = [
  ['Node fetch', nodeFetch],
  ["Electron's net.request", electronNetFetch(standInRequest)],
];
const base = { timeoutMs: 3000, maxBytes: 64 * 1024 };

async function netError(promise: Promise<unknown>): Promise<NetError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof NetError) return error;
    throw error;
  }
  throw new Error('expected a NetError');
}

describe.each(transports)('over %s', (_name, fetchImpl) => {
  const http = createHttpClient(fetchImpl, { userAgent: 'AccessDoctorTest/1' });

  describe('createHttpClient: ordinary answers', () => {
    it('returns status, lower-case headers, body and the final URL', async () => {
      const res = await http.request({ ...base, url: `${origin}/hello` });
      expect(res).toMatchObject({
        url: `${origin}/hello`,
        status: 200,
        body: 'hello world',
        truncated: false,
        redirects: 0,
      });
      expect(res.headers['x-thing']).toBe('yes');
      expect(seen.at(-1)?.headers['user-agent']).toBe('AccessDoctorTest/1');
    });

    it('lets the caller override headers', async () => {
      await http.request({
        ...base,
        url: `${origin}/hello`,
        headers: { 'user-agent': 'Custom', accept: 'text/plain' },
      });
      expect(seen.at(-1)?.headers).toMatchObject({ 'user-agent': 'Custom', accept: 'text/plain' });
    });

    it('decodes UTF-8 bodies', async () => {
      expect((await http.request({ ...base, url: `${origin}/utf8` })).body).toBe('Größe — 東京');
    });

    it('returns a 404 as an answer, not an error', async () => {
      expect((await http.request({ ...base, url: `${origin}/missing` })).status).toBe(404);
    });
  });

  describe('createHttpClient: body cap', () => {
    it('keeps exactly maxBytes and sets truncated when the body is larger', async () => {
      const res = await http.request({ ...base, url: `${origin}/bytes?n=200000`, maxBytes: 10_000 });
      expect(res.truncated).toBe(true);
      expect(res.body.length).toBe(10_000);
    });

    it('a body of exactly maxBytes is not truncated', async () => {
      const res = await http.request({ ...base, url: `${origin}/bytes?n=10000`, maxBytes: 10_000 });
      expect(res).toMatchObject({ truncated: false });
      expect(res.body.length).toBe(10_000);
    });

    it('stops reading an endless body: the server cannot push more than a little past the cap', async () => {
      const res = await http.request({ ...base, url: `${origin}/endless`, maxBytes: 64 * 1024 });
      expect(res.truncated).toBe(true);
      expect(res.body.length).toBe(64 * 1024);
      // Give the server a moment to notice the closed connection, then check it stopped early.
      await new Promise((r) => setTimeout(r, 200));
      expect(written.get('/endless') ?? 0).toBeLessThan(32 * 1024 * 1024);
    });
  });

  describe('createHttpClient: deadlines', () => {
    it('gives up on a server that never sends headers, with net-timeout, near the deadline', async () => {
      const started = performance.now();
      const error = await netError(http.request({ ...base, url: `${origin}/never`, timeoutMs: 400 }));
      const elapsed = performance.now() - started;
      expect(error.code).toBe('net-timeout');
      expect(error.message).toBe(`${new URL(origin).host} did not answer within 0.4 s.`);
      expect(elapsed).toBeGreaterThanOrEqual(350);
      expect(elapsed).toBeLessThan(400 + 2000);
    });

    it('the same deadline covers a body that drips forever (slow-loris)', async () => {
      const started = performance.now();
      const error = await netError(http.request({ ...base, url: `${origin}/drip`, timeoutMs: 500 }));
      expect(error.code).toBe('net-timeout');
      expect(performance.now() - started).toBeLessThan(500 + 2000);
    });

    it('a caller abort is a cancellation, not a timeout', async () => {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 100);
      const started = performance.now();
      const error = await netError(
        http.request({ ...base, url: `${origin}/never`, timeoutMs: 5000, signal: controller.signal }),
      );
      expect(error.code).toBe('net-network');
      expect(error.message).toBe('The check was cancelled.');
      expect(performance.now() - started).toBeLessThan(2000);
    });
  });

  describe('createHttpClient: redirects', () => {
    it('follows relative and absolute redirects and counts them', async () => {
      const res = await http.request({ ...base, url: `${origin}/redirect/a` });
      expect(res).toMatchObject({ url: `${origin}/hello`, status: 200, body: 'hello world', redirects: 2 });
    });

    it('stops a redirect loop with net-too-many-redirects after maxRedirects follows', async () => {
      const before = seen.filter((s) => s.path === '/loop').length;
      const error = await netError(http.request({ ...base, url: `${origin}/loop`, maxRedirects: 3 }));
      expect(error.code).toBe('net-too-many-redirects');
      expect(error.message).toBe(`${new URL(origin).host} redirected more than 3 times.`);
      expect(seen.filter((s) => s.path === '/loop').length - before).toBe(4);
    });

    it('returns the 3xx itself when maxRedirects is 0, and a 3xx without Location as is', async () => {
      const res = await http.request({ ...base, url: `${origin}/loop`, maxRedirects: 0 });
      expect(res).toMatchObject({ status: 302, redirects: 0 });
      expect(res.headers.location).toBe('/loop');
      const bare = await http.request({ ...base, url: `${origin}/no-location` });
      expect(bare).toMatchObject({ status: 302, body: 'moved, somewhere' });
    });

    it('303 turns a POST into a GET without a body', async () => {
      const res = await http.request({ ...base, url: `${origin}/see-other`, method: 'POST', body: 'secret=1' });
      expect(JSON.parse(res.body)).toEqual({ method: 'GET', body: '' });
    });

    it('307 keeps the method and the body', async () => {
      const res = await http.request({ ...base, url: `${origin}/temporary`, method: 'POST', body: 'a=1' });
      expect(JSON.parse(res.body)).toEqual({ method: 'POST', body: 'a=1' });
    });

    it.each(['/to-file', '/to-javascript', '/to-garbage'])('refuses to follow %s off http(s)', async (path) => {
      const error = await netError(http.request({ ...base, url: `${origin}${path}` }));
      expect(error.code).toBe('net-bad-response');
      expect(error.message).toBe(
        `${new URL(origin).host} redirected to an address that is not an http(s) web address.`,
      );
    });
  });

  describe('createHttpClient: connection failures', () => {
    it('names a refused connection', async () => {
      const port = await closedPort();
      const error = await netError(http.request({ ...base, url: `http://127.0.0.1:${port}/` }));
      expect(error.code).toBe('net-refused');
      expect(error.message).toBe(`127.0.0.1:${port} refused the connection.`);
    });

    it('names a connection the server drops', async () => {
      const error = await netError(http.request({ ...base, url: `${origin}/reset` }));
      expect(error.code).toBe('net-reset');
    });

    it('refuses a URL that is not http(s) before any I/O', async () => {
      const error = await netError(http.request({ ...base, url: 'file:///etc/passwd' }));
      expect(error.code).toBe('net-bad-response');
      await expect(http.request({ ...base, url: 'not a url' })).rejects.toMatchObject({ code: 'net-bad-response' });
    });
  });
});

describe('createHttpClient: error names', () => {
  it('maps DNS, TLS and guard errors from the fetch implementation to their names', async () => {
    const failing = (cause: Error) =>
      createHttpClient(async () => {
        throw new TypeError('fetch failed', { cause });
      });
    const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });
    const cases: [Error, string][] = [
      [withCode('getaddrinfo ENOTFOUND nowhere.test', 'ENOTFOUND'), 'net-dns'],
      [withCode('self-signed certificate', 'DEPTH_ZERO_SELF_SIGNED_CERT'), 'net-tls'],
      [new Error('net::ERR_NAME_NOT_RESOLVED'), 'net-dns'],
      [new Error('net::ERR_CONNECTION_RESET'), 'net-reset'],
      [withCode('blocked by the network guard: TCP connection to 1.1.1.1:443', 'ENETGUARD'), 'net-blocked-by-policy'],
      [new Error('something else entirely'), 'net-network'],
    ];
    for (const [cause, code] of cases) {
      await expect(failing(cause).request({ ...base, url: 'https://nowhere.test/' })).rejects.toMatchObject({ code });
    }
  });
});
