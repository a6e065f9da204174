import { describe, expect, it } from 'vitest';
import { parseDescription, pickWanServices } from '../../../electron/services/router/description';
import { RouterError, UPNP_ERRORS, UpnpSoapError } from '../../../electron/services/router/errors';
import { checkLocation, sameHost } from '../../../electron/services/router/location-policy';
import { buildSoapEnvelope, parseSoapFault, parseSoapResponse, soapCall } from '../../../electron/services/router/soap';
import { buildMSearch, parseSsdpReply, searchAddresses } from '../../../electron/services/router/ssdp';
import { decodeXmlText } from '../../../electron/services/router/xml';
import { fakeHttp, httpFixture, routerFixture } from './helpers';

const LOCATION = new URL('http://192.168.77.1:5000/rootDesc.xml');

describe('SSDP', () => {
  it('parses miniupnpd 2.3.1 search reply as captured in the lab', () => {
    expect(parseSsdpReply(Buffer.from(routerFixture('miniupnpd-2.3.1-ssdp-reply.txt'), 'latin1'))).toEqual({
      location: 'http://192.168.77.1:5000/rootDesc.xml',
      st: 'urn:schemas-upnp-org:device:InternetGatewayDevice:2',
      usn: 'uuid:5a1b0c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d::urn:schemas-upnp-org:device:InternetGatewayDevice:2',
      server: expect.stringMatching(/MiniUPnPd\/2\.3\.1$/),
    });
  });

  it('accepts LF-only lines and any header case', () => {
    expect(parseSsdpReply('HTTP/1.1 200 OK\nlocation: http://10.0.0.1/d.xml\nst: upnp:rootdevice\n\n')).toMatchObject({
      location: 'http://10.0.0.1/d.xml',
      st: 'upnp:rootdevice',
    });
  });

  it.each([
    ['a NOTIFY', 'NOTIFY * HTTP/1.1\r\nLOCATION: http://10.0.0.1/\r\nST: x\r\n\r\n'],
    ['an error status', 'HTTP/1.1 404 Not Found\r\nLOCATION: http://10.0.0.1/\r\nST: x\r\n\r\n'],
    ['no LOCATION', 'HTTP/1.1 200 OK\r\nST: x\r\n\r\n'],
    ['no ST', 'HTTP/1.1 200 OK\r\nLOCATION: http://10.0.0.1/\r\n\r\n'],
    ['a non-http LOCATION', 'HTTP/1.1 200 OK\r\nLOCATION: file:///etc/passwd\r\nST: x\r\n\r\n'],
    ['a LOCATION that is no URL', 'HTTP/1.1 200 OK\r\nLOCATION: not a url\r\nST: x\r\n\r\n'],
    ['control characters', 'HTTP/1.1 200 OK\r\nLOCATION: http://10.0.0.1/\u0000\r\nST: x\r\n\r\n'],
    [
      'an oversized datagram',
      `HTTP/1.1 200 OK\r\nLOCATION: http://10.0.0.1/\r\nST: x\r\nX: ${'a'.repeat(9000)}\r\n\r\n`,
    ],
    ['nothing', ''],
  ])('ignores %s', (_name, text) => {
    expect(parseSsdpReply(text)).toBeNull();
  });

  it('builds an M-SEARCH with the asked MX and target', () => {
    expect(buildMSearch('urn:x', 1, '239.255.255.250', 1900)).toBe(
      'M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: "ssdp:discover"\r\nMX: 1\r\nST: urn:x\r\n\r\n',
    );
  });

  it('searches from every private IPv4 address, never from public ones, loopback only behind the switch', () => {
    const ifs = {
      lo: [
        {
          address: '127.0.0.1',
          family: 'IPv4' as const,
          internal: true,
          netmask: '255.0.0.0',
          mac: '',
          cidr: '127.0.0.1/8',
        },
      ],
      wlan0: [
        {
          address: '192.168.1.23',
          family: 'IPv4' as const,
          internal: false,
          netmask: '255.255.255.0',
          mac: '',
          cidr: '',
        },
      ],
      vbox0: [
        { address: '10.0.2.15', family: 'IPv4' as const, internal: false, netmask: '255.255.255.0', mac: '', cidr: '' },
      ],
      eth1: [
        {
          address: '203.0.113.5',
          family: 'IPv4' as const,
          internal: false,
          netmask: '255.255.255.0',
          mac: '',
          cidr: '',
        },
      ],
    };
    expect(searchAddresses(ifs, '239.255.255.250', false)).toEqual(['192.168.1.23', '10.0.2.15']);
    expect(searchAddresses(ifs, '127.0.0.1', false)).toEqual([]);
    expect(searchAddresses(ifs, '127.0.0.1', true)).toEqual(['127.0.0.1']);
  });
});

