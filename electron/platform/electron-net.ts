/**
 * A one-hop `fetch` over Electron's `net.request`, for `createHttpClient` in the app.
 *
 * Why not `net.fetch`: it is built on `ClientRequest`, and with `redirect: 'manual'` a ClientRequest
 * that has no 'redirect' listener calling `followRedirect()` is aborted, so `net.fetch` rejects with
 * "Redirect was cancelled" instead of returning the 3xx (electron/electron#43715, as documented).
 * `redirect: 'error'` rejects too, and `redirect: 'follow'` lets Chromium follow every hop with no
 * way to check it (and `Response.url` is documented as wrong, so not even the last hop is known).
 *
 * `net.request` is the same Chromium stack, session and system proxy as `net.fetch`, and in manual
 * mode it emits 'redirect' with the status and the response headers before anything is followed.
 * This adapter answers that event with a bodiless 3xx Response carrying `Location` and aborts the
 * request; `createHttpClient` then decides the hop (scheme, limit, deadline, the public → local
 * policy, credentials) and asks again. So both transports give the door the same one-hop
 * semantics as Node's fetch, and every check lives in one place.
 *
 * No 'electron' import: the app passes `net.request`; the types below are the part of
 * `ClientRequest` / `IncomingMessage` used here (tests hold them to Electron's own types).
 */
import type { FetchLike } from './http';

export interface NetRequestOptions {
  url: string;
  method: string;
  redirect: 'manual';
  /** Session cookies stay out: a probe sends only the headers the door gives it. */
  useSessionCookies: false;
}

export interface NetIncomingMessage {
  statusCode: number;
  statusMessage: string;
  headers: Record<string, string | string[]>;
  on(event: 'data', listener: (chunk: Buffer) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  /** Present at run time (it is a Readable); used for back-pressure when there. */
  pause?(): unknown;
  resume?(): unknown;
}

export interface NetClientRequest {
  setHeader(name: string, value: string): void;
  on(
    event: 'redirect',
    listener: (statusCode: number, method: string, redirectUrl: string, headers: Record<string, string[]>) => void,
  ): unknown;
  on(event: 'response', listener: (response: NetIncomingMessage) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  write(chunk: string): void;
  end(): unknown;
  abort(): void;
}

export type NetRequest = (options: NetRequestOptions) => NetClientRequest;

/** The part of Electron's `Session` the direct transport uses: its proxy setting. */
export interface NetSession {
  setProxy(config: { mode: 'direct' }): Promise<void>;
}

/** `net.request` with the `session` option (Electron's ClientRequestConstructorOptions carries it). */
export type NetRequestInSession<S> = (options: NetRequestOptions & { session: S }) => NetClientRequest;

/** The in-memory partition (no `persist:` prefix) whose session never uses a proxy. */
export const DIRECT_PARTITION = 'access-doctor-direct';

/**
 * The app's "without the proxy" side of the proxy comparison. Every session follows the system proxy
 * unless told otherwise, so this one is told `{ mode: 'direct' }` first, and every request of the
 * adapter names it in `net.request`'s `session` option. As Electron documents them (electronjs.org,
 * docs/api/session.md, structures/proxy-config.md, client-request.md):
 * - `session.fromPartition(name)` returns the existing session of that partition or makes one; a name
 *   without `persist:` is kept in memory only, so nothing of it reaches the data folder;
 * - `ses.setProxy(config)` returns a Promise that settles once the setting is in effect; in `direct`
 *   mode every connection is made without a proxy (`system` takes the OS's, which is what the default
 *   session and so every normal probe uses);
 * - `net.request({ session })` ties the request to that session (`session` wins over `partition`), so
 *   a redirect hop asked again by the HTTP door stays direct as well.
 * No `electron` import here: main.ts passes `net.request` and the session.
 */
export async function directNetFetch<S extends NetSession>(
  request: NetRequestInSession<S>,
  session: S,
): Promise<FetchLike> {
  await session.setProxy({ mode: 'direct' });
  return electronNetFetch((options) => request({ ...options, session }));
}

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

export function electronNetFetch(request: NetRequest): FetchLike {
  return (input, init) =>
    new Promise<Response>((resolve, reject) => {
      const signal = init.signal ?? undefined;
      if (signal?.aborted) return reject(signal.reason);
      const method = init.method ?? 'GET';
      let req: NetClientRequest;
      try {
        req = request({ url: input, method, redirect: 'manual', useSessionCookies: false });
        for (const [name, value] of new Headers(init.headers)) req.setHeader(name, value);
      } catch (error) {
        return reject(error);
      }
      let settled = false;
      let failBody: ((reason: unknown) => void) | undefined;
      const onAbort = () => {
        req.abort();
        failBody?.(signal?.reason);
        if (!settled) reject(signal?.reason);
        settled = true;
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const finish = () => signal?.removeEventListener('abort', onAbort);

      req.on('redirect', (statusCode, _method, redirectUrl, responseHeaders) => {
        if (settled) return;
        settled = true;
        finish();
        const headers = toHeaders(responseHeaders);
        if (!headers.has('location')) headers.set('location', redirectUrl);
        resolve(new Response(null, { status: statusCode, headers }));
        // Not following: abort() (not a missing followRedirect) ends it without an error event.
        req.abort();
      });
      req.on('response', (res) => {
        if (settled) return;
        settled = true;
        const headers = toHeaders(res.headers);
        if (NULL_BODY_STATUSES.has(res.statusCode) || method === 'HEAD') {
          finish();
          req.abort();
          return resolve(new Response(null, { status: res.statusCode, statusText: res.statusMessage, headers }));
        }
        const body = new ReadableStream<Uint8Array>(
          {
            start(controller) {
              let open = true;
              const close = (error?: unknown) => {
                if (!open) return;
                open = false;
                finish();
                if (error === undefined) controller.close();
                else controller.error(error);
              };
              failBody = close;
              res.on('data', (chunk) => {
                if (!open) return;
                controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
                if ((controller.desiredSize ?? 0) <= 0) res.pause?.();
              });
              res.on('end', () => close());
              res.on('error', (error) => close(error));
            },
            pull() {
              res.resume?.();
            },
            cancel() {
              failBody = undefined;
              finish();
              req.abort();
            },
          },
          { highWaterMark: 4 },
        );
        resolve(new Response(body, { status: res.statusCode, statusText: res.statusMessage, headers }));
      });
      req.on('error', (error) => {
        finish();
        failBody?.(error);
        if (!settled) reject(error);
        settled = true;
      });
      if (typeof init.body === 'string') req.write(init.body);
      req.end();
    });
}

function toHeaders(raw: Record<string, string | string[]>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  return headers;
}
