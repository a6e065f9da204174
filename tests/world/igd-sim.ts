/**
 * A simulated UPnP Internet Gateway Device on loopback, for the world tier: it answers unicast M-SEARCH on
 * a UDP port, serves a miniupnpd-shaped description and SCPD, and answers SOAP control. ForceTermination
 * drops the link; after `reconnectDelayMs` it comes back with the next WAN address, and the world's echo
 * service and site follow that address (world.setPublicIp), as an ISP's would.
 */
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { World } from './world';

export interface IgdSimOptions {
  world?: World;
  externalIp?: string;
  /** Addresses handed out by successive reconnects. */
  nextIps?: string[];
  reconnectDelayMs?: number;
  /** Answer ForceTermination (and RequestConnection) with this UPnP error, as many routers do (606). */
  refuseReconnect?: number;
  /** Description flavour: IGD:1 with WANIPConnection:1, or IGD:2 with WANIPConnection:2. */
  igdVersion?: 1 | 2;
  /** Override the LOCATION sent in SSDP answers (hostile-responder tests). */
  location?: string;
  /** Answer an empty external IP (as miniupnpd does for a reserved WAN address). */
  hideExternalIp?: boolean;
}

export interface IgdSim {
  ssdpPort: number;
  httpOrigin: string;
  state: {
    status: 'Connected' | 'Disconnected' | 'Connecting';
    externalIp: string;
    connectedSince: number;
    /** performance.now() (this process) when the last reconnect reported Connected. */
    lastConnectedAt: number | null;
    actions: string[];
    searches: number;
    httpRequests: number;
  };
  /**
   * Pull the power plug: until plugIn(), every HTTP connection is dropped unanswered and M-SEARCH is
   * ignored, as a router without power would (no answer at all, not a refusal).
   */
  unplug(): void;
  plugIn(): void;
  /** A config section pointing discovery at this sim. */
  discovery(): { ssdpAddress: string; ssdpPort: number; allowLoopbackDevices: boolean; timeoutMs: number };
  close(): Promise<void>;
}

const UUID = 'uuid:3e1d2a64-7f0c-4c2a-9d3b-acce55d0c70e';

