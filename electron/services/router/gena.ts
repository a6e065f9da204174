/**
 * GENA eventing (UPnP Device Architecture §4) for the WAN connection service: SUBSCRIBE, renew before
 * the timeout, UNSUBSCRIBE on stop, and a NOTIFY listener. The listener is a door into the app, so it:
 * binds only the LAN address that reaches the router (never 0.0.0.0), accepts NOTIFY only from the
 * router's address, on the secret callback path, with the subscription's SID; caps headers and body;
 * refuses XML with a DOCTYPE or entities and parses without entity expansion. Node's `fetch` cannot
 * send SUBSCRIBE, so this speaks `node:http` directly (LAN only, time-limited).
 */
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { ipFamily } from '../../core/addresses';
import { AppFailure, toAppError } from '../../core/errors';
import type { RouterEvents, RouterEventVars, RouterSubscription } from '../../core/router-events';
import { createTimerSet, systemTimers, type Timers } from '../../core/timers';
import { child, children, parseUntrustedXml, textOf, type XmlNode } from './xml';

export interface GenaOptions {
  /** The WAN connection service's eventSubURL (from the device description). */
  eventSubUrl: string;
  /** The router's LAN address: the only sender whose NOTIFY is accepted. */
  routerAddress: string;
  /** Our address on the router's LAN; found with a connected UDP socket (sends nothing) when absent. */
  localAddress?: string;
  /** Subscription length we ask for; the router may grant another. */
  timeoutSeconds?: number;
  requestTimeoutMs?: number;
  maxBodyBytes?: number;
  timers?: Timers;
}

export interface GenaStats {
  accepted: number;
  refused: Record<'address' | 'path' | 'method' | 'headers' | 'sid' | 'size' | 'xml', number>;
  renewals: number;
}

export interface GenaSubscription extends RouterSubscription {
  readonly sid: string;
  readonly callbackUrl: string;
  readonly stats: GenaStats;
}

const DEFAULT_MAX_BODY = 64 * 1024;
const normalize = (address: string | undefined) => (address ?? '').replace(/^::ffff:/i, '');

/** The local IPv4 address the kernel would use to reach `host`: a connected UDP socket sends nothing. */
export function localAddressFor(host: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.once('error', (error) => {
      socket.close();
      reject(error);
    });
    socket.connect(9, host, () => {
      const { address } = socket.address();
      socket.close();
      resolve(address);
    });
  });
}

/** `<e:propertyset><e:property><Name>value</Name></e:property>…` → `{ Name: value }`. */
export function parsePropertySet(xml: string): RouterEventVars {
  const doc = parseUntrustedXml(xml, 'The router event');
  const set = child(doc, 'propertyset');
  if (set === undefined) throw new AppFailure('gena-bad-event', 'The router event has no propertyset');
  const vars: RouterEventVars = {};
  for (const property of children(set, 'property')) {
    if (typeof property !== 'object' || Array.isArray(property)) continue;
    for (const [name, value] of Object.entries(property) as [string, XmlNode][]) {
      if (!/^[A-Za-z_][\w.-]{0,63}$/.test(name) || Object.keys(vars).length >= 64) continue;
      const text = textOf(value);
      if (text !== undefined) vars[name] = text.slice(0, 1024);
    }
  }
  return vars;
}

function parseTimeout(header: string | undefined, fallback: number): number {
  const match = /^Second-(\d{1,7})$/i.exec(header?.trim() ?? '');
  if (match?.[1]) return Number(match[1]);
  return /^Second-infinite$/i.test(header?.trim() ?? '') ? 3600 : fallback;
}

interface GenaReply {
  status: number;
  headers: IncomingMessage['headers'];
}

