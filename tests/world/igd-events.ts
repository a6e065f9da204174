/**
 * GENA eventing for the world's simulated router (tests/world/igd-sim.ts has none). A small HTTP front
 * that the sim's SSDP LOCATION points at: it answers SUBSCRIBE/UNSUBSCRIBE on the WAN connection
 * service's event URL itself and forwards everything else (description, SOAP) to the sim. Like
 * miniupnpd it notices WAN changes on its own (a short watch loop over the sim's state, so reconnects
 * are evented too) and sends `ConnectionStatus=Disconnected`, then `Connected` with the new
 * `ExternalIPAddress`. `setWanIp` changes the address as an ISP would, and notifies at once.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { IgdSim } from './igd-sim';
import type { World } from './world';

export interface IgdEventsOptions {
  world?: World;
  /** Off: SUBSCRIBE answers 501, as on routers without eventing (the client must poll). */
  eventing?: boolean;
  watchMs?: number;
}

export interface IgdEvents {
  /** Give this to startIgdSim({ location }). */
  location: string;
  attach(sim: IgdSim): void;
  setWanIp(ip: string): void;
  readonly subscribers: number;
  readonly notifications: number;
  /** performance.now() of the last WAN address change this front saw or made. */
  readonly changedAt: number;
  close(): Promise<void>;
}

interface Subscriber {
  sid: string;
  callback: URL;
  seq: number;
  expires: number;
}

const EVENT_PATH = '/evt/IPConn';

export async function startIgdEvents(options: IgdEventsOptions = {}): Promise<IgdEvents> {
  const eventing = options.eventing ?? true;
  let sim: IgdSim | null = null;
  const subscribers = new Map<string, Subscriber>();
  const sockets = new Set<Socket>();
  let notifications = 0;
  let changedAt = 0;
  let sent = { status: '', ip: '' };

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === EVENT_PATH && (req.method === 'SUBSCRIBE' || req.method === 'UNSUBSCRIBE')) {
      return void gena(req, res);
    }
    forward(req, res);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  function gena(req: IncomingMessage, res: ServerResponse) {
    req.resume();
    if (!eventing) {
      res.writeHead(501, { 'content-length': '0' });
      return res.end();
    }
    const sid = req.headers.sid;
    if (req.method === 'UNSUBSCRIBE') {
      const ok = typeof sid === 'string' && subscribers.delete(sid);
      res.writeHead(ok ? 200 : 412, { 'content-length': '0' });
      return res.end();
    }
    const timeout = Number(/Second-(\d+)/i.exec(String(req.headers.timeout ?? ''))?.[1] ?? 1800);
    if (typeof sid === 'string') {
      const known = subscribers.get(sid);
      if (!known) {
        res.writeHead(412, { 'content-length': '0' });
        return res.end();
      }
      known.expires = Date.now() + timeout * 1000;
      res.writeHead(200, { SID: sid, TIMEOUT: `Second-${timeout}`, 'content-length': '0' });
      return res.end();
    }
    const callback = /^<(http:\/\/[^>]+)>/.exec(String(req.headers.callback ?? ''))?.[1];
    if (req.headers.nt !== 'upnp:event' || !callback) {
      res.writeHead(412, { 'content-length': '0' });
      return res.end();
    }
    const sub: Subscriber = {
      sid: `uuid:${randomUUID()}`,
      callback: new URL(callback),
      seq: 0,
      expires: Date.now() + timeout * 1000,
    };
    subscribers.set(sub.sid, sub);
    res.writeHead(200, { SID: sub.sid, TIMEOUT: `Second-${timeout}`, 'content-length': '0' });
    res.end();
    // The initial event carries every evented variable (UDA 1.1 §4.2).
    setImmediate(() => notifyOne(sub, currentVars()));
  }

  function forward(req: IncomingMessage, res: ServerResponse) {
    if (!sim) {
      res.writeHead(503);
      return res.end();
    }
    const target = new URL(req.url ?? '/', sim.httpOrigin);
    const up = request(
      {
        method: req.method,
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        headers: req.headers,
        agent: false,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    up.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(up);
  }

  const currentVars = (): Record<string, string> => ({
    ConnectionStatus: sim?.state.status ?? 'Connected',
    ExternalIPAddress: sim && sim.state.status === 'Connected' ? sim.state.externalIp : '',
  });

  function notifyOne(sub: Subscriber, vars: Record<string, string>) {
    if (Date.now() > sub.expires) return void subscribers.delete(sub.sid);
    const body = `<?xml version="1.0"?>\r\n<e:propertyset xmlns:e="urn:schemas-upnp-org:event-1-0">${Object.entries(
      vars,
    )
      .map(([k, v]) => `<e:property><${k}>${v}</${k}></e:property>`)
      .join('')}</e:propertyset>\r\n`;
    const seq = sub.seq;
    sub.seq += 1;
    notifications += 1;
    const req = request({
      method: 'NOTIFY',
      host: sub.callback.hostname,
      port: sub.callback.port,
      path: sub.callback.pathname,
      agent: false,
      headers: {
        HOST: sub.callback.host,
        'content-type': 'text/xml; charset="utf-8"',
        NT: 'upnp:event',
        NTS: 'upnp:propchange',
        SID: sub.sid,
        SEQ: String(seq),
        'content-length': String(Buffer.byteLength(body)),
      },
    });
    req.on('response', (r) => r.resume());
    req.on('error', () => undefined);
    req.end(body);
  }

  const notifyAll = (vars: Record<string, string>) => {
    for (const sub of subscribers.values()) notifyOne(sub, vars);
  };

  // miniupnpd notices WAN changes by itself; so does this front, for reconnects done through the sim.
  const watch = setInterval(() => {
    if (!sim) return;
    const { status, externalIp } = sim.state;
    if (status !== sent.status || (status === 'Connected' && externalIp !== sent.ip)) {
      if (status === 'Connected' && externalIp !== sent.ip && sent.ip !== '') changedAt = performance.now();
      sent = { status, ip: status === 'Connected' ? externalIp : sent.ip };
      notifyAll(
        status === 'Connected'
          ? { ConnectionStatus: status, ExternalIPAddress: externalIp }
          : { ConnectionStatus: status },
      );
    }
  }, options.watchMs ?? 50);

  return {
    location: `${origin}/rootDesc.xml`,
    attach(s) {
      sim = s;
      sent = { status: s.state.status, ip: s.state.externalIp };
    },
    setWanIp(ip) {
      if (!sim) throw new Error('attach the sim first');
      changedAt = performance.now();
      sim.state.externalIp = ip;
      options.world?.setPublicIp(ip);
      sent = { status: sim.state.status, ip };
      notifyAll({ ConnectionStatus: 'Connected', ExternalIPAddress: ip });
    },
    get subscribers() {
      return subscribers.size;
    },
    get notifications() {
      return notifications;
    },
    get changedAt() {
      return changedAt;
    },
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(watch);
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