describe('LOCATION policy', () => {
  it('follows a LOCATION on the responder’s own private address', () => {
    expect(checkLocation('http://192.168.1.1:5000/rootDesc.xml', '192.168.1.1', { allowLoopback: false }).ok).toBe(
      true,
    );
    expect(checkLocation('http://10.0.0.138:49152/desc.xml', '::ffff:10.0.0.138', { allowLoopback: false }).ok).toBe(
      true,
    );
  });

  it('refuses loopback by default and allows it only behind the test switch', () => {
    const loop = checkLocation('http://127.0.0.1:8080/rootDesc.xml', '127.0.0.1', { allowLoopback: false });
    expect(loop).toEqual({ ok: false, reason: expect.stringMatching(/only allowed in tests/) });
    expect(checkLocation('http://127.0.0.1:8080/rootDesc.xml', '127.0.0.1', { allowLoopback: true }).ok).toBe(true);
  });

  it.each([
    ['another LAN host', 'http://192.168.1.20/admin', '192.168.1.1', /not at the responder/],
    ['a public host', 'http://203.0.113.9/x.xml', '192.168.1.1', /not at the responder/],
    ['a public responder', 'http://198.51.100.7/x.xml', '198.51.100.7', /not on a private network/],
    ['a host name', 'http://router.local/x.xml', '192.168.1.1', /not at the responder/],
    ['credentials', 'http://u:p@192.168.1.1/x.xml', '192.168.1.1', /credentials/],
    ['another scheme', 'ftp://192.168.1.1/x.xml', '192.168.1.1', /not http/],
  ])('refuses %s', (_name, location, from, reason) => {
    const verdict = checkLocation(location, from, { allowLoopback: true });
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.reason).toMatch(reason);
  });

  it('keeps control URLs on the description’s host', () => {
    expect(sameHost('http://192.168.77.1:5000/ctl/IPConn', LOCATION)).toBe(true);
    expect(sameHost('http://192.168.77.1:80/other-port-is-fine', LOCATION)).toBe(true);
    expect(sameHost('http://192.168.77.2:5000/ctl/IPConn', LOCATION)).toBe(false);
  });
});