/** One SUBSCRIBE/UNSUBSCRIBE exchange; the body is ignored and the socket closed. */
function genaRequest(
  method: 'SUBSCRIBE' | 'UNSUBSCRIBE',
  url: URL,
  headers: Record<string, string>,
  localAddress: string,
  timeoutMs: number,
): Promise<GenaReply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        method,
        host: url.hostname,
        port: url.port || 80,
        path: `${url.pathname}${url.search}`,
        // From the address our callback is on: routers (miniupnpd since CallStranger) check they match.
        localAddress,
        headers: { HOST: url.host, 'CONTENT-LENGTH': '0', ...headers },
        agent: false,
        timeout: timeoutMs,
      },
      (res) => {
        res.resume();
        resolve({ status: res.statusCode ?? 0, headers: res.headers });
        res.once('end', () => req.destroy());
      },
    );
    const timer = setTimeout(() => req.destroy(new AppFailure('gena-timeout', `${method} got no answer`)), timeoutMs);
    req.once('close', () => clearTimeout(timer));
    req.once('timeout', () => req.destroy(new AppFailure('gena-timeout', `${method} got no answer`)));
    req.once('error', (error) =>
      reject(error instanceof AppFailure ? error : new AppFailure('gena-failed', error.message)),
    );
    req.end();
  });
}

type Listener = Parameters<RouterEvents['subscribe']>[0];

