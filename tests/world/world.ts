/**
 * The loopback "world": every outside service the app talks to, simulated on 127.0.0.1 with no root.
 * - an IP echo in Cloudflare trace format (`/cdn-cgi/trace`) and in plain text (`/ip`),
 * - a "site" behind a simulated Cloudflare that answers a real-looking 1020 page to blocked IPs,
 * - a status API (Statuspage summary.json, switchable) and an RSS feed,
 * - hostile endpoints: a 50 MB body, a trace without `ip=`, invalid JSON, a redirect loop, slow-loris.
 * The site can also be rate limited for a while (`state.rateLimitSeconds`): a 1015 page with that
 * Retry-After, until a test lifts it.
 * The client's "public IP" is world state (on loopback every client is 127.0.0.1); the simulated router
 * changes it on reconnect, and the echo service and the site follow it.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';
import type { ConfigInput } from '../../electron/config';
import { FIXTURES } from '../support/paths';

export interface WorldOptions {
  publicIp?: string;
  publicIpV6?: string | null;
  blockedIps?: string[];
  statusFile?: string;
  port?: number;
  /** Artificial latency per path (ms), to make parallelism measurable in benchmarks. */
  delays?: Record<string, number>;
  /** `/site/` answers Cloudflare's 1015 with this Retry-After (seconds) until set back to null. */
  rateLimitSeconds?: number | null;
}

export interface World {
  origin: string;
  state: {
    publicIp: string;
    publicIpV6: string | null;
    blocked: Set<string>;
    statusFile: string;
    requests: Map<string, number>;
    /** While a number, `/site/` is rate limited (HTTP 429, error 1015) with this Retry-After. */
    rateLimitSeconds: number | null;
  };
  setPublicIp(ip: string): void;
  /** A config pointing every endpoint of the app at this world. */
  config(overrides?: Partial<ConfigInput>): ConfigInput;
  close(): Promise<void>;
}

const template = (name: string) => readFileSync(join(FIXTURES, 'cloudflare', name), 'utf8');

