/**
 * The one door for HTTP. It takes a one-hop `fetch` (Node's in the CLI and tests; in the app,
 * `electronNetFetch(net.request)` so probes go through the system proxy like the browser) and adds
 * what a diagnosis tool needs with untrusted servers: an overall deadline that also covers a slow
 * body, a body size cap, redirects followed hop by hop under a policy, and network errors named by
 * cause in sentences a user can read.
 */
import type { NetErrorCode } from '../../shared/model';
import { type AddressClass, classifyHost } from '../core/address-class';
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

/** Headers that carry the caller's identity; they never travel to another origin. */
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];
/** Headers that describe a body; they go when a redirect turns the request into a GET. */
const BODY_HEADERS = ['content-type', 'content-length', 'content-encoding', 'content-language', 'content-location'];

export interface HttpClientOptions {
  userAgent?: string;
  /**
   * Addresses the user's own config names (target URLs such as `http://192.168.1.1/`, or bare host
   * names). A redirect from a public address may lead to these even when they are on this computer
   * or the local network; any other such redirect is refused with `net-blocked-by-policy`.
   * Matched by host name (any port): the user named that machine.
   */
  allowPrivateRedirectsTo?: readonly string[];
  /** How a URL's host is classed. The default reads the literal only (see `address.ts`); tests inject it. */
  classifyAddress?: (url: URL) => AddressClass;
}

/**
 * `fetchImpl` must answer one hop: called with `redirect: 'manual'` it returns a 3xx as a Response
 * with its `Location` header, as Node's fetch does. Electron's `net.fetch` does not (it rejects with
 * "Redirect was cancelled"), so the app passes `electronNetFetch(net.request)` from
 * `electron-net.ts` instead. The client then follows every redirect itself, so the same per-hop
 * checks hold for both: http(s) only, the hop limit, the one deadline, the public → local policy,
 * and credentials dropped on a cross-origin hop.
 */
