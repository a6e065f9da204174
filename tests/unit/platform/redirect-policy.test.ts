/**
 * Where a redirect may lead, and what it may carry. Public → local is played two ways: a table
 * fetch that opens no sockets (so real-looking public names and private literals can be used), and
 * two real loopback servers on two ports (two origins) with the classification injected.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { net } from 'electron';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AddressClass, classifyHost } from '../../../electron/core/address-class';
import { electronNetFetch, type NetRequest } from '../../../electron/platform/electron-net';
import { createHttpClient, type FetchLike, NetError } from '../../../electron/platform/http';
import { standInFetch, standInRequest } from '../../support/electron-net';

// Electron's own `net.request` must fit the adapter's parameter (checked by tsc, not at run time).
const electronRequestFits: (request: typeof net.request) => NetRequest = (request) => request;
void electronRequestFits;

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

describe('classifyHost', () => {
  it.each<[string, AddressClass]>([
    ['127.0.0.1', 'loopback'],
    ['127.8.9.10', 'loopback'],
    ['0.0.0.0', 'loopback'],
    ['localhost', 'loopback'],
    ['LOCALHOST.', 'loopback'],
    ['printer.localhost', 'loopback'],
    ['[::1]', 'loopback'],
    ['[::]', 'loopback'],
    ['[::ffff:7f00:1]', 'loopback'],
    ['169.254.169.254', 'link-local'],
    ['[fe80::1]', 'link-local'],
    ['[febf::1]', 'link-local'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['[fd12:3456::1]', 'private'],
    ['[fc00::1]', 'private'],
    ['[::ffff:c0a8:101]', 'private'],
    ['172.32.0.1', 'public'],
    ['172.15.0.1', 'public'],
    ['8.8.8.8', 'public'],
    ['[2606:4700::6810:84e5]', 'public'],
    ['[fec0::1]', 'public'],
    ['chatgpt.com', 'public'],
    ['localhost.example.com', 'public'],
    // A name is classed by its literal: this layer does no DNS.
    ['router.lan', 'public'],
  ])('%s is %s', (host, kind) => {
    expect(classifyHost(host)).toBe(kind);
  });

  it('reads hosts as WHATWG URL normalises them (hex, short and mapped forms)', () => {
    expect(classifyHost(new URL('http://0x7f.1/').hostname)).toBe('loopback');
    expect(classifyHost(new URL('http://[::ffff:127.0.0.1]/').hostname)).toBe('loopback');
    expect(classifyHost(new URL('http://[::ffff:10.0.0.1]/').hostname)).toBe('private');
    expect(classifyHost(new URL('http://3232235777/').hostname)).toBe('private'); // 192.168.1.1
  });
});

interface Call {
  url: string;
  headers: Record<string, string>;
}

/** A one-hop fetch from a table (URL → redirect target), no sockets; anything else answers 200. */
function tableFetch(redirects: Record<string, string>): FetchLike & { calls: Call[] } {
  const calls: Call[] = [];
  const impl = async (input: string, init: RequestInit) => {
    calls.push({ url: input, headers: Object.fromEntries(new Headers(init.headers)) });
    const location = redirects[input];
    if (location !== undefined) return new Response(null, { status: 302, headers: { location } });
    return new Response(`page at ${input}`, { status: 200 });
  };
  return Object.assign(impl, { calls });
}