describe('device description', () => {
  it('finds WANIPConnection:2 and the common interface service in miniupnpd’s IGD:2 description', () => {
    const d = parseDescription(routerFixture('miniupnpd-2.3.1-rootDesc-igd2.xml'), LOCATION);
    expect(d).toMatchObject({
      deviceType: 'urn:schemas-upnp-org:device:InternetGatewayDevice:2',
      friendlyName: 'Lab Router',
      manufacturer: 'Debian',
    });
    expect(pickWanServices(d)).toEqual({
      connection: {
        serviceType: 'urn:schemas-upnp-org:service:WANIPConnection:2',
        serviceId: 'urn:upnp-org:serviceId:WANIPConn1',
        controlUrl: 'http://192.168.77.1:5000/ctl/IPConn',
        eventSubUrl: 'http://192.168.77.1:5000/evt/IPConn',
        scpdUrl: 'http://192.168.77.1:5000/WANIPCn.xml',
      },
      common: expect.objectContaining({ controlUrl: 'http://192.168.77.1:5000/ctl/CmnIfCfg' }),
    });
  });

  const doc = (urlBase: string, control: string, type = 'urn:schemas-upnp-org:service:WANPPPConnection:1') =>
    `<?xml version="1.0"?><root xmlns="urn:schemas-upnp-org:device-1-0">${urlBase ? `<URLBase>${urlBase}</URLBase>` : ''}<device><deviceType>urn:schemas-upnp-org:device:InternetGatewayDevice:1</deviceType><deviceList><device><serviceList><service><serviceType>${type}</serviceType><controlURL>${control}</controlURL></service></serviceList></device></deviceList></device></root>`;

  it('honours URLBase and resolves relative control URLs against it', () => {
    const d = parseDescription(doc('http://192.168.77.1:49000/base/', 'upnp/control/WANPPPConn1'), LOCATION);
    expect(pickWanServices(d)?.connection).toMatchObject({
      serviceType: 'urn:schemas-upnp-org:service:WANPPPConnection:1',
      controlUrl: 'http://192.168.77.1:49000/base/upnp/control/WANPPPConn1',
    });
  });

  it('ignores a URLBase on another host and drops control URLs that leave the host', () => {
    const d = parseDescription(doc('http://203.0.113.9/', '/ctl'), LOCATION);
    expect(d.services[0]?.controlUrl).toBe('http://192.168.77.1:5000/ctl');
    const evil = parseDescription(doc('', 'http://203.0.113.9/ctl'), LOCATION);
    expect(evil.services).toEqual([]);
    expect(pickWanServices(evil)).toBeNull();
  });

  it('decodes predefined entities in URLs but never expands declared ones', () => {
    const d = parseDescription(doc('', '/ctl?a=1&amp;b=2'), LOCATION);
    expect(d.services[0]?.controlUrl).toBe('http://192.168.77.1:5000/ctl?a=1&b=2');
    expect(decodeXmlText('&foo; &#65; &#x42; &#0;')).toBe('&foo; A B &#0;');
  });

  it('rejects DOCTYPE and ENTITY declarations (billion laughs, XXE) with a typed error', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]><root><device>&b;</device></root>`;
    expect(() => parseDescription(bomb, LOCATION)).toThrow(
      expect.objectContaining({ name: 'RouterError', code: 'router-unsafe-xml' }),
    );
    const xxe = `<?xml version="1.0"?><!doctype root SYSTEM "file:///etc/passwd"><root/>`;
    expect(() => parseDescription(xxe, LOCATION)).toThrow(RouterError);
  });

  it('names malformed XML and a description without a device', () => {
    expect(() => parseDescription('<root><device>', LOCATION)).toThrow(
      expect.objectContaining({ code: 'router-bad-xml' }),
    );
    expect(() => parseDescription('<?xml version="1.0"?><html/>', LOCATION)).toThrow(
      expect.objectContaining({ code: 'router-bad-response' }),
    );
  });
});

describe('SOAP', () => {
  it('escapes every argument and validates names', () => {
    const env = buildSoapEnvelope('urn:schemas-upnp-org:service:WANIPConnection:1', 'AddPortMapping', {
      NewPortMappingDescription: `<evil attr="x">&'`,
    });
    expect(env).toContain(
      '<NewPortMappingDescription>&lt;evil attr=&quot;x&quot;&gt;&amp;&apos;</NewPortMappingDescription>',
    );
    expect(env).toContain('<u:AddPortMapping xmlns:u="urn:schemas-upnp-org:service:WANIPConnection:1">');
    expect(() => buildSoapEnvelope('urn:schemas-upnp-org:service:WANIPConnection:1', 'Bad><x', {})).toThrow(
      RouterError,
    );
    expect(() => buildSoapEnvelope('urn:x" onload="', 'GetStatusInfo', {})).toThrow(RouterError);
  });

  it('reads miniupnpd’s real answers', () => {
    const ip = httpFixture('miniupnpd-2.3.1-GetExternalIPAddress.http');
    expect(parseSoapResponse(ip.body, 'GetExternalIPAddress')).toEqual({ NewExternalIPAddress: '203.0.113.2' });
    expect(parseSoapResponse(httpFixture('miniupnpd-2.3.1-GetStatusInfo.http').body, 'GetStatusInfo')).toEqual({
      NewConnectionStatus: 'Connected',
      NewLastConnectionError: 'ERROR_NONE',
      NewUptime: '865',
    });
    expect(
      parseSoapResponse(httpFixture('miniupnpd-2.3.1-GetCommonLinkProperties.http').body, 'GetCommonLinkProperties'),
    ).toMatchObject({ NewWANAccessType: 'Cable', NewPhysicalLinkStatus: 'Up' });
  });

  it('turns miniupnpd’s 606 and 401 faults into UpnpSoapError with the code and plain meaning', async () => {
    const fault = httpFixture('miniupnpd-2.3.1-ForceTermination.http');
    expect(fault.status).toBe(500);
    expect(parseSoapFault(fault.body)).toEqual({ code: 606, description: 'Action not authorized' });
    const http = fakeHttp((req) =>
      req.body?.includes('ForceTermination')
        ? { status: 500, body: fault.body }
        : { status: 500, body: httpFixture('miniupnpd-2.3.1-NoSuchAction.http').body },
    );
    const call = (action: string) =>
      soapCall(http, {
        controlUrl: 'http://192.168.77.1:5000/ctl/IPConn',
        serviceType: 'urn:schemas-upnp-org:service:WANIPConnection:2',
        action,
        timeoutMs: 1000,
        maxBytes: 1024,
      });
    const e606 = await call('ForceTermination').catch((e: unknown) => e);
    expect(e606).toBeInstanceOf(UpnpSoapError);
    expect(e606).toMatchObject({
      name: 'UpnpSoapError',
      code: 'upnp-606',
      upnpCode: 606,
      isRefusal: true,
      httpStatus: 500,
    });
    expect((e606 as Error).message).toMatch(/not allow this action from the network/);
    const e401 = await call('Whatever').catch((e: unknown) => e);
    expect(e401).toMatchObject({
      code: 'upnp-401',
      upnpCode: 401,
      isRefusal: true,
      meaning: 'The router does not offer this action.',
    });
    expect(http.requests[0]).toMatchObject({
      method: 'POST',
      maxRedirects: 0,
      headers: { soapaction: '"urn:schemas-upnp-org:service:WANIPConnection:2#ForceTermination"' },
    });
  });

  it('maps the standard codes, and a fault without a code keeps the HTTP status', () => {
    for (const code of [401, 402, 501, 606, 703, 704, 705, 706, 707, 708, 709, 710, 711, 713, 714]) {
      expect(UPNP_ERRORS[code]?.meaning).toMatch(/\w/);
    }
    const e = new UpnpSoapError('GetStatusInfo', null, '', 403);
    expect(e).toMatchObject({ code: 'upnp-http-error', isRefusal: true, label: 'HTTP 403' });
    expect(new UpnpSoapError('X', 501, 'Action Failed', 500).isRefusal).toBe(false);
    expect(new UpnpSoapError('X', 799, 'Vendor', 500).meaning).toBe('The router refused the action.');
  });

  it('refuses an oversized answer instead of parsing half of it', async () => {
    const http = fakeHttp(() => ({ status: 200, body: '<s:Envelope>', truncated: true }));
    await expect(
      soapCall(http, {
        controlUrl: 'http://192.168.77.1/ctl',
        serviceType: 'urn:schemas-upnp-org:service:WANIPConnection:1',
        action: 'GetStatusInfo',
        timeoutMs: 1000,
        maxBytes: 10,
      }),
    ).rejects.toMatchObject({ code: 'router-bad-response' });
  });
});