export function createHttpClient(fetchImpl: FetchLike, options: HttpClientOptions = {}): HttpClient {
  const classify = options.classifyAddress ?? ((url: URL) => classifyHost(url.hostname));
  const allowed = new Set((options.allowPrivateRedirectsTo ?? []).map(hostOf).filter((h) => h !== ''));
  const checkHop = (from: URL, to: URL): void => {
    if (classify(from) !== 'public') return; // the user's config pointed at a local address itself
    const kind = classify(to);
    if (kind === 'public' || allowed.has(hostOf(to.href))) return;
    const where = kind === 'loopback' ? 'this computer' : 'the local network';
    throw new NetError(
      'blocked-by-policy',
      `${from.hostname} redirected to ${to.host}, an address on ${where}. Access Doctor does not follow a public site's redirect to a local address.`,
    );
  };
  return {
    async request(req) {
      const started = performance.now();
      const deadline = AbortSignal.timeout(req.timeoutMs);
      const signal = req.signal ? AbortSignal.any([req.signal, deadline]) : deadline;
      const maxRedirects = req.maxRedirects ?? 5;
      let url = parseHttpUrl(req.url);
      let method = req.method ?? 'GET';
      let body = req.body;
      const headers = lowerCaseKeys({ 'user-agent': options.userAgent ?? 'AccessDoctor', ...req.headers });
      try {
        for (let redirects = 0; ; redirects++) {
          const res = await fetchImpl(url.href, { method, headers, body, redirect: 'manual', signal });
          const location = res.headers.get('location');
          if (REDIRECT_STATUSES.has(res.status) && location && maxRedirects > 0) {
            await res.body?.cancel().catch(() => undefined);
            if (redirects >= maxRedirects) {
              throw new NetError('too-many-redirects', `${url.host} redirected more than ${maxRedirects} times.`);
            }
            const next = redirectTarget(location, url);
            checkHop(url, next);
            if (next.origin !== url.origin) for (const name of CREDENTIAL_HEADERS) delete headers[name];
            if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST')) {
              if (method !== 'HEAD') method = 'GET';
              body = undefined;
              for (const name of BODY_HEADERS) delete headers[name];
            }
            url = next;
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

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) out[name.toLowerCase()] = value;
  return out;
}

/** `hostname` of a URL or of a bare host name ("router.lan", "192.168.1.1:8080"), '' when neither. */
function hostOf(entry: string): string {
  const text = entry.trim();
  if (URL.canParse(text) && /^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return new URL(text).hostname;
  return URL.canParse(`http://${text}`) ? new URL(`http://${text}`).hostname : '';
}

/**
 * A `Location` that is not a URL, or leads off http(s) (file:, javascript:, data: …), ends the
 * request. User names and passwords in it are dropped: a redirect never carries credentials.
 */
function redirectTarget(location: string, base: URL): URL {
  const target = URL.canParse(location, base) ? new URL(location, base) : null;
  if (!target || (target.protocol !== 'http:' && target.protocol !== 'https:')) {
    throw new NetError('bad-response', `${base.host} redirected to an address that is not an http(s) web address.`);
  }
  target.username = '';
  target.password = '';
  return target;
}

function parseHttpUrl(raw: string): URL {
  const url = URL.canParse(raw) ? new URL(raw) : null;
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new NetError('bad-response', `"${raw.slice(0, 200)}" is not an http(s) web address.`);
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
  const as = (code: NetErrorCode, message: string) => new NetError(code, message, { cause: error });
  if (signal.aborted) {
    const reason: unknown = signal.reason;
    const timedOut = reason instanceof DOMException && reason.name === 'TimeoutError';
    if (timedOut || !req.signal?.aborted)
      return as('timeout', `${host} did not answer within ${formatSeconds(req.timeoutMs)}.`);
    return as('network', 'The check was cancelled.');
  }
  const text = errorCode(error);
  if (/ENOTFOUND|EAI_AGAIN|EAI_NONAME|NAME_NOT_RESOLVED/.test(text)) {
    return as('dns', `The name ${url.hostname} could not be resolved (DNS).`);
  }
  if (/ECONNREFUSED|CONNECTION_REFUSED/.test(text)) return as('refused', `${host} refused the connection.`);
  if (/CERT|TLS|SSL|UNABLE_TO_VERIFY|SELF_SIGNED/.test(text)) {
    return as('tls', `The secure connection to ${host} failed (TLS certificate or handshake).`);
  }
  if (/TIMEOUT|TIMED_OUT|ETIMEDOUT/.test(text)) return as('timeout', `${host} did not answer in time.`);
  if (/ECONNRESET|EPIPE|CONNECTION_RESET|SocketError|other side closed|CONNECTION_CLOSED|EMPTY_RESPONSE/.test(text)) {
    return as('reset', `${host} closed the connection unexpectedly.`);
  }
  // Chromium refuses a Location it will not follow (file:, an unknown scheme, not a URL) itself.
  if (/UNSAFE_REDIRECT|INVALID_REDIRECT|UNKNOWN_URL_SCHEME/.test(text)) {
    return as('bad-response', `${host} redirected to an address that is not an http(s) web address.`);
  }
  if (/TOO_MANY_REDIRECTS/.test(text)) return as('too-many-redirects', `${host} redirected too many times.`);
  // Electron's net.fetch in manual mode: the transport cannot follow redirects (see createHttpClient).
  if (/Redirect was cancelled/.test(text)) {
    return as('network', `${host} answered with a redirect that this connection could not follow.`);
  }
  if (/PROXY|TUNNEL_CONNECTION_FAILED/.test(text)) {
    return as('network', `The proxy set on this computer did not pass the connection to ${host} on.`);
  }
  if (/INTERNET_DISCONNECTED|ENETUNREACH|EHOSTUNREACH|ADDRESS_UNREACHABLE|NETWORK_CHANGED/.test(text)) {
    return as('network', `This computer has no network route to ${host}.`);
  }
  if (/blocked by the network guard/.test(text)) {
    return as('blocked-by-policy', `The connection to ${host} was blocked because tests may only reach this computer.`);
  }
  return as('network', `Could not reach ${host}.`);
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