describe('redirect policy: a public site may not send the check to a local address', () => {
  it.each([
    ['http://127.0.0.1:8080/admin', 'this computer'],
    ['http://localhost/', 'this computer'],
    ['http://[::1]:3000/', 'this computer'],
    ['http://0.0.0.0:8000/', 'this computer'],
    ['http://169.254.169.254/latest/meta-data/', 'the local network'],
    ['http://192.168.1.1/cgi-bin/reboot', 'the local network'],
    ['http://10.0.0.2/', 'the local network'],
    ['http://[fd00::1]/', 'the local network'],
  ])('refuses chatgpt.com → %s with net-blocked-by-policy, before asking it', async (target, where) => {
    const fetchImpl = tableFetch({ 'https://chatgpt.com/': target });
    const error = await netError(createHttpClient(fetchImpl).request({ ...base, url: 'https://chatgpt.com/' }));
    expect(error.code).toBe('net-blocked-by-policy');
    expect(error.message).toBe(
      `chatgpt.com redirected to ${new URL(target).host}, an address on ${where}. Access Doctor does not follow a public site's redirect to a local address.`,
    );
    expect(fetchImpl.calls.map((c) => c.url)).toEqual(['https://chatgpt.com/']);
  });

  it('checks every hop, not only the first: public → public → local is refused', async () => {
    const fetchImpl = tableFetch({
      'http://chatgpt.com/': 'https://chatgpt.com/',
      'https://chatgpt.com/': 'https://auth.example.com/login',
      'https://auth.example.com/login': 'http://192.168.0.1/',
    });
    const error = await netError(createHttpClient(fetchImpl).request({ ...base, url: 'http://chatgpt.com/' }));
    expect(error.code).toBe('net-blocked-by-policy');
    expect(fetchImpl.calls).toHaveLength(3);
  });

  it('follows public → public, and local → local (the user pointed there)', async () => {
    const fetchImpl = tableFetch({
      'http://chatgpt.com/': 'https://chatgpt.com/',
      'http://192.168.1.1/': 'http://192.168.1.1/login',
      'http://127.0.0.1:9000/': 'http://localhost:9001/',
    });
    const http = createHttpClient(fetchImpl);
    expect(await http.request({ ...base, url: 'http://chatgpt.com/' })).toMatchObject({
      url: 'https://chatgpt.com/',
      status: 200,
      redirects: 1,
    });
    expect(await http.request({ ...base, url: 'http://192.168.1.1/' })).toMatchObject({ status: 200, redirects: 1 });
    expect(await http.request({ ...base, url: 'http://127.0.0.1:9000/' })).toMatchObject({
      url: 'http://localhost:9001/',
      redirects: 1,
    });
  });

  it('a local address the user configured may be reached from a public redirect', async () => {
    const fetchImpl = tableFetch({
      'https://status.example.com/': 'http://192.168.1.1/status',
      'https://other.example.com/': 'http://10.0.0.5:8080/',
      'https://third.example.com/': 'http://10.0.0.6/',
    });
    const http = createHttpClient(fetchImpl, { allowPrivateRedirectsTo: ['http://192.168.1.1/', '10.0.0.5:8080'] });
    expect(await http.request({ ...base, url: 'https://status.example.com/' })).toMatchObject({
      url: 'http://192.168.1.1/status',
      status: 200,
    });
    expect(await http.request({ ...base, url: 'https://other.example.com/' })).toMatchObject({ status: 200 });
    await expect(http.request({ ...base, url: 'https://third.example.com/' })).rejects.toMatchObject({
      code: 'net-blocked-by-policy',
    });
  });

  it('maxRedirects 0 returns the 3xx itself: nothing is followed, so nothing is refused', async () => {
    const fetchImpl = tableFetch({ 'https://chatgpt.com/': 'http://127.0.0.1/' });
    const res = await createHttpClient(fetchImpl).request({ ...base, url: 'https://chatgpt.com/', maxRedirects: 0 });
    expect(res).toMatchObject({ status: 302, redirects: 0 });
  });

  it('never carries a user name or password from a Location onward', async () => {
    const fetchImpl = tableFetch({ 'https://a.example.com/': 'https://user:secret@b.example.com/' });
    const res = await createHttpClient(fetchImpl).request({ ...base, url: 'https://a.example.com/' });
    expect(res.url).toBe('https://b.example.com/');
    expect(fetchImpl.calls[1]?.url).toBe('https://b.example.com/');
  });
});

// Two real loopback servers: A and B are different origins (ports). Both record what they get.
interface Seen {
  server: 'A' | 'B';
  path: string;
  method: string;
  headers: IncomingMessage['headers'];
}
const seen: Seen[] = [];
let serverA: Server;
let serverB: Server;
let originA = '';
let originB = '';

function recorder(name: 'A' | 'B'): Server {
  return createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      seen.push({ server: name, path, method: req.method ?? '', headers: req.headers });
      const redirect = (status: number, location: string) => {
        res.writeHead(status, { location });
        res.end();
      };
      if (path === '/to-other') return redirect(302, `${name === 'A' ? originB : originA}/record`);
      if (path === '/to-other-and-back') return redirect(302, `${originB}/to-other`);
      if (path === '/to-self') return redirect(302, '/record');
      if (path === '/post-to-other') return redirect(303, `${originB}/record`);
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(`${name} recorded`);
    });
  });
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  serverA = recorder('A');
  serverB = recorder('B');
  originA = await listen(serverA);
  originB = await listen(serverB);
});

