/**
 * The one door for HTTP. It takes any WHATWG `fetch` (Node's in the CLI and tests, Electron's
 * `net.fetch` in the app so probes go through the system proxy like the browser) and adds what a
 * diagnosis tool needs with untrusted servers: an overall deadline that also covers a slow body,
 * a body size cap, manual redirects with a limit, and network errors named by cause.
 */
import type { NetErrorCode } from '../../shared/model';
import { AppFailure } from '../core/errors';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface HttpRequest {
  url: string;
  method?: 'GET' | 'POST' | 'HEAD';
  headers?: Record<string, string>;
  body?: string;
  /** Deadline for the whole exchange: connect, headers, every redirect and the body. */
  timeoutMs: number;
  /** Bytes of body kept; the rest is dropped and `truncated` set. */
  maxBytes: number;
  /** 0 returns the 3xx itself. */
  maxRedirects?: number;
  signal?: AbortSignal;
}

export interface HttpResponse {
  /** The URL that finally answered, after redirects. */
  url: string;
  status: number;
  headers: Record<string, string>;
  body: string;
  truncated: boolean;
  redirects: number;
  elapsedMs: number;
}

export interface HttpClient {
  request(req: HttpRequest): Promise<HttpResponse>;
}

export class NetError extends AppFailure {
  constructor(
    readonly netCode: NetErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`net-${netCode}`, message, options);
    this.name = 'NetError';
  }
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export function createHttpClient(fetchImpl: FetchLike, defaults: { userAgent?: string } = {}): HttpClient {
  return {
    async request(req) {
      const started = performance.now();
      const deadline = AbortSignal.timeout(req.timeoutMs);
      const signal = req.signal ? AbortSignal.any([req.signal, deadline]) : deadline;
      const maxRedirects = req.maxRedirects ?? 5;
      let url = parseHttpUrl(req.url);
      let method = req.method ?? 'GET';
      let body = req.body;
      const headers: Record<string, string> = { 'user-agent': defaults.userAgent ?? 'AccessDoctor', ...req.headers };
      try {
        for (let redirects = 0; ; redirects++) {
          const res = await fetchImpl(url.href, { method, headers, body, redirect: 'manual', signal });
          const location = res.headers.get('location');
          if (REDIRECT_STATUSES.has(res.status) && location && maxRedirects > 0) {
            await res.body?.cancel().catch(() => undefined);
            if (redirects >= maxRedirects) {
              throw new NetError('too-many-redirects', `${url.host} redirected more than ${maxRedirects} times`);
            }
            url = redirectTarget(location, url);
            if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST')) {
              method = 'GET';
              body = undefined;
            }
            continue;
          }
          const { text, truncated } = await readCapped(res, req.maxBytes);
          return {
            url: url.href,
            status: res.status,
            headers: Object.fromEntries(res.headers),
            body: text,
            truncated,
            redirects,
            elapsedMs: Math.round(performance.now() - started),
          };
        }
      } catch (error) {
        throw toNetError(error, url, req, signal);
      }
    },
  };
}

/** A `Location` that is not a URL, or leads off http(s) (file:, javascript:, data: …), ends the request. */
function redirectTarget(location: string, base: URL): URL {
  const target = URL.canParse(location, base) ? new URL(location, base) : null;
  if (!target || (target.protocol !== 'http:' && target.protocol !== 'https:')) {
    throw new NetError(
      'bad-response',
      `${base.host} redirected to a non-http(s) address: ${location.slice(0, 200) || '(empty)'}`,
    );
  }
  return target;
}

function parseHttpUrl(raw: string): URL {
  const url = URL.canParse(raw) ? new URL(raw) : null;
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new NetError('bad-response', `Not an http(s) address: ${raw.slice(0, 200)}`);
  }
  return url;
}

async function readCapped(res: Response, maxBytes: number): Promise<{ text: string; truncated: boolean }> {
  if (!res.body) return { text: '', truncated: false };
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const room = maxBytes - size;
    if (value.byteLength > room) {
      chunks.push(value.subarray(0, room));
      size = maxBytes;
      truncated = true;
      await reader.cancel().catch(() => undefined);
      break;
    }
    chunks.push(value);
    size += value.byteLength;
  }
  const all = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { text: new TextDecoder('utf-8', { fatal: false }).decode(all), truncated };
}

/** Names the cause for both Node's undici errors and Electron's `net::ERR_*` messages. */
function toNetError(error: unknown, url: URL, req: HttpRequest, signal: AbortSignal): NetError {
  if (error instanceof NetError) return error;
  const host = url.host;
  if (signal.aborted) {
    const reason: unknown = signal.reason;
    const timedOut = reason instanceof DOMException && reason.name === 'TimeoutError';
    if (timedOut || !req.signal?.aborted) {
      return new NetError('timeout', `${host} did not answer within ${formatSeconds(req.timeoutMs)}`, { cause: error });
    }
    return new NetError('network', 'The check was cancelled', { cause: error });
  }
  const code = errorCode(error);
  const text = `${code} ${error instanceof Error ? error.message : String(error)}`;
  if (/ENOTFOUND|EAI_AGAIN|EAI_NONAME|NAME_NOT_RESOLVED/.test(text)) {
    return new NetError('dns', `The name ${url.hostname} could not be resolved (DNS)`, { cause: error });
  }
  if (/ECONNREFUSED|CONNECTION_REFUSED/.test(text)) {
    return new NetError('refused', `${host} refused the connection`, { cause: error });
  }
  if (/CERT|TLS|SSL|UNABLE_TO_VERIFY|SELF_SIGNED/.test(text)) {
    return new NetError('tls', `The secure connection to ${host} failed (TLS certificate or handshake)`, {
      cause: error,
    });
  }
  if (/TIMEOUT|TIMED_OUT|ETIMEDOUT/.test(text)) {
    return new NetError('timeout', `${host} did not answer in time`, { cause: error });
  }
  if (/ECONNRESET|EPIPE|CONNECTION_RESET|SocketError|other side closed|CONNECTION_CLOSED/.test(text)) {
    return new NetError('reset', `${host} closed the connection unexpectedly`, { cause: error });
  }
  if (/blocked by the network guard/.test(text)) {
    return new NetError('blocked-by-policy', text.trim(), { cause: error });
  }
  return new NetError('network', `Could not reach ${host}: ${text.trim().slice(0, 200)}`, { cause: error });
}

function errorCode(error: unknown): string {
  let current: unknown = error;
  const codes: string[] = [];
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    codes.push(current.message);
    current = current.cause;
  }
  return codes.join(' ');
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
