/**
 * The harness: serves the built renderer to any browser and hosts the real services behind the same
 * contract, over HTTP POST (requests) and Server-Sent Events (events). Binds loopback only, and only
 * answers requests from its own origin (`http://127.0.0.1:PORT` or `http://localhost:PORT`), so other
 * web pages cannot drive it.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, relative } from 'node:path';
import type { EventName, PayloadOf } from '../../shared/ipc';
import { compose } from '../compose';
import type { Config } from '../config';
import { dataFiles } from '../paths';
import type { FetchLike } from '../platform/http';
import { CONTENT_SECURITY_POLICY } from '../window-policy';

export interface HarnessOptions {
  config: Config;
  rendererDir: string;
  bridgeFile: string;
  port?: number;
  fetch: FetchLike;
  version: string;
  /** Start the background watch as the app does (default); tests of other things can leave it off. */
  watch?: boolean;
  /** The data folder (journal, history, prefs); a fresh temporary one when absent. */
  dataDir?: string;
  /** The app icon, served as `/favicon.png` and linked from the page (build/icon.png). */
  faviconFile?: string;
}

export interface Harness {
  url: string;
  server: Server;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};
const MAX_RPC_BODY = 64 * 1024;
/** A page opens one event stream; a few tabs are fine, a flood is not. */
export const MAX_EVENT_STREAMS = 16;

/** A refusal of a request as `{ ok: false }`, in the same shape the contract's own errors take. */
const invalid = (message: string) => ({ ok: false, error: { code: 'invalid-input', message } });

