import { createServer, type IncomingMessage, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { RouterEventVars } from '../../../electron/core/router-events';
import { type GenaSubscription, parsePropertySet, subscribeGena } from '../../../electron/services/router/gena';

const propertyset = (vars: Record<string, string>) =>
  `<?xml version="1.0"?>\r\n<e:propertyset xmlns:e="urn:schemas-upnp-org:event-1-0">${Object.entries(vars)
    .map(([k, v]) => `<e:property><${k}>${v}</${k}></e:property>`)
    .join('')}</e:propertyset>\r\n`;

interface FakeRouter {
  server: Server;
  eventSubUrl: string;
  requests: { method: string; headers: IncomingMessage['headers'] }[];
  timeoutSeconds: number;
}

async function fakeRouter(timeoutSeconds = 1800): Promise<FakeRouter> {
  const router: FakeRouter = { server: createServer(), eventSubUrl: '', requests: [], timeoutSeconds };
  let n = 0;
  router.server.on('request', (req, res) => {
    router.requests.push({ method: req.method ?? '', headers: req.headers });
    if (req.method === 'SUBSCRIBE') {
      const sid = req.headers.sid ?? `uuid:0000-${++n}`;
      res.writeHead(200, { SID: String(sid), TIMEOUT: `Second-${router.timeoutSeconds}`, 'content-length': '0' });
      return res.end();
    }
    res.writeHead(200, { 'content-length': '0' });
    res.end();
  });
  await new Promise<void>((resolve) => router.server.listen(0, '127.0.0.1', resolve));
  router.eventSubUrl = `http://127.0.0.1:${(router.server.address() as AddressInfo).port}/evt/IPConn`;
  return router;
}

function notify(
  callbackUrl: string,
  options: { sid: string; body: string; seq?: number; from?: string; headers?: Record<string, string> },
): Promise<number | 'reset'> {
  const url = new URL(callbackUrl);
  return new Promise((resolve) => {
    const req = request(
      {
        method: 'NOTIFY',
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        localAddress: options.from ?? '127.0.0.1',
        agent: false,
        headers: {
          'content-type': 'text/xml; charset="utf-8"',
          NT: 'upnp:event',
          NTS: 'upnp:propchange',
          SID: options.sid,
          SEQ: String(options.seq ?? 0),
          // A chunked body declares no length at all (both headers would be a parse error, not our cap).
          ...(options.headers?.['transfer-encoding']
            ? {}
            : { 'content-length': String(Buffer.byteLength(options.body)) }),
          ...options.headers,
        },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', () => resolve('reset'));
    req.end(options.body);
  });
}

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn();
  cleanup = [];
});

async function setup(timeoutSeconds?: number) {
  const router = await fakeRouter(timeoutSeconds);
  const events: RouterEventVars[] = [];
  const lost: string[] = [];
  const sub: GenaSubscription = await subscribeGena(
    { eventSubUrl: router.eventSubUrl, routerAddress: '127.0.0.1', localAddress: '127.0.0.1', maxBodyBytes: 4096 },
    { onEvent: (v) => events.push(v), onLost: (r) => lost.push(r) },
  );
  cleanup.push(async () => {
    await sub.stop();
    await new Promise<void>((resolve) => router.server.close(() => resolve()));
  });
  return { router, sub, events, lost };
}

describe('GENA subscription and NOTIFY listener (real loopback sockets)', () => {
  it('subscribes with a callback on the LAN address and accepts a valid NOTIFY', async () => {
    const { router, sub, events } = await setup();
    const subscribe = router.requests[0];
    expect(subscribe?.method).toBe('SUBSCRIBE');
    expect(subscribe?.headers.nt).toBe('upnp:event');
    expect(subscribe?.headers.callback).toBe(`<${sub.callbackUrl}>`);
    expect(sub.callbackUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/gena\/[0-9a-f]{24}$/);
    expect(sub.sid).toBe('uuid:0000-1');

    const status = await notify(sub.callbackUrl, {
      sid: sub.sid,
      body: propertyset({ ConnectionStatus: 'Connected', ExternalIPAddress: '203.0.113.9' }),
    });
    expect(status).toBe(200);
    expect(events).toEqual([{ ConnectionStatus: 'Connected', ExternalIPAddress: '203.0.113.9' }]);
  });

  it('refuses a NOTIFY with the wrong SID (412) without delivering it', async () => {
    const { sub, events } = await setup();
    expect(
      await notify(sub.callbackUrl, { sid: 'uuid:someone-else', body: propertyset({ ExternalIPAddress: '6.6.6.6' }) }),
    ).toBe(412);
    expect(events).toEqual([]);
    expect(sub.stats.refused.sid).toBe(1);
  });

  it('drops a NOTIFY from another address than the router (connection closed, nothing delivered)', async () => {
    const { sub, events } = await setup();
    const result = await notify(sub.callbackUrl, {
      sid: sub.sid,
      from: '127.0.0.2',
      body: propertyset({ ExternalIPAddress: '6.6.6.6' }),
    });
    expect(result).toBe('reset');
    expect(events).toEqual([]);
    expect(sub.stats.refused.address).toBe(1);
  });

  it('refuses an oversized body (413), declared or streamed', async () => {
    const { sub, events } = await setup();
    const big = propertyset({ ExternalIPAddress: '203.0.113.9', Junk: 'x'.repeat(10_000) });
    expect(await notify(sub.callbackUrl, { sid: sub.sid, body: big })).toBe(413);
    expect(sub.stats.refused.size).toBe(1);
    // No declared length (chunked): the stream cap still holds. The server answers 413 and closes while the
    // client may still be sending, so the client sees the 413 or a reset; either way the cap counted it.
    const streamed = await notify(sub.callbackUrl, {
      sid: sub.sid,
      body: big,
      headers: { 'transfer-encoding': 'chunked' },
    });
    expect([413, 'reset']).toContain(streamed);
    expect(events).toEqual([]);
    expect(sub.stats.refused.size).toBe(2);
  });

  it('refuses XML with a DOCTYPE or entities (billion laughs) and bad headers', async () => {
    const { sub, events } = await setup();
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><e:propertyset xmlns:e="urn:schemas-upnp-org:event-1-0"><e:property><ExternalIPAddress>&lol2;</ExternalIPAddress></e:property></e:propertyset>`;
    expect(await notify(sub.callbackUrl, { sid: sub.sid, body: laughs })).toBe(400);
    expect(await notify(sub.callbackUrl, { sid: sub.sid, body: '<not-xml' })).toBe(400);
    expect(
      await notify(sub.callbackUrl, { sid: sub.sid, body: propertyset({ A: '1' }), headers: { NTS: 'upnp:other' } }),
    ).toBe(412);
    expect(events).toEqual([]);
    expect(sub.stats.refused.xml).toBe(2);
  });

  it('renews before the timeout with the SID, and unsubscribes on stop', async () => {
    const { router, sub } = await setup(2);
    await new Promise((resolve) => setTimeout(resolve, 1300));
    const renewal = router.requests[1];
    expect(renewal?.method).toBe('SUBSCRIBE');
    expect(renewal?.headers.sid).toBe(sub.sid);
    expect(renewal?.headers.callback).toBeUndefined();
    expect(sub.stats.renewals).toBeGreaterThanOrEqual(1);
    await sub.stop();
    expect(router.requests.at(-1)).toMatchObject({
      method: 'UNSUBSCRIBE',
      headers: expect.objectContaining({ sid: sub.sid }),
    });
    // The listener is gone.
    expect(await notify(sub.callbackUrl, { sid: sub.sid, body: propertyset({ A: '1' }) })).toBe('reset');
  });

  it('refuses an event URL that is not on the router itself', async () => {
    await expect(
      subscribeGena(
        { eventSubUrl: 'http://127.0.0.9:80/evt', routerAddress: '127.0.0.1', localAddress: '127.0.0.1' },
        { onEvent: () => undefined, onLost: () => undefined },
      ),
    ).rejects.toThrow(/not on the router/);
  });

  it('parses a miniupnpd propertyset, several variables, entities left unexpanded', () => {
    expect(
      parsePropertySet(
        '<?xml version="1.0"?>\r\n<e:propertyset xmlns:e="urn:schemas-upnp-org:event-1-0"><e:property><ConnectionStatus>Connected</ConnectionStatus></e:property><e:property><ExternalIPAddress>203.0.113.2</ExternalIPAddress></e:property><e:property><PossibleConnectionTypes>IP_Routed</PossibleConnectionTypes></e:property></e:propertyset>',
      ),
    ).toEqual({
      ConnectionStatus: 'Connected',
      ExternalIPAddress: '203.0.113.2',
      PossibleConnectionTypes: 'IP_Routed',
    });
    expect(() => parsePropertySet('<other/>')).toThrow(/propertyset/);
  });
});
