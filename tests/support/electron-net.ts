/**
 * A stand-in for Electron's `net` module (`net.request` and `net.fetch`), over node:http, so tests
 * see the transport the app really gets instead of only Node's fetch. It reproduces the parts that
 * differ from Node, as Electron's lib/common/api/net-client-request.ts and
 * lib/browser/api/net-fetch.ts behave:
 *
 * - a ClientRequest's redirect policy: 'follow' (the default) follows and only tells 'redirect'
 *   listeners; 'error' fails with "Attempted to redirect, but redirect policy was 'error'";
 *   'manual' emits 'redirect' (status, new method, new URL, headers as string arrays) and the
 *   listener must call `followRedirect()` synchronously, or the request dies with
 *   "Redirect was cancelled" (unless it was aborted);
 * - Chromium checks a Location itself: not a URL → net::ERR_INVALID_REDIRECT, not http(s) →
 *   net::ERR_UNSAFE_REDIRECT; more than 20 hops → net::ERR_TOO_MANY_REDIRECTS;
 * - failures are plain Errors whose message is a `net::ERR_*` name;
 * - `net.fetch` is a ClientRequest with the Request's redirect mode, so `redirect: 'manual'`
 *   rejects with "Redirect was cancelled" and never returns the 3xx; its Response `url` is empty.
 *
 * - sessions (`standInNet()`): `fromPartition(name)` gives one session per name (the empty name is the
 *   default session), `setProxy({ mode })` is honoured by every request naming that session in its
 *   `session` option: a session in `system` mode (the default) sends plain http to the "system proxy"
 *   the test sets, in absolute form; `direct` goes straight to the site. https through the system
 *   proxy (Chromium's CONNECT) is not reproduced and fails as `net::ERR_TUNNEL_CONNECTION_FAILED`.
 *   Real Chromium also bypasses loopback implicitly; the stand-in does not, because the test world
 *   lives on loopback.
 *
 * Sockets go to whatever URL is asked, so the net guard still holds tests to loopback.
 */
import { EventEmitter } from 'node:events';
import { type ClientRequest, request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Readable } from 'node:stream';
import type { NetClientRequest, NetIncomingMessage, NetRequestOptions } from '../../electron/platform/electron-net';

export interface StandInRequestOptions {
  url: string;
  method?: string;
  redirect?: 'follow' | 'error' | 'manual';
  useSessionCookies?: boolean;
  /** Without one, the request goes direct (the stand-in's old behaviour). */
  session?: StandInSession;
}

export interface StandInProxyEndpoint {
  host: string;
  port: number;
}

/** Electron's `ProxyConfig` modes; only `direct` and `system` change what the stand-in does. */
export type StandInProxyMode = 'direct' | 'auto_detect' | 'pac_script' | 'fixed_servers' | 'system';

/** A session: its proxy mode, and the system proxy it follows in `system` mode. */
export class StandInSession {
  private mode: StandInProxyMode = 'system';
  constructor(private readonly systemProxy: () => StandInProxyEndpoint | null) {}

  /** Like Electron's, settles once the setting is in effect. */
  async setProxy(config: { mode?: StandInProxyMode }): Promise<void> {
    await Promise.resolve();
    this.mode = config.mode ?? 'fixed_servers';
  }

  /** Where this session's requests connect: the proxy, or null for the site itself. */
  proxyFor(): StandInProxyEndpoint | null {
    return this.mode === 'system' ? this.systemProxy() : null;
  }
}