export function rayIdFor(ip: string, path: string): string {
  let hash = 0x811c9dc5;
  for (const ch of `${ip}${path}`) hash = Math.imul(hash ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return `${hash.toString(16).padStart(8, '0')}${((hash ^ 0x5bd1e995) >>> 0).toString(16).padStart(8, '0')}`.slice(
    0,
    16,
  );
}

export async function startWorld(options: WorldOptions = {}): Promise<World> {
  const state: World['state'] = {
    publicIp: options.publicIp ?? '198.51.100.23',
    publicIpV6: options.publicIpV6 === undefined ? null : options.publicIpV6,
    blocked: new Set(options.blockedIps ?? []),
    statusFile: options.statusFile ?? 'statuspage-summary-ok.json',
    requests: new Map(),
    rateLimitSeconds: options.rateLimitSeconds ?? null,
  };
  const page1020 = template('1020.html');
  const page1015 = template('1015.html');
  const challenge = template('challenge.html');
  const fill = (page: string, host: string, ray: string) =>
    page.replaceAll('{{HOST}}', host).replaceAll('{{RAY}}', ray).replaceAll('{{IP}}', state.publicIp);
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const server = createServer((req, res) => {
    const delay = options.delays?.[new URL(req.url ?? '/', 'http://world').pathname];
    if (delay) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        handle(req, res);
      }, delay);
      timers.add(timer);
      return;
    }
    handle(req, res);
  });

  function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://world');
    const path = url.pathname;
    state.requests.set(path, (state.requests.get(path) ?? 0) + 1);
    const ip = state.publicIp;
    const ray = rayIdFor(ip, path);
    const cf = { server: 'cloudflare', 'cf-ray': `${ray}-AMS` };
    const host = req.headers.host ?? 'site.test';
    switch (path) {
      case '/cdn-cgi/trace':
        return text(res, 200, traceBody(ip, url.searchParams.get('warp') ?? 'off'), cf);
      case '/cdn-cgi/trace6':
        if (!state.publicIpV6) return text(res, 503, 'no IPv6 here', cf);
        return text(res, 200, traceBody(state.publicIpV6, 'off'), cf);
      case '/ip':
        return text(res, 200, `${ip}\n`);
      case '/site/':
        if (state.rateLimitSeconds !== null)
          return html(res, 429, fill(page1015, host, ray), { ...cf, 'retry-after': String(state.rateLimitSeconds) });
        if (state.blocked.has(ip)) return html(res, 403, fill(page1020, host, ray), cf);
        return html(res, 200, '<!doctype html><title>Site</title><h1>Welcome back</h1>', cf);
      case '/site-plain/':
        if (state.blocked.has(ip)) return text(res, 403, 'error code: 1020', cf);
        return text(res, 200, 'ok', cf);
      case '/rate-limited/':
        return html(res, 429, fill(page1015, host, ray), { ...cf, 'retry-after': '120' });
      case '/challenge/':
        return html(res, 403, fill(challenge, host, ray), { ...cf, 'cf-mitigated': 'challenge' });
      case '/origin-down/':
        return html(
          res,
          522,
          '<title>site.test | 522: Connection timed out</title><span class="cf-error-code">522</span>',
          cf,
        );
      case '/status/summary.json':
        return send(res, 200, readFileSync(join(FIXTURES, 'status', state.statusFile), 'utf8'), 'application/json');
      case '/status/feed.rss':
        return send(res, 200, readFileSync(join(FIXTURES, 'status', 'feed.rss'), 'utf8'), 'application/rss+xml');
      case '/hostile/huge':
        return hugeBody(res, 50 * 1024 * 1024);
      case '/hostile/trace-no-ip':
        return text(res, 200, 'fl=1f1\nh=1.1.1.1\nts=1764064931.1\nvisit_scheme=https\nloc=NL\ncolo=AMS\n');
      case '/hostile/bad-json':
        return send(res, 200, '{"status": {"indicator": "none", ', 'application/json');
      case '/hostile/loop':
        res.writeHead(302, { location: '/hostile/loop' });
        return res.end();
      case '/hostile/slow-headers':
        return; // never answers: the client's deadline must end it
      case '/hostile/slow-body': {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.write('<html>');
        const timer = setInterval(() => res.write(' '), 500);
        timers.add(timer);
        res.on('close', () => {
          clearInterval(timer);
          timers.delete(timer);
        });
        return;
      }
      default:
        return text(res, 404, 'not found');
    }
  }
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    state,
    setPublicIp(ip) {
      state.publicIp = ip;
    },
    config(overrides = {}) {
      return {
        targets: [`${origin}/site/`],
        publicIp: {
          sources: [
            { url: `${origin}/cdn-cgi/trace`, format: 'cloudflare-trace', family: 4 },
            { url: `${origin}/cdn-cgi/trace6`, format: 'cloudflare-trace', family: 6 },
            { url: `${origin}/ip`, format: 'text', family: 4 },
          ],
          timeoutMs: 2000,
        },
        status: { url: `${origin}/status/summary.json`, feedUrl: `${origin}/status/feed.rss`, timeoutMs: 2000 },
        http: { timeoutMs: 3000, maxBodyBytes: 1024 * 1024, maxRedirects: 5 },
        // No router in this world unless a test starts tests/world/igd-sim.ts: discovery asks a loopback port
        // nobody answers, so it never multicasts on the machine's real network.
        discovery: { ssdpAddress: '127.0.0.1', ssdpPort: 1, allowLoopbackDevices: true, timeoutMs: 400 },
        ...overrides,
      };
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function traceBody(ip: string, warp: string): string {
  return `fl=29f1\nh=world.test\nip=${ip}\nts=${(Date.now() / 1000).toFixed(3)}\nvisit_scheme=http\nuag=AccessDoctor\ncolo=AMS\nsliver=none\nhttp=http/1.1\nloc=NL\ntls=off\nsni=off\nwarp=${warp}\ngateway=off\nrbi=off\nkex=none\n`;
}

function send(res: ServerResponse, status: number, body: string, type: string, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': type, ...headers });
  res.end(body);
}
const text = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) =>
  send(res, status, body, 'text/plain; charset=utf-8', headers);
const html = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) =>
  send(res, status, body, 'text/html; charset=UTF-8', headers);

/** Streams `size` bytes without holding them, stopping as soon as the client goes away. */
function hugeBody(res: ServerResponse, size: number) {
  res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(size) });
  const chunk = Buffer.alloc(64 * 1024, 'a');
  let sent = 0;
  const pump = () => {
    while (sent < size) {
      sent += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    res.end();
  };
  res.on('close', () => {
    sent = size;
  });
  pump();
}