export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const clients = new Set<ServerResponse>();
  const emit = <E extends EventName>(event: E, payload: PayloadOf<E>) => {
    const frame = `data: ${JSON.stringify({ event, payload })}\n\n`;
    for (const client of clients) client.write(frame);
  };
  // Exactly the app's wiring (journal, restorers, watch, prefs), in a data folder of the harness's own:
  // a browser session must never touch the user's real journal.
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'access-doctor-harness-')));
  const files = dataFiles(dataDir);
  const app = await compose({
    config: options.config,
    fetch: options.fetch,
    paths: { config: files.config, journal: files.journal, ipHistory: files.ipHistory, prefs: files.prefs },
    shell: 'harness',
    version: options.version,
    emit,
    // A browser tab cannot open the user's browser for us; the page shows the link instead.
    openExternal: async () => false,
  });
  const { dispatch } = app;
  if (options.watch !== false) await app.watch.setEnabled(true);
  const bridge = await readFile(options.bridgeFile, 'utf8');
  const favicon = options.faviconFile ? await readFile(options.faviconFile).catch(() => null) : null;
  /** The page's own origins: the printed 127.0.0.1 URL and the same port as `localhost`. */
  const allowedOrigins = new Set<string>();
  const allowedHosts = new Set<string>();

  const server = createServer(async (req, res) => {
    try {
      // A page on another site whose name was rebound to 127.0.0.1 (DNS rebinding) sends its own Host:
      // answer only requests addressed to us by address.
      if (!allowedHosts.has(req.headers.host ?? '')) {
        return send(res, 403, 'text/plain', 'Forbidden: this harness answers only to its own address.');
      }
      const path = new URL(req.url ?? '/', 'http://harness').pathname;
      if (path === '/__harness/rpc' && req.method === 'POST') return await handleRpc(req, res);
      if (path === '/__harness/events' && req.method === 'GET') return openEvents(req, res);
      if (path === '/__harness/bridge.js') return send(res, 200, TYPES['.js'], bridge);
      if (path === '/favicon.png' && favicon) return send(res, 200, TYPES['.png'], favicon);
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'Method not allowed');
      return await serveFile(path === '/' ? '/index.html' : path, res);
    } catch (error) {
      console.error('harness request failed', error);
      send(res, 500, 'text/plain', 'The harness could not answer this request.');
    }
  });

  async function handleRpc(req: IncomingMessage, res: ServerResponse) {
    if (
      !allowedOrigins.has(req.headers.origin ?? '') ||
      !/^application\/json(?:;|\s|$)/.test(req.headers['content-type'] ?? '')
    ) {
      return send(res, 403, 'text/plain', 'Forbidden: requests must come from the harness page.');
    }
    const body = await readBody(req, MAX_RPC_BODY);
    const outcome = body === null ? invalid('The request is too large.') : await dispatchBody(body);
    send(res, 200, 'application/json', JSON.stringify(outcome));
  }

  /** Only `{ "channel": "<name>", "input": … }` reaches the dispatch; anything else is a typed refusal. */
  async function dispatchBody(body: string) {
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      return invalid('The request is not valid JSON.');
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
      return invalid('The request must be a JSON object with a channel and an input.');
    }
    const { channel, input } = json as { channel?: unknown; input?: unknown };
    if (typeof channel !== 'string') return invalid('The request must name its channel as a string.');
    return dispatch(channel, input);
  }

  function openEvents(req: IncomingMessage, res: ServerResponse) {
    // A browser sends no Origin on a same-origin EventSource; a page elsewhere sends its own.
    const from = req.headers.origin;
    const site = req.headers['sec-fetch-site'];
    if ((from !== undefined && !allowedOrigins.has(from)) || (site !== undefined && site !== 'same-origin')) {
      return send(res, 403, 'text/plain', 'Forbidden: events are only for the harness page.');
    }
    if (clients.size >= MAX_EVENT_STREAMS) {
      return send(res, 503, 'text/plain', 'Too many open event streams. Close other harness tabs and reload.');
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(': connected\n\n');
    clients.add(res);
    req.on('close', () => clients.delete(res));
  }

  async function serveFile(path: string, res: ServerResponse) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      return send(res, 404, 'text/plain', 'Not found');
    }
    if (decoded.includes('\0')) return send(res, 404, 'text/plain', 'Not found');
    const file = normalize(join(options.rendererDir, decoded));
    if (relative(options.rendererDir, file).startsWith('..')) return send(res, 404, 'text/plain', 'Not found');
    let content: Buffer;
    try {
      content = await readFile(file);
    } catch {
      return send(res, 404, 'text/plain', 'Not found');
    }
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    if (extname(file) === '.html') {
      // A deferred classic script runs in document order with the deferred module scripts, so the bridge is
      // there before the app's module runs; unlike a blocking one, it lets the parser go on and the app's
      // script and styles download beside it.
      const head = [
        '<script defer src="/__harness/bridge.js"></script>',
        ...(favicon ? ['<link rel="icon" type="image/png" href="/favicon.png" />'] : []),
      ];
      const html = content.toString('utf8').replace('<head>', `<head>\n    ${head.join('\n    ')}`);
      return send(res, 200, type, html);
    }
    send(res, 200, type, content);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  for (const name of [`127.0.0.1:${port}`, `localhost:${port}`]) {
    allowedHosts.add(name);
    allowedOrigins.add(`http://${name}`);
  }
  return {
    url: `http://127.0.0.1:${port}/`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        void app.dispose();
        for (const client of clients) client.end();
        server.closeAllConnections();
        server.close(() => resolve());
      }).then(() => (options.dataDir ? undefined : rm(dataDir, { recursive: true, force: true }))),
  };
}

function send(res: ServerResponse, status: number, type: string | undefined, body: string | Buffer) {
  res.writeHead(status, {
    'content-type': type ?? 'application/octet-stream',
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  });
  res.end(body);
}

/**
 * Reads at most `max` bytes; a larger body resolves to null so the caller answers a typed refusal. A
 * moderately larger body is drained so that answer reaches the client; a much larger one is cut off.
 */
function readBody(req: IncomingMessage, max: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= max) chunks.push(chunk);
      else if (size > max * 16) {
        resolve(null);
        req.destroy();
      }
    });
    req.on('end', () => resolve(size > max ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
