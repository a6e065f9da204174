import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { findGateway } from '../../../electron/services/router/gateway';
import { discover, type UdpSocket } from '../../../electron/services/router/ssdp';
import { fakeHttp, routerFixture } from './helpers';

type Responder = { from: string; location: string; delayMs: number; st?: string };

/** Fake UDP sockets: every M-SEARCH sent is answered by the scripted responders after their delay. */
function fakeNet(responders: Responder[], addresses = ['192.168.77.10']) {
  const sent: { local: string; address: string; port: number; text: string }[] = [];
  const sockets: { closed: boolean; local: string }[] = [];
  const createSocket = (): UdpSocket => {
    const state = { closed: false, local: '' };
    sockets.push(state);
    let onMessage: ((msg: Buffer, rinfo: { address: string; port: number }) => void) | null = null;
    const socket: UdpSocket = {
      bind(_port, address, cb) {
        state.local = address;
        queueMicrotask(cb);
      },
      send(msg, port, address, cb) {
        sent.push({ local: state.local, address, port, text: Buffer.from(msg).toString() });
        cb(null);
        const st = /ST: (.*)\r\n/.exec(Buffer.from(msg).toString())?.[1] ?? '';
        for (const r of responders) {
          setTimeout(() => {
            if (state.closed) return;
            const reply = `HTTP/1.1 200 OK\r\nST: ${r.st ?? st}\r\nLOCATION: ${r.location}\r\nSERVER: test\r\n\r\n`;
            onMessage?.(Buffer.from(reply), { address: r.from, port: 1900 });
          }, r.delayMs);
        }
      },
      setMulticastInterface() {},
      setMulticastTTL() {},
      on(event: string, listener: never) {
        if (event === 'message') onMessage = listener;
        return socket;
      },
      close() {
        state.closed = true;
      },
      unref() {},
    };
    return socket;
  };
  const networkInterfaces = (): NodeJS.Dict<NetworkInterfaceInfo[]> => ({
    eth0: addresses.map((address) => ({
      address,
      family: 'IPv4',
      internal: false,
      netmask: '255.255.255.0',
      mac: '',
      cidr: `${address}/24`,
    })),
  });
  return { createSocket, networkInterfaces, sent, sockets };
}

const desc = routerFixture('miniupnpd-2.3.1-rootDesc-igd2.xml');
const http = () =>
  fakeHttp((req) => (req.url.endsWith('/rootDesc.xml') ? { status: 200, body: desc } : { status: 404 }));
const options = {
  address: '239.255.255.250',
  port: 1900,
  mx: 1,
  timeoutMs: 3000,
  allowLoopbackDevices: false,
  preferDefaultGatewayMs: 300,
  defaultGateway: '192.168.77.1' as string | null,
  requestTimeoutMs: 1000,
  maxBodyBytes: 256 * 1024,
};

describe('discovery', () => {
  it('returns at the first valid gateway instead of waiting out the window, and closes its sockets', async () => {
    const net = fakeNet([{ from: '192.168.77.1', location: 'http://192.168.77.1:5000/rootDesc.xml', delayMs: 20 }]);
    const t0 = performance.now();
    const { found } = await findGateway({ ...net, http: http() }, options);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(found.gateway).toMatchObject({
      address: '192.168.77.1',
      isDefaultGateway: true,
      localAddress: '192.168.77.10',
    });
    expect(net.sockets.every((s) => s.closed)).toBe(true);
    expect(net.sent.map((s) => s.text)).toEqual(
      expect.arrayContaining([expect.stringContaining('ST: urn:schemas-upnp-org:device:InternetGatewayDevice:2\r\n')]),
    );
    expect(net.sent.every((s) => s.address === '239.255.255.250' && s.port === 1900)).toBe(true);
  });

  it('prefers the default gateway when another device answers first', async () => {
    const net = fakeNet([
      { from: '192.168.77.50', location: 'http://192.168.77.50:5000/rootDesc.xml', delayMs: 5 },
      { from: '192.168.77.1', location: 'http://192.168.77.1:5000/rootDesc.xml', delayMs: 60 },
    ]);
    const { found } = await findGateway({ ...net, http: http() }, options);
    expect(found.gateway.address).toBe('192.168.77.1');
  });

  it('takes another router after a short grace when the default gateway stays silent', async () => {
    const net = fakeNet([{ from: '192.168.77.50', location: 'http://192.168.77.50:5000/rootDesc.xml', delayMs: 5 }]);
    const t0 = performance.now();
    const { found } = await findGateway({ ...net, http: http() }, { ...options, preferDefaultGatewayMs: 100 });
    expect(found.gateway).toMatchObject({ address: '192.168.77.50', isDefaultGateway: false });
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it('searches from every private interface (a laptop on Wi-Fi plus a virtual adapter)', async () => {
    const net = fakeNet(
      [{ from: '192.168.77.1', location: 'http://192.168.77.1:5000/rootDesc.xml', delayMs: 5 }],
      ['192.168.77.10', '10.0.2.15'],
    );
    await findGateway({ ...net, http: http() }, options);
    expect(new Set(net.sent.map((s) => s.local))).toEqual(new Set(['192.168.77.10', '10.0.2.15']));
  });

  it('never fetches a LOCATION on another host, and says why nothing was found', async () => {
    const net = fakeNet([{ from: '192.168.77.66', location: 'http://203.0.113.1:8081/rootDesc.xml', delayMs: 5 }]);
    const client = http();
    const error = await findGateway({ ...net, http: client }, { ...options, timeoutMs: 200 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'RouterError', code: 'router-not-found' });
    expect((error as Error).message).toMatch(/192\.168\.77\.66 \(LOCATION points at 203\.0\.113\.1/);
    expect(client.requests).toEqual([]);
  });

  it('streams distinct answers once each and stops on abort', async () => {
    const net = fakeNet([
      { from: '192.168.77.1', location: 'http://192.168.77.1:5000/rootDesc.xml', delayMs: 5 },
      { from: '192.168.77.1', location: 'http://192.168.77.1:5000/rootDesc.xml', delayMs: 10 },
    ]);
    const controller = new AbortController();
    const seen: string[] = [];
    setTimeout(() => controller.abort(), 150);
    for await (const answer of discover(net, { ...options, includeLoopback: false, signal: controller.signal })) {
      seen.push(`${answer.from} ${answer.reply.location}`);
    }
    expect(seen).toEqual(['192.168.77.1 http://192.168.77.1:5000/rootDesc.xml']);
    expect(net.sockets.every((s) => s.closed)).toBe(true);
  });

  it('fails typed when the machine has no private address to search from', async () => {
    const net = fakeNet([], ['203.0.113.5']);
    await expect(findGateway({ ...net, http: http() }, options)).rejects.toMatchObject({ code: 'router-no-interface' });
  });
});
