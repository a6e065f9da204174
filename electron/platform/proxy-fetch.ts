/**
 * A one-hop `FetchLike` through an HTTP forward proxy, for the CLI's "through the proxy" probe: Node's
 * global fetch cannot take a proxy (undici's ProxyAgent is not reachable from it), so this is the small
 * part of one that a probe needs. Plain http goes to the proxy in absolute form
 * (`GET http://site/path HTTP/1.1`); https opens a tunnel with `CONNECT host:443` and speaks TLS through
 * it to the site itself (server name = the site's host, certificates checked). One request per call,
 * `Connection: close`, no redirects (the HTTP door follows them hop by hop), the request's signal
 * respected everywhere, and the body cut off at `maxBytes` so an endless answer cannot fill memory.
 * Hosts the proxy setting lists as exceptions (`bypass`) are fetched with `direct` instead, per hop,
 * so a redirect from a proxied site to an excepted one leaves the proxy as a browser's would.
 * No `electron` import: the app's own probes go through Chromium's proxy handling instead.
 */
import { type ClientRequest, request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { FetchLike } from './http';

export interface ProxyEndpoint {
  /** A host name or IP literal, without scheme or brackets. */
  host: string;
  port: number;
}

export interface ProxyFetchOptions {
  /** Bytes of body passed on; the stream ends there. Default 8 MiB. */
  maxBytes?: number;
  /** Extra CA certificates for the site's TLS (tests); the system's trust otherwise. */
  ca?: string | Buffer;
  /** True for a URL whose host the proxy setting sends around the proxy (services/proxy/bypass.ts). */
  bypass?: (url: URL) => boolean;
  /** How an excepted URL is fetched; required with `bypass`. */
  direct?: FetchLike;
}

const NO_BODY_STATUSES = new Set([101, 204, 205, 304]);
const DEFAULT_MAX_BYTES = 8 * 1024 * 1024;

/** `[::1]` for an IPv6 literal in a request line or Host header, the name otherwise. */
function hostForUrl(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

function bareHost(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

function headersOf(init: RequestInit, target: URL): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of new Headers(init.headers)) out[name] = value;
  out.host = target.host;
  out.connection = 'close';
  return out;
}

function bodyOf(init: RequestInit): string | undefined {
  if (init.body === undefined || init.body === null) return undefined;
  if (typeof init.body !== 'string') throw new TypeError('The proxy transport sends string bodies only.');
  return init.body;
}

/** The answer as a web Response whose body stops at `maxBytes` (the socket is closed there). */
function toResponse(res: IncomingMessage, maxBytes: number, signal: AbortSignal | undefined): Response {
  const headers = new Headers();
  for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) {
    const name = res.rawHeaders[i] ?? '';
    const value = res.rawHeaders[i + 1] ?? '';
    try {
      headers.append(name, value);
    } catch {
      // A header the web Headers class refuses (a bad name) is dropped, as a browser would.
    }
  }
  const status = res.statusCode ?? 0;
  if (NO_BODY_STATUSES.has(status)) {
    res.destroy();
    return new Response(null, { status, statusText: res.statusMessage, headers });
  }
  let sent = 0;
  let done = false;
  const onAbort = () => res.destroy(signal ? (abortError(signal) as Error) : undefined);
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      signal?.addEventListener('abort', onAbort, { once: true });
      const finish = (error?: unknown) => {
        if (done) return;
        done = true;
        signal?.removeEventListener('abort', onAbort);
        if (error === undefined) controller.close();
        else controller.error(error);
      };
      res.on('data', (chunk: Buffer) => {
        if (done) return;
        const room = maxBytes - sent;
        const part = chunk.byteLength > room ? chunk.subarray(0, room) : chunk;
        sent += part.byteLength;
        if (part.byteLength > 0) controller.enqueue(new Uint8Array(part));
        if (sent >= maxBytes) {
          finish();
          res.destroy();
          return;
        }
        if ((controller.desiredSize ?? 1) <= 0) res.pause();
      });
      res.on('end', () => finish());
      res.on('error', (error) => finish(error));
      res.on('close', () => finish(res.complete ? undefined : new Error('other side closed')));
    },
    pull() {
      res.resume();
    },
    cancel() {
      done = true;
      signal?.removeEventListener('abort', onAbort);
      res.destroy();
    },
  });
  return new Response(body, { status, statusText: res.statusMessage, headers });
}

