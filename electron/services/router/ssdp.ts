/**
 * SSDP discovery with our own small dgram client (not node-ssdp: see README, "The router"). One socket per
 * private IPv4 interface address, bound to it and sending multicast out of it, so a laptop on Wi-Fi plus a
 * virtual adapter still reaches the router; answers stream out of an AsyncGenerator as they arrive, so the
 * caller returns at the first valid gateway and the window is only the fallback.
 */
import type { NetworkInterfaceInfo } from 'node:os';
import { isLoopback, isPrivateV4 } from '../../core/addresses';
import { RouterError } from './errors';

export const SSDP_MULTICAST = '239.255.255.250';

/** IGD device types first (any IGD router answers those), then the WAN connection services. */
export const SEARCH_TARGETS = [
  'urn:schemas-upnp-org:device:InternetGatewayDevice:1',
  'urn:schemas-upnp-org:device:InternetGatewayDevice:2',
  'urn:schemas-upnp-org:service:WANIPConnection:1',
  'urn:schemas-upnp-org:service:WANIPConnection:2',
  'urn:schemas-upnp-org:service:WANPPPConnection:1',
] as const;

/** The subset of node:dgram's Socket discovery uses, so tests can pass a fake. */
export interface UdpSocket {
  bind(port: number, address: string, callback: () => void): unknown;
  send(msg: Uint8Array, port: number, address: string, callback: (error: Error | null) => void): void;
  setMulticastInterface(address: string): void;
  setMulticastTTL(ttl: number): unknown;
  on(event: 'message', listener: (msg: Buffer, rinfo: { address: string; port: number }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  close(): unknown;
  unref(): unknown;
}

export interface SsdpDeps {
  createSocket(): UdpSocket;
  networkInterfaces(): NodeJS.Dict<NetworkInterfaceInfo[]>;
}

export interface DiscoverOptions {
  address: string;
  port: number;
  mx: number;
  timeoutMs: number;
  /** Test-only: also search from 127.0.0.1 (and only from there when `address` is loopback). */
  includeLoopback: boolean;
  signal?: AbortSignal;
  /** UDP can drop a datagram: the M-SEARCHes go out again after this long, once. */
  resendMs?: number;
}

export interface SsdpReply {
  location: string;
  st: string;
  usn?: string;
  server?: string;
}

export interface SsdpAnswer {
  reply: SsdpReply;
  /** The address the datagram came from. */
  from: string;
  localAddress: string;
  receivedAfterMs: number;
}

const MAX_REPLY_BYTES = 8192;
const MAX_HEADER_VALUE = 1024;

export function buildMSearch(st: string, mx: number, host: string, port: number): string {
  return `M-SEARCH * HTTP/1.1\r\nHOST: ${host}:${port}\r\nMAN: "ssdp:discover"\r\nMX: ${mx}\r\nST: ${st}\r\n\r\n`;
}

/** A search reply, or null for anything malformed: a LAN is full of chatter we must simply ignore. */
export function parseSsdpReply(message: Uint8Array | string): SsdpReply | null {
  const size = typeof message === 'string' ? message.length : message.byteLength;
  if (size === 0 || size > MAX_REPLY_BYTES) return null;
  const text = typeof message === 'string' ? message : Buffer.from(message).toString('latin1');
  const lines = text.split(/\r?\n/);
  if (!/^HTTP\/1\.[01] 200(?: |$)/i.test(lines[0] ?? '')) return null;
  const headers = new Map<string, string>();
  for (const line of lines.slice(1)) {
    if (line === '') break;
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what we reject
    if (value.length > MAX_HEADER_VALUE || /[\u0000-\u001f\u007f]/.test(value)) return null;
    if (!headers.has(name)) headers.set(name, value);
  }
  const location = headers.get('location');
  const st = headers.get('st');
  if (!location || !st) return null;
  if (!URL.canParse(location)) return null;
  const url = new URL(location);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const reply: SsdpReply = { location: url.href, st };
  const usn = headers.get('usn');
  const server = headers.get('server');
  if (usn) reply.usn = usn;
  if (server) reply.server = server;
  return reply;
}

/** IPv4 addresses to search from: every private one, plus loopback when the test switch allows it. */
export function searchAddresses(
  interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>,
  target: string,
  includeLoopback: boolean,
): string[] {
  const all = Object.values(interfaces)
    .flatMap((list) => list ?? [])
    .filter((i) => i.family === 'IPv4')
    .map((i) => i.address);
  if (isLoopback(target)) return includeLoopback ? all.filter(isLoopback) : [];
  return [...new Set(all.filter((a) => isPrivateV4(a) || (includeLoopback && isLoopback(a))))];
}

/**
 * Streams distinct answers (by responder + LOCATION) until the window closes or the signal aborts.
 * Sockets and timers are released in `finally`, also when the consumer stops early with `break`.
 */
export async function* discover(deps: SsdpDeps, options: DiscoverOptions): AsyncGenerator<SsdpAnswer> {
  const locals = searchAddresses(deps.networkInterfaces(), options.address, options.includeLoopback);
  if (locals.length === 0) {
    throw new RouterError(
      'router-no-interface',
      isLoopback(options.address)
        ? 'Discovery aimed at a loopback address, but loopback devices are not allowed'
        : 'This computer has no private IPv4 address, so there is no home router to ask',
    );
  }
  const started = performance.now();
  const queue: SsdpAnswer[] = [];
  const seen = new Set<string>();
  let wake: (() => void) | null = null;
  let done = false;
  const notify = () => {
    wake?.();
    wake = null;
  };
  const finish = () => {
    done = true;
    notify();
  };
  const sockets: UdpSocket[] = [];
  const timers: NodeJS.Timeout[] = [];
  const messages = SEARCH_TARGETS.map((st) =>
    Buffer.from(buildMSearch(st, options.mx, options.address, options.port), 'latin1'),
  );
  const sendAll = (socket: UdpSocket) => {
    for (const message of messages) socket.send(message, options.port, options.address, () => undefined);
  };
  options.signal?.addEventListener('abort', finish, { once: true });
  try {
    if (options.signal?.aborted) return;
    for (const localAddress of locals) {
      const socket = deps.createSocket();
      socket.on('error', () => undefined); // one broken interface must not end the search on the others
      socket.on('message', (msg, rinfo) => {
        if (done) return;
        const reply = parseSsdpReply(msg);
        if (!reply) return;
        const key = `${rinfo.address} ${reply.location}`;
        if (seen.has(key)) return;
        seen.add(key);
        queue.push({
          reply,
          from: rinfo.address,
          localAddress,
          receivedAfterMs: Math.round(performance.now() - started),
        });
        notify();
      });
      sockets.push(socket);
      socket.bind(0, localAddress, () => {
        if (done) return;
        try {
          if (!isLoopback(options.address)) {
            socket.setMulticastInterface(localAddress);
            socket.setMulticastTTL(2);
          }
        } catch {
          // The interface went away between listing and binding; its sends fail quietly.
        }
        sendAll(socket);
        const resend = setTimeout(() => !done && sendAll(socket), options.resendMs ?? 400);
        timers.push(resend);
      });
    }
    timers.push(setTimeout(finish, options.timeoutMs));
    while (true) {
      const next = queue.shift();
      if (next) {
        yield next;
        continue;
      }
      if (done) return;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  } finally {
    done = true;
    options.signal?.removeEventListener('abort', finish);
    for (const timer of timers) clearTimeout(timer);
    for (const socket of sockets) {
      try {
        socket.close();
      } catch {
        // already closed
      }
    }
  }
}
