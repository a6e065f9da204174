/**
 * Generated hostile input for every parser that sees LAN data: SSDP replies, device descriptions, SCPDs
 * and SOAP answers. Seeded, so every run checks the same cases. A parser may return null or throw one of
 * our typed errors; anything else (TypeError, RangeError, a hang) fails.
 */
import { describe, expect, it } from 'vitest';
import { parseDescription } from '../../../electron/services/router/description';
import { RouterError, UpnpSoapError } from '../../../electron/services/router/errors';
import { parseSoapFault, parseSoapResponse } from '../../../electron/services/router/soap';
import { parseSsdpReply } from '../../../electron/services/router/ssdp';
import { httpFixture, prng, routerFixture } from './helpers';

const CASES = 3000;
const LOCATION = new URL('http://192.168.77.1:5000/rootDesc.xml');

const TOKENS = [
  '<',
  '>',
  '</',
  '/>',
  '&',
  '&amp;',
  '&#x0;',
  '&lt;',
  '<!DOCTYPE x>',
  '<!ENTITY e "x">',
  '<![CDATA[',
  ']]>',
  '<?xml ?>',
  '<!--',
  '-->',
  '"',
  "'",
  '=',
  '\u0000',
  '\uFFFF',
  '\uD800',
  '\r\n',
  '\n',
  ':',
  'xmlns:u="x"',
  '<device>',
  '</device>',
  '<service>',
  '<serviceList>',
  '<controlURL>',
  'http://203.0.113.1/',
  '//evil/',
  '<URLBase>',
  '__proto__',
  'constructor',
  'LOCATION:',
  'ST:',
  'HTTP/1.1 200 OK',
  ' ',
  '\t',
  '9'.repeat(40),
  'a'.repeat(300),
];

/** One mutation: flip, delete, duplicate, truncate or insert a token, a few times over. */
function mutate(seedText: string, rand: () => number): string {
  let text = seedText;
  const rounds = 1 + Math.floor(rand() * 6);
  for (let i = 0; i < rounds; i++) {
    const at = Math.floor(rand() * (text.length + 1));
    const op = Math.floor(rand() * 6);
    if (op === 0) text = text.slice(0, at) + String.fromCharCode(Math.floor(rand() * 0x250)) + text.slice(at + 1);
    else if (op === 1) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(rand() * 40));
    else if (op === 2) text = text.slice(0, at) + TOKENS[Math.floor(rand() * TOKENS.length)] + text.slice(at);
    else if (op === 3) text = text.slice(0, at);
    else if (op === 4) {
      const from = Math.floor(rand() * text.length);
      text = text.slice(0, at) + text.slice(from, from + Math.floor(rand() * 200)) + text.slice(at);
    } else text = text.slice(0, at) + '<a>'.repeat(Math.floor(rand() * 60)) + text.slice(at);
  }
  return text;
}

function typedOnly(fn: () => unknown): 'ok' | 'typed' {
  try {
    fn();
    return 'ok';
  } catch (error) {
    if (error instanceof RouterError || error instanceof UpnpSoapError) return 'typed';
    throw error;
  }
}

function run(name: string, seeds: string[], seed: number, parse: (text: string) => unknown) {
  const rand = prng(seed);
  const counts = { ok: 0, typed: 0 };
  let slowest = 0;
  for (let i = 0; i < CASES; i++) {
    const input = mutate(seeds[i % seeds.length] ?? '', rand);
    const t0 = performance.now();
    counts[typedOnly(() => parse(input))] += 1;
    slowest = Math.max(slowest, performance.now() - t0);
  }
  // Both paths were exercised, and no single case came anywhere near a hang.
  expect(counts.ok + counts.typed, name).toBe(CASES);
  expect(slowest, `${name}: slowest case in ms`).toBeLessThan(250);
  return counts;
}

describe(`fuzz: ${CASES} generated cases per parser`, () => {
  it('SSDP replies: null or a reply, never a throw', () => {
    const seeds = [
      routerFixture('miniupnpd-2.3.1-ssdp-reply.txt'),
      'HTTP/1.1 200 OK\r\nLOCATION: http://192.168.1.1:1900/igd.xml\r\nST: upnp:rootdevice\r\n\r\n',
    ];
    const rand = prng(1);
    let replies = 0;
    for (let i = 0; i < CASES; i++) {
      const input = mutate(seeds[i % 2] ?? '', rand);
      const bytes = i % 3 === 0 ? Buffer.from(input, 'utf8') : Buffer.from(input, 'latin1');
      const reply = parseSsdpReply(bytes);
      if (reply) {
        replies += 1;
        expect(URL.canParse(reply.location)).toBe(true);
      }
    }
    // Random bytes too.
    for (let i = 0; i < CASES; i++) {
      const bytes = Buffer.alloc(Math.floor(rand() * 600), 0).map(() => Math.floor(rand() * 256));
      expect(() => parseSsdpReply(bytes)).not.toThrow();
    }
    expect(replies).toBeGreaterThan(0);
  });

  it('device descriptions: a description or a RouterError', () => {
    const counts = run('description', [routerFixture('miniupnpd-2.3.1-rootDesc-igd2.xml')], 2, (t) =>
      parseDescription(t, LOCATION),
    );
    expect(counts.ok).toBeGreaterThan(0);
    expect(counts.typed).toBeGreaterThan(0);
  });

  it('SOAP answers and faults: out-arguments, a fault, or a RouterError', () => {
    const seeds = [
      'miniupnpd-2.3.1-GetExternalIPAddress.http',
      'miniupnpd-2.3.1-GetStatusInfo.http',
      'miniupnpd-2.3.1-ForceTermination.http',
    ].map((f) => httpFixture(f).body);
    const counts = run('soap', seeds, 3, (t) => {
      parseSoapFault(t);
      return parseSoapResponse(t, t.includes('GetStatusInfo') ? 'GetStatusInfo' : 'GetExternalIPAddress');
    });
    expect(counts.ok).toBeGreaterThan(0);
    expect(counts.typed).toBeGreaterThan(0);
  });

  it('service descriptions (SCPD) parse or fail typed', () => {
    const counts = run('scpd', [routerFixture('miniupnpd-2.3.1-WANIPCn-scpd.xml')], 4, (t) =>
      parseSoapResponse(t, 'Nothing'),
    );
    expect(counts.typed).toBeGreaterThan(0);
  });
});