/** Sends `req` and settles with its answer (or the error), ending the request with `body`. */
function exchange(
  req: ClientRequest,
  body: string | undefined,
  maxBytes: number,
  signal: AbortSignal | undefined,
): Promise<Response> {
  return new Promise((resolve, reject) => {
    req.once('response', (res) => resolve(toResponse(res, maxBytes, signal)));
    req.once('error', reject);
    req.end(body);
  });
}

/** Opens `CONNECT host:port` at the proxy and hands back the raw tunnel. */
function openTunnel(proxy: ProxyEndpoint, target: URL, signal: AbortSignal | undefined): Promise<Socket> {
  const authority = `${hostForUrl(bareHost(target.hostname))}:${target.port || '443'}`;
  return new Promise((resolve, reject) => {
    const req = httpRequest({
      host: proxy.host,
      port: proxy.port,
      method: 'CONNECT',
      path: authority,
      headers: { host: authority },
      agent: false,
      signal,
    });
    req.once('connect', (res, socket, head) => {
      if (res.statusCode !== 200) {
        socket.destroy();
        reject(new Error(`PROXY tunnel failed: the proxy answered ${res.statusCode ?? 0} to CONNECT ${authority}`));
        return;
      }
      if (head.byteLength > 0) socket.unshift(head);
      resolve(socket);
    });
    req.once('response', (res) => {
      res.destroy();
      reject(new Error(`PROXY tunnel failed: the proxy answered ${res.statusCode ?? 0} to CONNECT ${authority}`));
    });
    req.once('error', reject);
    req.end();
  });
}

export function createProxyFetch(proxy: ProxyEndpoint, options: ProxyFetchOptions = {}): FetchLike {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  return async (input, init) => {
    const signal = init.signal ?? undefined;
    if (signal?.aborted) throw abortError(signal);
    const target = new URL(input);
    if (options.bypass?.(target)) {
      if (!options.direct) throw new TypeError('An excepted host needs a direct transport.');
      return options.direct(input, init);
    }
    const method = init.method ?? 'GET';
    const headers = headersOf(init, target);
    const body = bodyOf(init);
    if (target.protocol === 'http:') {
      // Absolute form: the proxy, not the site, is connected to, and the request line names the site.
      const req = httpRequest({
        host: proxy.host,
        port: proxy.port,
        method,
        path: target.href,
        headers,
        agent: false,
        signal,
      });
      return exchange(req, body, maxBytes, signal);
    }
    if (target.protocol !== 'https:') throw new TypeError(`${target.protocol} is not sent through a proxy.`);
    const tunnel = await openTunnel(proxy, target, signal);
    const onAbort = () => tunnel.destroy(signal ? (abortError(signal) as Error) : undefined);
    if (signal?.aborted) {
      tunnel.destroy();
      throw abortError(signal);
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    const servername = bareHost(target.hostname);
    const req = httpsRequest({
      method,
      host: servername,
      port: target.port || 443,
      path: `${target.pathname}${target.search}`,
      headers,
      // No agent: with one (even `agent: false`, a fresh one) Node ignores createConnection and dials the site.
      signal,
      createConnection: () =>
        tlsConnect({
          socket: tunnel,
          // An IP literal is not a valid SNI name; the certificate is still checked against it.
          servername: /^[0-9.]+$|:/.test(servername) ? undefined : servername,
          host: servername,
          rejectUnauthorized: true,
          ...(options.ca ? { ca: options.ca } : {}),
        }),
    });
    tunnel.once('close', () => signal?.removeEventListener('abort', onAbort));
    return exchange(req, body, maxBytes, signal);
  };
}
