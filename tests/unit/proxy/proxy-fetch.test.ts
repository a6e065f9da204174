/** The proxy transport against loopback servers: absolute form, CONNECT + TLS, a refused tunnel, abort, the byte cap. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../../electron/platform/http';
import { createProxyFetch } from '../../../electron/platform/proxy-fetch';

const servers: { close(): void }[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

function listen(server: Server): Promise<number> {
  servers.push({ close: () => server.close() });
  server.on('connection', (socket: Socket) => servers.push({ close: () => socket.destroy() }));
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
}

/** A forward proxy: records request lines and CONNECT authorities, tunnels to 127.0.0.1 only. */
async function startProxy(onRequest?: (req: IncomingMessage, res: ServerResponse) => void) {
  const seen: { method: string; url: string; host: string | undefined }[] = [];
  const server = createServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', host: req.headers.host });
    if (onRequest) return onRequest(req, res);
    res.writeHead(200, { 'content-type': 'text/plain', 'x-from': 'proxy' });
    res.end(`proxied ${req.url}`);
  });
  server.on('connect', (req: IncomingMessage, client: Socket) => {
    seen.push({ method: 'CONNECT', url: req.url ?? '', host: req.headers.host });
    const [host, port] = (req.url ?? '').split(':');
    if (host !== '127.0.0.1') {
      client.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  const port = await listen(server);
  return { port, seen };
}

const client = (port: number, maxBytes?: number) =>
  createHttpClient(createProxyFetch({ host: '127.0.0.1', port }, { maxBytes }));

describe('createProxyFetch', () => {
  it('fetches an excepted host directly, hop by hop, and the rest through the proxy', async () => {
    const proxy = await startProxy();
    const site = createServer((req, res) => {
      if (req.url === '/hop') {
        // A proxied answer never comes here; the excepted host redirects to a proxied one.
        res.writeHead(302, { location: 'http://proxied.test/after' }).end();
        return;
      }
      res.end(`direct ${req.url}`);
    });
    const sitePort = await listen(site);
    const bypass = (url: URL) => url.hostname === '127.0.0.1';
    const http = createHttpClient(
      createProxyFetch({ host: '127.0.0.1', port: proxy.port }, { bypass, direct: (i, init) => fetch(i, init) }),
      { allowPrivateRedirectsTo: [`http://127.0.0.1:${sitePort}/`] },
    );
    const straight = await http.request({ url: `http://127.0.0.1:${sitePort}/x`, timeoutMs: 5000, maxBytes: 1000 });
    expect(straight.body).toBe('direct /x');
    expect(proxy.seen).toEqual([]);
    const hopped = await http.request({ url: `http://127.0.0.1:${sitePort}/hop`, timeoutMs: 5000, maxBytes: 1000 });
    expect(hopped.body).toBe('proxied http://proxied.test/after');
    expect(proxy.seen.map((s) => s.url)).toEqual(['http://proxied.test/after']);
    await expect(
      createProxyFetch({ host: '127.0.0.1', port: proxy.port }, { bypass })(`http://127.0.0.1:${sitePort}/`, {}),
    ).rejects.toThrow('direct transport');
  });

  it('sends plain http to the proxy in absolute form, with the site as Host', async () => {
    const proxy = await startProxy();
    const res = await client(proxy.port).request({
      url: 'http://site.test:8080/path?q=1',
      timeoutMs: 5000,
      maxBytes: 10_000,
    });
    expect(res.status).toBe(200);
    expect(res.body).toBe('proxied http://site.test:8080/path?q=1');
    expect(res.headers['x-from']).toBe('proxy');
    expect(proxy.seen).toEqual([{ method: 'GET', url: 'http://site.test:8080/path?q=1', host: 'site.test:8080' }]);
  });

  it('opens https with CONNECT host:port and speaks TLS to the site itself, its certificate checked', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'proxy-fetch-tls-'));
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    // Test-only: the certificate names 127.0.0.1 (subjectAltName) so the name check passes.
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    const pem = readFileSync(cert, 'utf8');
    const site = createHttpsServer({ key: readFileSync(key), cert: pem }, (req, res) => {
      res.end(`secure ${req.url} host=${req.headers.host}`);
    });
    const sitePort = await listen(site as unknown as Server);
    const proxy = await startProxy();
    const trusting = createHttpClient(createProxyFetch({ host: '127.0.0.1', port: proxy.port }, { ca: pem }));
    const res = await trusting.request({ url: `https://127.0.0.1:${sitePort}/x?y=2`, timeoutMs: 5000, maxBytes: 1000 });
    expect(res.body).toBe(`secure /x?y=2 host=127.0.0.1:${sitePort}`);
    expect(proxy.seen[0]).toEqual({ method: 'CONNECT', url: `127.0.0.1:${sitePort}`, host: `127.0.0.1:${sitePort}` });

    // Without the test CA the self-signed certificate is refused: rejectUnauthorized stays on.
    await expect(
      client(proxy.port).request({ url: `https://127.0.0.1:${sitePort}/`, timeoutMs: 5000, maxBytes: 1000 }),
    ).rejects.toMatchObject({ netCode: 'tls' });
  });

  it('names a tunnel the proxy refuses as the proxy not passing the connection on', async () => {
    const proxy = await startProxy();
    await expect(
      client(proxy.port).request({ url: 'https://elsewhere.test/', timeoutMs: 5000, maxBytes: 1000 }),
    ).rejects.toMatchObject({
      netCode: 'network',
      message: 'The proxy set on this computer did not pass the connection to elsewhere.test on.',
    });
    expect(proxy.seen[0]).toMatchObject({ method: 'CONNECT', url: 'elsewhere.test:443' });
  });

  it('stops on the request signal, before the headers and in the body', async () => {
    const proxy = await startProxy((_req, res) => {
      res.writeHead(200);
      res.write('first');
      // never ends
    });
    const silent = await startProxy(() => undefined);
    const controller = new AbortController();
    const pending = client(silent.port).request({
      url: 'http://slow.test/',
      timeoutMs: 10_000,
      maxBytes: 1000,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toMatchObject({ message: 'The check was cancelled.' });

    const started = performance.now();
    await expect(
      client(proxy.port).request({ url: 'http://endless.test/', timeoutMs: 300, maxBytes: 1000 }),
    ).rejects.toMatchObject({ netCode: 'timeout' });
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('ends the body at its byte cap and closes the connection', async () => {
    let closed = false;
    const proxy = await startProxy((_req, res) => {
      res.writeHead(200);
      const chunk = 'x'.repeat(64 * 1024);
      const pump = () => {
        while (!closed && res.write(chunk)) {
          /* fill */
        }
      };
      res.on('drain', pump);
      res.on('close', () => {
        closed = true;
      });
      pump();
    });
    const fetchOnly = createProxyFetch({ host: '127.0.0.1', port: proxy.port }, { maxBytes: 100_000 });
    const res = await fetchOnly('http://big.test/', { method: 'GET', signal: AbortSignal.timeout(5000) });
    const text = await res.text();
    expect(text.length).toBe(100_000);
    await new Promise((r) => setTimeout(r, 100));
    expect(closed).toBe(true);
  });
});