afterAll(async () => {
  await Promise.all([serverA, serverB].map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
});

const transports: [string, FetchLike][] = [
  ['Node fetch', (input, init) => fetch(input, init)],
  ["Electron's net.request", electronNetFetch(standInRequest)],
];

const secrets = {
  Authorization: 'Bearer secret-token',
  cookie: 'session=abc',
  'Proxy-Authorization': 'Basic cHJveHk6cHc=',
  'x-probe': 'kept',
};

function lastAt(server: 'A' | 'B', path: string): Seen | undefined {
  return seen.filter((s) => s.server === server && s.path === path).at(-1);
}

describe.each(transports)('over %s: redirects between two origins', (_name, fetchImpl) => {
  const http = createHttpClient(fetchImpl, { userAgent: 'AccessDoctorTest/1' });

  it('drops authorization, cookie and proxy-authorization on a cross-origin hop, keeps the rest', async () => {
    const res = await http.request({ ...base, url: `${originA}/to-other`, headers: secrets });
    expect(res).toMatchObject({ url: `${originB}/record`, body: 'B recorded', redirects: 1 });
    expect(lastAt('A', '/to-other')?.headers).toMatchObject({
      authorization: 'Bearer secret-token',
      cookie: 'session=abc',
    });
    const atB = lastAt('B', '/record')?.headers ?? {};
    expect(atB.authorization).toBeUndefined();
    expect(atB.cookie).toBeUndefined();
    expect(atB['proxy-authorization']).toBeUndefined();
    expect(atB).toMatchObject({ 'x-probe': 'kept', 'user-agent': 'AccessDoctorTest/1' });
  });

  it('keeps them on a same-origin hop', async () => {
    await http.request({ ...base, url: `${originA}/to-self`, headers: secrets });
    expect(lastAt('A', '/record')?.headers).toMatchObject({
      authorization: 'Bearer secret-token',
      cookie: 'session=abc',
      'proxy-authorization': 'Basic cHJveHk6cHc=',
    });
  });

  it('once dropped they stay dropped, even when the chain comes back to the first origin', async () => {
    const before = seen.length;
    const res = await http.request({ ...base, url: `${originA}/to-other-and-back`, headers: secrets });
    expect(res).toMatchObject({ url: `${originA}/record`, redirects: 2 });
    const back = seen.slice(before).find((s) => s.server === 'A' && s.path === '/record');
    expect(back?.headers.authorization).toBeUndefined();
    expect(back?.headers.cookie).toBeUndefined();
  });

  it('a 303 after a POST arrives as a GET without the body headers', async () => {
    await http.request({
      ...base,
      url: `${originA}/post-to-other`,
      method: 'POST',
      body: 'a=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    const atB = lastAt('B', '/record');
    expect(atB?.method).toBe('GET');
    expect(atB?.headers['content-type']).toBeUndefined();
  });

  it('refuses a "public" origin sending the check to a local one; B never hears of it', async () => {
    // Both servers are on loopback, so the test names A public by its port.
    const portA = new URL(originA).port;
    const classifyAddress = (url: URL): AddressClass => (url.port === portA ? 'public' : 'loopback');
    const guarded = createHttpClient(fetchImpl, { classifyAddress });
    const before = seen.filter((s) => s.server === 'B').length;
    const error = await netError(guarded.request({ ...base, url: `${originA}/to-other` }));
    expect(error.code).toBe('net-blocked-by-policy');
    expect(error.message).toMatch(/^127\.0\.0\.1 redirected to 127\.0\.0\.1:\d+, an address on this computer\. /);
    expect(seen.filter((s) => s.server === 'B')).toHaveLength(before);

    const allowed = createHttpClient(fetchImpl, { classifyAddress, allowPrivateRedirectsTo: [originB] });
    expect(await allowed.request({ ...base, url: `${originA}/to-other` })).toMatchObject({ body: 'B recorded' });
  });
});

describe("Electron's net.fetch as it is (why the app passes net.request instead)", () => {
  it("rejects a manual-mode redirect with 'Redirect was cancelled' and never returns the 3xx", async () => {
    await expect(standInFetch(`${originA}/to-self`, { redirect: 'manual' })).rejects.toThrow('Redirect was cancelled');
  });

  it('follows by itself in follow mode, with no hop visible to the caller', async () => {
    const res = await standInFetch(`${originA}/to-other`, { headers: secrets });
    expect(await res.text()).toBe('B recorded');
    expect(res.url).toBe('');
    expect(res.redirected).toBe(false);
  });

  it('passed straight to the client, a redirect ends in a sentence, not in an internal message', async () => {
    const error = await netError(createHttpClient(standInFetch).request({ ...base, url: `${originA}/to-self` }));
    expect(error.code).toBe('net-network');
    expect(error.message).toBe(
      `${new URL(originA).host} answered with a redirect that this connection could not follow.`,
    );
  });
});