export async function startIgdSim(options: IgdSimOptions = {}): Promise<IgdSim> {
  const version = options.igdVersion ?? 1;
  const nextIps = [...(options.nextIps ?? ['198.51.100.99', '198.51.100.100', '198.51.100.101'])];
  const state: IgdSim['state'] = {
    status: 'Connected',
    externalIp: options.externalIp ?? options.world?.state.publicIp ?? '198.51.100.23',
    connectedSince: Date.now(),
    lastConnectedAt: null,
    actions: [],
    searches: 0,
    httpRequests: 0,
  };
  const timers = new Set<NodeJS.Timeout>();
  const sockets = new Set<Socket>();
  let reconnectPending = false;
  let powered = true;

  const wanType = `urn:schemas-upnp-org:service:WANIPConnection:${version}`;
  const server = createServer((req, res) => {
    if (!powered) return void req.socket.destroy();
    state.httpRequests += 1;
    handle(req, res).catch(() => {
      res.writeHead(500);
      res.end();
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const httpPort = (server.address() as AddressInfo).port;
  const httpOrigin = `http://127.0.0.1:${httpPort}`;

  const scheduleReconnect = () => {
    if (reconnectPending) return;
    reconnectPending = true;
    const timer = setTimeout(() => {
      timers.delete(timer);
      reconnectPending = false;
      state.externalIp = nextIps.shift() ?? state.externalIp;
      state.status = 'Connected';
      state.connectedSince = Date.now();
      state.lastConnectedAt = performance.now();
      options.world?.setPublicIp(state.externalIp);
    }, options.reconnectDelayMs ?? 600);
    timers.add(timer);
  };

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const path = new URL(req.url ?? '/', httpOrigin).pathname;
    if (req.method === 'GET' && path === '/rootDesc.xml') return xml(res, 200, description(version));
    if (req.method === 'GET' && path === '/WANIPCn.xml') return xml(res, 200, SCPD);
    if (req.method === 'GET' && path === '/WANCfg.xml') return xml(res, 200, '<?xml version="1.0"?><scpd/>');
    if (req.method !== 'POST' || (path !== '/ctl/IPConn' && path !== '/ctl/CmnIfCfg')) {
      res.writeHead(404);
      return res.end();
    }
    const body = await readBody(req);
    const action = /#(\w+)"?$/.exec(String(req.headers.soapaction ?? ''))?.[1] ?? '';
    if (!body.includes(`<u:${action}`)) return xml(res, 500, fault(402, 'Invalid Args'));
    state.actions.push(action);
    const reply = (args: Record<string, string | number>) =>
      xml(
        res,
        200,
        `<?xml version="1.0"?>\r\n<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" s:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"><s:Body><u:${action}Response xmlns:u="${path === '/ctl/IPConn' ? wanType : 'urn:schemas-upnp-org:service:WANCommonInterfaceConfig:1'}">${Object.entries(
          args,
        )
          .map(([k, v]) => `<${k}>${v}</${k}>`)
          .join('')}</u:${action}Response></s:Body></s:Envelope>\r\n`,
      );
    switch (action) {
      case 'GetExternalIPAddress':
        return reply({
          NewExternalIPAddress: state.status === 'Connected' && !options.hideExternalIp ? state.externalIp : '',
        });
      case 'GetStatusInfo':
        return reply({
          NewConnectionStatus: state.status,
          NewLastConnectionError: 'ERROR_NONE',
          NewUptime: state.status === 'Connected' ? Math.round((Date.now() - state.connectedSince) / 1000) : 0,
        });
      case 'GetConnectionTypeInfo':
        return reply({ NewConnectionType: 'IP_Routed', NewPossibleConnectionTypes: 'IP_Routed' });
      case 'GetCommonLinkProperties':
        return reply({
          NewWANAccessType: 'Cable',
          NewLayer1UpstreamMaxBitRate: 50_000_000,
          NewLayer1DownstreamMaxBitRate: 250_000_000,
          NewPhysicalLinkStatus: state.status === 'Connected' ? 'Up' : 'Down',
        });
      case 'ForceTermination':
        if (options.refuseReconnect) return xml(res, 500, fault(options.refuseReconnect, 'Action not authorized'));
        if (state.status !== 'Connected') return xml(res, 500, fault(711, 'ConnectionAlreadyTerminated'));
        state.status = 'Disconnected';
        scheduleReconnect();
        return reply({});
      case 'RequestConnection':
        if (options.refuseReconnect) return xml(res, 500, fault(options.refuseReconnect, 'Action not authorized'));
        if (state.status === 'Disconnected') state.status = 'Connecting';
        scheduleReconnect();
        return reply({});
      default:
        return xml(res, 500, fault(401, 'Invalid Action'));
    }
  }

  const udp: UdpSocket = createSocket('udp4');
  udp.on('message', (msg, rinfo) => {
    const text = msg.toString('latin1');
    if (!powered || !text.startsWith('M-SEARCH * HTTP/1.1')) return;
    state.searches += 1;
    const st = /^ST:\s*(.+?)\s*$/im.exec(text)?.[1] ?? '';
    const answers =
      st === 'ssdp:all' ||
      st.startsWith('urn:schemas-upnp-org:device:InternetGatewayDevice:') ||
      st.startsWith('urn:schemas-upnp-org:service:WANIPConnection:');
    if (!answers) return;
    const reply = [
      'HTTP/1.1 200 OK',
      'CACHE-CONTROL: max-age=120',
      `ST: ${st}`,
      `USN: ${UUID}::${st}`,
      'EXT:',
      'SERVER: Debian/12 UPnP/1.1 MiniUPnPd/2.3.1',
      `LOCATION: ${options.location ?? `${httpOrigin}/rootDesc.xml`}`,
      'OPT: "http://schemas.upnp.org/upnp/1/0/"; ns=01',
      '',
      '',
    ].join('\r\n');
    udp.send(Buffer.from(reply, 'latin1'), rinfo.port, rinfo.address);
  });
  await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', resolve));
  const ssdpPort = udp.address().port;

  return {
    ssdpPort,
    httpOrigin,
    state,
    unplug() {
      powered = false;
      for (const s of sockets) s.destroy();
    },
    plugIn() {
      powered = true;
    },
    discovery: () => ({ ssdpAddress: '127.0.0.1', ssdpPort, allowLoopbackDevices: true, timeoutMs: 2000 }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        for (const s of sockets) s.destroy();
        udp.close();
        server.close(() => resolve());
      }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > 64 * 1024) req.destroy();
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function xml(res: ServerResponse, status: number, body: string) {
  res.writeHead(status, { 'content-type': 'text/xml; charset="utf-8"', connection: 'close' });
  res.end(body);
}

function fault(code: number, description: string): string {
  return `<?xml version="1.0"?>\r\n<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" s:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"><s:Body><s:Fault><faultcode>s:Client</faultcode><faultstring>UPnPError</faultstring><detail><UPnPError xmlns="urn:schemas-upnp-org:control-1-0"><errorCode>${code}</errorCode><errorDescription>${description}</errorDescription></UPnPError></detail></s:Fault></s:Body></s:Envelope>\r\n`;
}

function description(version: 1 | 2): string {
  return `<?xml version="1.0"?>
<root xmlns="urn:schemas-upnp-org:device-1-0"><specVersion><major>1</major><minor>1</minor></specVersion><device><deviceType>urn:schemas-upnp-org:device:InternetGatewayDevice:${version}</deviceType><friendlyName>World Router</friendlyName><manufacturer>Access Doctor</manufacturer><modelName>IGD simulator</modelName><UDN>${UUID}</UDN><serviceList><service><serviceType>urn:schemas-upnp-org:service:Layer3Forwarding:1</serviceType><serviceId>urn:upnp-org:serviceId:L3Forwarding1</serviceId><SCPDURL>/L3F.xml</SCPDURL><controlURL>/ctl/L3F</controlURL><eventSubURL>/evt/L3F</eventSubURL></service></serviceList><deviceList><device><deviceType>urn:schemas-upnp-org:device:WANDevice:${version}</deviceType><friendlyName>WANDevice</friendlyName><UDN>${UUID}-1</UDN><serviceList><service><serviceType>urn:schemas-upnp-org:service:WANCommonInterfaceConfig:1</serviceType><serviceId>urn:upnp-org:serviceId:WANCommonIFC1</serviceId><SCPDURL>/WANCfg.xml</SCPDURL><controlURL>/ctl/CmnIfCfg</controlURL><eventSubURL>/evt/CmnIfCfg</eventSubURL></service></serviceList><deviceList><device><deviceType>urn:schemas-upnp-org:device:WANConnectionDevice:${version}</deviceType><friendlyName>WANConnectionDevice</friendlyName><UDN>${UUID}-2</UDN><serviceList><service><serviceType>urn:schemas-upnp-org:service:WANIPConnection:${version}</serviceType><serviceId>urn:upnp-org:serviceId:WANIPConn1</serviceId><SCPDURL>/WANIPCn.xml</SCPDURL><controlURL>/ctl/IPConn</controlURL><eventSubURL>/evt/IPConn</eventSubURL></service></serviceList></device></deviceList></device></deviceList><presentationURL>http://127.0.0.1/</presentationURL></device></root>`;
}

const SCPD = `<?xml version="1.0"?>
<scpd xmlns="urn:schemas-upnp-org:service-1-0"><specVersion><major>1</major><minor>0</minor></specVersion><actionList>${[
  'SetConnectionType',
  'GetConnectionTypeInfo',
  'RequestConnection',
  'ForceTermination',
  'GetStatusInfo',
  'GetNATRSIPStatus',
  'GetExternalIPAddress',
]
  .map((name) => `<action><name>${name}</name></action>`)
  .join('')}</actionList></scpd>`;