export async function subscribeGena(options: GenaOptions, listener: Listener): Promise<GenaSubscription> {
  const url = new URL(options.eventSubUrl);
  const routerAddress = normalize(options.routerAddress);
  if (url.protocol !== 'http:' || normalize(url.hostname.replace(/^\[|\]$/g, '')) !== routerAddress) {
    throw new AppFailure('gena-refused', 'The event URL is not on the router itself');
  }
  if (ipFamily(routerAddress) !== 4) throw new AppFailure('gena-refused', 'Router events need an IPv4 router');
  const localAddress = options.localAddress ?? (await localAddressFor(routerAddress));
  const requestTimeoutMs = options.requestTimeoutMs ?? 3000;
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const wantSeconds = options.timeoutSeconds ?? 1800;
  const timers = createTimerSet(options.timers ?? systemTimers);
  const path = `/gena/${randomBytes(12).toString('hex')}`;
  const stats: GenaStats = {
    accepted: 0,
    refused: { address: 0, path: 0, method: 0, headers: 0, sid: 0, size: 0, xml: 0 },
    renewals: 0,
  };
  let sid = '';
  let lastSeq = -1;
  let stopped = false;
  /** NOTIFYs that beat the SUBSCRIBE answer (the router may send the initial event first). */
  const early: { sid: string; seq: number; vars: RouterEventVars }[] = [];
  const sockets = new Set<Socket>();

  const deliver = (eventSid: string, seq: number, vars: RouterEventVars) => {
    if (eventSid !== sid) return false;
    // Duplicates are dropped; a gap means a lost event, harmless: every event is confirmed by a read.
    if (seq <= lastSeq && seq !== 0) return true;
    lastSeq = seq;
    stats.accepted += 1;
    try {
      listener.onEvent(vars);
    } catch {
      // The listener's problem, not the router's.
    }
    return true;
  };

  const refuse = (res: ServerResponse, status: number, why: keyof GenaStats['refused']) => {
    stats.refused[why] += 1;
    res.writeHead(status, { connection: 'close', 'content-length': '0' });
    res.end();
  };

  const server: Server = createServer({ maxHeaderSize: 8 * 1024 }, (req, res) => {
    if (normalize(req.socket.remoteAddress) !== routerAddress) {
      refuse(res, 403, 'address');
      return void req.socket.destroy();
    }
    if (req.method !== 'NOTIFY') return refuse(res, 405, 'method');
    if (req.url !== path) return refuse(res, 404, 'path');
    if (req.headers.nt !== 'upnp:event' || req.headers.nts !== 'upnp:propchange') return refuse(res, 412, 'headers');
    const eventSid = String(req.headers.sid ?? '');
    const seq = Number(req.headers.seq);
    if (!Number.isInteger(seq) || seq < 0) return refuse(res, 400, 'headers');
    // A known wrong SID is refused before reading a byte of body.
    if (sid && eventSid !== sid) return refuse(res, 412, 'sid');
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxBody) {
      refuse(res, 413, 'size');
      return void req.socket.destroy();
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBody) {
        if (!over) {
          over = true;
          refuse(res, 413, 'size');
          req.socket.destroy();
        }
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (over) return;
      let vars: RouterEventVars;
      try {
        vars = parsePropertySet(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return refuse(res, 400, 'xml');
      }
      if (!sid) {
        if (early.length < 4) early.push({ sid: eventSid, seq, vars });
      } else if (!deliver(eventSid, seq, vars)) {
        return refuse(res, 412, 'sid');
      }
      res.writeHead(200, { 'content-length': '0' });
      res.end();
    });
  });
  server.headersTimeout = 5000;
  server.requestTimeout = 10_000;
  server.maxRequestsPerSocket = 16;
  server.on('connection', (socket) => {
    // Cheap to refuse before HTTP parsing: a stranger on the LAN gets nothing but a closed socket.
    if (normalize(socket.remoteAddress) !== routerAddress) {
      stats.refused.address += 1;
      return void socket.destroy();
    }
    sockets.add(socket);
    socket.setTimeout(15_000, () => socket.destroy());
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('clientError', (_error, socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, localAddress, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const callbackUrl = `http://${localAddress}:${port}${path}`;

  const close = async () => {
    timers.clear();
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };

  const subscribe = async (): Promise<number> => {
    const reply = await genaRequest(
      'SUBSCRIBE',
      url,
      { CALLBACK: `<${callbackUrl}>`, NT: 'upnp:event', TIMEOUT: `Second-${wantSeconds}` },
      localAddress,
      requestTimeoutMs,
    );
    const newSid = String(reply.headers.sid ?? '').trim();
    if (reply.status !== 200 || !/^uuid:[\w-]{1,80}$/i.test(newSid)) {
      throw new AppFailure('gena-refused', `The router refused the event subscription (HTTP ${reply.status})`);
    }
    sid = newSid;
    lastSeq = -1;
    for (const e of early.splice(0)) deliver(e.sid, e.seq, e.vars);
    return parseTimeout(reply.headers.timeout as string | undefined, wantSeconds);
  };

  const renewIn = (seconds: number) => Math.max(1000, seconds * 1000 * 0.5);
  const lose = async (reason: string) => {
    if (stopped) return;
    stopped = true;
    await close();
    listener.onLost(reason);
  };
  const scheduleRenew = (seconds: number, failures = 0) => {
    timers.set('renew', failures === 0 ? renewIn(seconds) : Math.min(30_000, 2000 * 2 ** failures), () => {
      void renew(seconds, failures);
    });
  };
  const renew = async (seconds: number, failures: number) => {
    if (stopped) return;
    try {
      const reply = await genaRequest(
        'SUBSCRIBE',
        url,
        { SID: sid, TIMEOUT: `Second-${wantSeconds}` },
        localAddress,
        requestTimeoutMs,
      );
      if (stopped) return;
      if (reply.status === 200) {
        stats.renewals += 1;
        return scheduleRenew(parseTimeout(reply.headers.timeout as string | undefined, seconds));
      }
      // 412: the router forgot us (it restarted): a fresh subscription, new SID.
      scheduleRenew(await subscribe());
    } catch (error) {
      if (stopped) return;
      // Half the lease is left when the first renewal goes out; give up only when it has run out.
      if (failures >= 4) return void lose(`renewal failed: ${toAppError(error).message}`);
      scheduleRenew(seconds, failures + 1);
    }
  };

  try {
    scheduleRenew(await subscribe());
  } catch (error) {
    await close();
    throw error instanceof AppFailure ? error : new AppFailure('gena-failed', toAppError(error).message);
  }

  return {
    get sid() {
      return sid;
    },
    callbackUrl,
    stats,
    async stop() {
      if (stopped) return;
      stopped = true;
      timers.clear();
      await genaRequest('UNSUBSCRIBE', url, { SID: sid }, localAddress, Math.min(requestTimeoutMs, 1500)).catch(
        () => undefined,
      );
      await close();
    },
  };
}

/** The monitor's view: a `RouterEvents` for one gateway. */
export function genaEvents(options: GenaOptions): RouterEvents {
  return { subscribe: (listener) => subscribeGena(options, listener) };
}
