import { describe, expect, it } from 'vitest';
import { parseCloudflareTrace, parsePlainIp } from '../../../electron/services/ip/trace';

// The shape of https://1.1.1.1/cdn-cgi/trace: one key=value per line.
const TRACE_V4 = `fl=29f1
h=1.1.1.1
ip=198.51.100.23
ts=1764064931.522
visit_scheme=https
uag=Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) AccessDoctor/0.1
colo=AMS
sliver=none
http=http/2
loc=NL
tls=TLSv1.3
sni=off
warp=off
gateway=off
rbi=off
kex=X25519MLKEM768
`;

describe('parseCloudflareTrace', () => {
  it('reads ip, loc, colo and warp from a real-looking IPv4 trace', () => {
    expect(parseCloudflareTrace(TRACE_V4)).toEqual({
      ok: true,
      value: { ip: '198.51.100.23', family: 4, loc: 'NL', colo: 'AMS', warp: 'off' },
    });
  });

  it('reads an IPv6 trace with CRLF line ends and WARP on', () => {
    const body =
      'fl=465f1\r\nh=[2606:4700:4700::1111]\r\nip=2001:db8:85a3::8a2e:370:7334\r\nloc=DE\r\ncolo=FRA\r\nwarp=plus\r\n';
    expect(parseCloudflareTrace(body)).toEqual({
      ok: true,
      value: { ip: '2001:db8:85a3::8a2e:370:7334', family: 6, loc: 'DE', colo: 'FRA', warp: 'plus' },
    });
  });

  it('keeps the first ip= when a line repeats it', () => {
    const result = parseCloudflareTrace('ip=203.0.113.1\nip=203.0.113.2\n');
    expect(result.ok && result.value.ip).toBe('203.0.113.1');
  });

  it('fails with a reason when there is no ip= line', () => {
    expect(parseCloudflareTrace('fl=1f1\nh=1.1.1.1\nloc=NL\ncolo=AMS\n')).toEqual({
      ok: false,
      reason: 'the answer has no ip= line',
    });
    expect(parseCloudflareTrace('')).toMatchObject({ ok: false });
  });

  it('fails when ip= is not an address, quoting a short piece of it', () => {
    const result = parseCloudflareTrace(`ip=<script>${'x'.repeat(500)}\n`);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toMatch(/^ip= is not an IP address: <script>/);
      expect(result.reason.length).toBeLessThan(100);
    }
  });

  it('drops extras that are not plain tokens instead of passing markup on', () => {
    const result = parseCloudflareTrace('ip=203.0.113.5\nloc=<b>NL</b>\ncolo=AMS\nwarp=\n');
    expect(result).toEqual({
      ok: true,
      value: { ip: '203.0.113.5', family: 4, loc: undefined, colo: 'AMS', warp: undefined },
    });
  });

  it('reads an HTML page or binary garbage as "no ip= line", not as an address', () => {
    expect(parseCloudflareTrace('<!doctype html><html><body>Hello</body></html>').ok).toBe(false);
    expect(parseCloudflareTrace('\u0000\u0001\uFFFD==ip\n=ip=1.2.3.4').ok).toBe(false);
  });
});

describe('parsePlainIp', () => {
  it('reads a bare IPv4 or IPv6 address with surrounding whitespace', () => {
    expect(parsePlainIp('203.0.113.7\n')).toEqual({ ok: true, value: { ip: '203.0.113.7', family: 4 } });
    expect(parsePlainIp('  2001:db8::1 ')).toEqual({ ok: true, value: { ip: '2001:db8::1', family: 6 } });
  });

  it('rejects empty, long, HTML and near-miss answers', () => {
    expect(parsePlainIp('')).toEqual({ ok: false, reason: 'not an IP address: (empty)' });
    expect(parsePlainIp('256.1.1.1')).toMatchObject({ ok: false });
    expect(parsePlainIp('203.0.113.7 extra')).toMatchObject({ ok: false });
    expect(parsePlainIp(`<html>${'a'.repeat(200)}</html>`)).toEqual({
      ok: false,
      reason: 'the answer is not a bare IP address',
    });
  });
});