/** `net.request`, `session.defaultSession` and `session.fromPartition` over one "system proxy". */
export function standInNet(options: { systemProxy?: StandInProxyEndpoint | null } = {}) {
  let systemProxy = options.systemProxy ?? null;
  const defaultSession = new StandInSession(() => systemProxy);
  const partitions = new Map<string, StandInSession>();
  const fromPartition = (partition: string): StandInSession => {
    if (partition === '') return defaultSession;
    let found = partitions.get(partition);
    if (!found) {
      found = new StandInSession(() => systemProxy);
      partitions.set(partition, found);
    }
    return found;
  };
  return {
    defaultSession,
    fromPartition,
    /** As Electron's: a request without `session` (or `partition`) belongs to the default session. */
    request: (o: StandInRequestOptions & { partition?: string }): StandInClientRequest =>
      new StandInClientRequest({
        ...o,
        session: o.session ?? (o.partition ? fromPartition(o.partition) : defaultSession),
      }),
    setSystemProxy(proxy: StandInProxyEndpoint | null) {
      systemProxy = proxy;
    },
  };
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const CHROMIUM_REDIRECT_LIMIT = 20;

export class StandInClientRequest extends EventEmitter implements NetClientRequest {
  private readonly headers = new Map<string, string>();
  private readonly chunks: string[] = [];
  private current: ClientRequest | undefined;
  private response: IncomingMessage | undefined;
  private aborted = false;
  private dead = false;
  private followCb: (() => void) | undefined;
  private hops = 0;

  constructor(private readonly options: StandInRequestOptions) {
    super();
    const protocol = new URL(options.url).protocol;
    if (protocol !== 'http:' && protocol !== 'https:')
      throw new Error('ClientRequest only supports http: and https: protocols');
  }

  setHeader(name: string, value: string): void {
    if (this.current) throw new Error("Can't set headers after they are sent");
    this.headers.set(name.toLowerCase(), value);
  }

  write(chunk: string): void {
    this.chunks.push(chunk);
  }

  end(): this {
    this.start(this.options.url, (this.options.method ?? 'GET').toUpperCase(), this.chunks.join(''));
    return this;
  }

  followRedirect(): void {
    if (!this.followCb) throw new Error('followRedirect() called, but was not waiting for a redirect');
    this.followCb();
  }

  abort(): void {
    if (!this.aborted) process.nextTick(() => this.emit('abort'));
    this.aborted = true;
    this.die();
  }

  private die(error?: Error): void {
    if (this.dead) return;
    this.dead = true;
    this.current?.destroy();
    if (this.response) this.response.destroy(error);
    if (error) this.emit('error', error);
  }

  private start(url: string, method: string, body: string): void {
    if (this.dead) return;
    const proxy = this.options.session?.proxyFor() ?? null;
    if (proxy && url.startsWith('https:')) {
      process.nextTick(() => this.die(new Error('net::ERR_TUNNEL_CONNECTION_FAILED')));
      return;
    }
    const headers = Object.fromEntries(this.headers);
    const send = url.startsWith('https:') ? httpsRequest : httpRequest;
    // Through the session's proxy: connect to it and name the site in the request line (absolute form).
    const req = proxy
      ? httpRequest({
          host: proxy.host,
          port: proxy.port,
          path: url,
          method,
          headers: { ...headers, host: new URL(url).host },
        })
      : send(url, { method, headers });
    this.current = req;
    req.on('error', (error) => this.die(new Error(chromiumName(error))));
    req.on('response', (res) => this.answer(url, method, body, res));
    req.end(body === '' ? undefined : body);
  }

  private answer(url: string, method: string, body: string, res: IncomingMessage): void {
    if (this.dead) {
      res.destroy();
      return;
    }
    const status = res.statusCode ?? 0;
    const location = res.headers.location;
    if (REDIRECTS.has(status) && location !== undefined) {
      res.resume();
      const failure = this.redirect(url, method, body, status, location, arrayHeaders(res));
      if (failure) this.die(new Error(failure));
      return;
    }
    this.response = res;
    res.on('error', () => {
      if (!this.dead) this.die(new Error('net::ERR_CONNECTION_RESET'));
    });
    const message: NetIncomingMessage = res as unknown as NetIncomingMessage;
    this.emit('response', message);
  }

  /** Chromium's side of a redirect, then the ClientRequest policy; returns why it died, if it did. */
  private redirect(
    url: string,
    method: string,
    body: string,
    status: number,
    location: string,
    headers: Record<string, string[]>,
  ): string | undefined {
    const next = URL.canParse(location, url) ? new URL(location, url) : null;
    if (!next) return 'net::ERR_INVALID_REDIRECT';
    if (next.protocol !== 'http:' && next.protocol !== 'https:') return 'net::ERR_UNSAFE_REDIRECT';
    if (++this.hops > CHROMIUM_REDIRECT_LIMIT) return 'net::ERR_TOO_MANY_REDIRECTS';
    const toGet = status === 303 ? method !== 'HEAD' : (status === 301 || status === 302) && method === 'POST';
    const newMethod = toGet ? 'GET' : method;
    const policy = this.options.redirect ?? 'follow';
    if (policy === 'error') return "Attempted to redirect, but redirect policy was 'error'";
    let followed = policy === 'follow';
    this.followCb = () => {
      followed = true;
    };
    try {
      this.emit('redirect', status, newMethod, next.href, headers);
    } finally {
      this.followCb = undefined;
    }
    if (this.aborted) return undefined;
    if (!followed) return 'Redirect was cancelled';
    this.start(next.href, newMethod, toGet ? '' : body);
    return undefined;
  }
}

export function standInRequest(options: NetRequestOptions | StandInRequestOptions): StandInClientRequest {
  return new StandInClientRequest(options);
}

/** `net.fetch` as Electron builds it: one ClientRequest carrying the Request's redirect mode. */
export function standInFetch(input: string, init: RequestInit = {}): Promise<Response> {
  return new Promise<Response>((resolve, reject) => {
    const req = new Request(input, init);
    if (req.signal.aborted) return reject(req.signal.reason);
    let aborted = false;
    const r = standInRequest({ url: req.url, method: req.method, redirect: req.redirect });
    req.signal.addEventListener(
      'abort',
      () => {
        aborted = true;
        reject(req.signal.reason);
        r.abort();
      },
      { once: true },
    );
    for (const [name, value] of req.headers) r.setHeader(name, value);
    r.on('response', (res: NetIncomingMessage) => {
      if (aborted) return;
      const headers = new Headers();
      for (const [k, v] of Object.entries(res.headers)) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
      const nullBody = [101, 204, 205, 304].includes(res.statusCode) || req.method === 'HEAD';
      const body = nullBody ? null : (Readable.toWeb(res as unknown as Readable) as ReadableStream<Uint8Array>);
      resolve(new Response(body, { headers, status: res.statusCode, statusText: res.statusMessage }));
    });
    r.on('error', (error: Error) => reject(error));
    void req.text().then((text) => {
      if (text !== '') r.write(text);
      r.end();
    }, reject);
  });
}

function arrayHeaders(res: IncomingMessage): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(res.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value : [value];
  }
  return out;
}

function chromiumName(error: Error): string {
  const code = (error as { code?: unknown }).code;
  switch (code) {
    case 'ECONNREFUSED':
      return 'net::ERR_CONNECTION_REFUSED';
    case 'ECONNRESET':
      return 'net::ERR_CONNECTION_RESET';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'net::ERR_NAME_NOT_RESOLVED';
    case 'ENETGUARD':
      return error.message; // the test guard's own words, kept so a leak is named
    default:
      return error.message === 'socket hang up' ? 'net::ERR_EMPTY_RESPONSE' : 'net::ERR_FAILED';
  }
}
