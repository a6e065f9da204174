/**
 * Generated hostile input for every parser that sees LAN data: SSDP replies, device descriptions, SCPDs
 * and SOAP answers. Seeded, so every run checks the same cases. A parser may return null or throw one of
 * our typed errors; anything else (TypeError, RangeError, a hang) fails.
 */
import { describe, expect, it } from 'vitest';
import { parseDescription } from '../../../electron/services/router/description';
import { RouterError, UpnpSoapError } from '../../../electron/services/router/errors';
import { createIgdClient } from '../../../electron/services/router/igd';
import { parseSoapFault, parseSoapResponse } from '../../../electron/services/router/soap';
import { parseSsdpReply } from '../../../electron/services/router/ssdp';
import { fakeHttp, httpFixture, prng, routerFixture } from './helpers';

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

type Outcome = 'ok' | 'typed';

/** 'ok' when the parser returned, 'typed' for one of our errors; anything else propagates and fails. */
async function typedOnly(fn: () => unknown): Promise<Outcome> {
  try {
    await fn();
    return 'ok';
  } catch (error) {
    if (error instanceof RouterError || error instanceof UpnpSoapError) return 'typed';
    throw error;
  }
}

/**
 * Runs CASES mutated inputs through `parse`. `check` sees every returned value and asserts what must hold
 * for any input (URLs on the description's host, names that pass our own filters, …).
 */
async function run<T>(
  name: string,
  seeds: string[],
  seed: number,
  parse: (text: string) => T | Promise<T>,
  check: (value: T, input: string) => void,
) {
  const rand = prng(seed);
  const counts = { ok: 0, typed: 0, changed: 0 };
  let slowest = 0;
  for (let i = 0; i < CASES; i++) {
    const original = seeds[i % seeds.length] ?? '';
    const input = mutate(original, rand);
    if (input !== original) counts.changed += 1;
    const t0 = performance.now();
    counts[
      await typedOnly(async () => {
        check(await parse(input), input);
      })
    ] += 1;
    slowest = Math.max(slowest, performance.now() - t0);
  }
  // The mutator really mutates (a run of unchanged seeds would pass for a parser that ignores its input)…
  expect(counts.changed, `${name}: inputs that differ from their seed`).toBeGreaterThan(CASES * 0.9);
  // …and no single case came anywhere near a hang.
  expect(slowest, `${name}: slowest case in ms`).toBeLessThan(250);
  return counts;
}

const ACTION_NAME = /^[A-Za-z_]\w{0,63}$/;
const SCPD_URL = 'http://192.168.77.1:5000/WANIPCn.xml';

/** The real SCPD parser is IgdClient.listActions (it fetches the SCPD itself): feed it over a fake HTTP client. */
function scpdParser() {
  let body = '';
  const http = fakeHttp(() => ({ status: 200, body, headers: { 'content-type': 'text/xml' } }));
  const service = {
    serviceType: 'urn:schemas-upnp-org:service:WANIPConnection:2',
    controlUrl: 'http://192.168.77.1:5000/ctl/IPConn',
    scpdUrl: SCPD_URL,
  };
  const client = createIgdClient(http, { connection: service }, { timeoutMs: 1000, maxBytes: 64 * 1024 });
  return {
    http,
    listActions(text: string) {
      body = text;
      return client.listActions();
    },
  };
}

describe(`fuzz: ${CASES} generated cases per parser (plus ${CASES} random SSDP datagrams)`, () => {
  it('SSDP replies: null or a reply, never a throw', () => {
    const seeds = [
      routerFixture('miniupnpd-2.3.1-ssdp-reply.txt'),
      'HTTP/1.1 200 OK\r\nLOCATION: http://192.168.1.1:1900/igd.xml\r\nST: upnp:rootdevice\r\n\r\n',
    ];
    const rand = prng(1);
    let replies = 0;
    let nulls = 0;
    for (let i = 0; i < CASES; i++) {
      const input = mutate(seeds[i % 2] ?? '', rand);
      const bytes = i % 3 === 0 ? Buffer.from(input, 'utf8') : Buffer.from(input, 'latin1');
      const reply = parseSsdpReply(bytes);
      if (reply === null) {
        nulls += 1;
        continue;
      }
      replies += 1;
      expect(URL.canParse(reply.location)).toBe(true);
      expect(['http:', 'https:']).toContain(new URL(reply.location).protocol);
      // biome-ignore lint/suspicious/noControlCharactersInRegex: a header value with control characters must be refused
      expect(reply.st).not.toMatch(/[\u0000-\u001f\u007f]/);
    }
    // Random bytes too: never a throw, and (as no random datagram starts with a 200 status line) never a reply.
    let randomReplies = 0;
    for (let i = 0; i < CASES; i++) {
      const bytes = Buffer.alloc(Math.floor(rand() * 600), 0).map(() => Math.floor(rand() * 256));
      if (parseSsdpReply(bytes) !== null) randomReplies += 1;
    }
    expect(randomReplies).toBe(0);
    // Both paths were taken: mutated replies that still parse, and ones that are refused.
    expect(replies).toBeGreaterThan(0);
    expect(nulls).toBeGreaterThan(0);
  });

  it('device descriptions: a description or a RouterError', async () => {
    const fixture = routerFixture('miniupnpd-2.3.1-rootDesc-igd2.xml');
    // A hostile variant to mutate as well: control, event and SCPD URLs (and URLBase) pointing off the router.
    const hostile = fixture
      .replace('<controlURL>/ctl/IPConn</controlURL>', '<controlURL>http://203.0.113.1/ctl/IPConn</controlURL>')
      .replace('<controlURL>/ctl/CmnIfCfg</controlURL>', '<controlURL>//evil/ctl</controlURL>')
      .replace('<SCPDURL>/WANIPCn.xml</SCPDURL>', '<SCPDURL>http://203.0.113.1:5000/WANIPCn.xml</SCPDURL>')
      .replace('<device>', '<URLBase>http://203.0.113.1:5000/</URLBase><device>');
    expect(hostile).not.toBe(fixture);
    const counts = await run(
      'description',
      [fixture, hostile],
      2,
      (t) => parseDescription(t, LOCATION),
      (description) => {
        expect(description.services.length).toBeLessThanOrEqual(64);
        for (const s of description.services) {
          for (const url of [s.controlUrl, s.eventSubUrl, s.scpdUrl]) {
            if (url !== undefined) expect(new URL(url).hostname).toBe(LOCATION.hostname);
          }
        }
      },
    );
    expect(counts.ok).toBeGreaterThan(0);
    expect(counts.typed).toBeGreaterThan(0);
  });

  it('SOAP answers and faults: out-arguments, a fault, or a RouterError', async () => {
    const seeds = [
      'miniupnpd-2.3.1-GetExternalIPAddress.http',
      'miniupnpd-2.3.1-GetStatusInfo.http',
      'miniupnpd-2.3.1-ForceTermination.http',
    ].map((f) => httpFixture(f).body);
    let faults = 0;
    const counts = await run(
      'soap',
      seeds,
      3,
      (t) => {
        const fault = parseSoapFault(t);
        if (fault) faults += 1;
        return {
          fault,
          out: parseSoapResponse(t, t.includes('GetStatusInfo') ? 'GetStatusInfo' : 'GetExternalIPAddress'),
        };
      },
      ({ fault, out }) => {
        if (fault) expect(fault.description.length).toBeLessThanOrEqual(200);
        for (const [name, value] of Object.entries(out)) {
          expect(name).toMatch(ACTION_NAME);
          expect(value.length).toBeLessThanOrEqual(1024);
        }
      },
    );
    expect(counts.ok).toBeGreaterThan(0);
    expect(counts.typed).toBeGreaterThan(0);
    expect(faults).toBeGreaterThan(0);
  });

  it('service descriptions (SCPD): the action list or a RouterError', async () => {
    const fixture = routerFixture('miniupnpd-2.3.1-WANIPCn-scpd.xml');
    const scpd = scpdParser();
    // The parser under test is the real one: the unmutated SCPD yields miniupnpd's actions.
    expect(await scpd.listActions(fixture)).toEqual(
      expect.arrayContaining(['GetExternalIPAddress', 'GetStatusInfo', 'ForceTermination', 'RequestConnection']),
    );
    let lists = 0;
    const counts = await run('scpd', [fixture], 4, scpd.listActions, (actions) => {
      if (actions === null) throw new Error('listActions answered null although the service has an SCPD URL');
      if (actions.length > 0) lists += 1;
      for (const name of actions) expect(name).toMatch(ACTION_NAME);
    });
    expect(scpd.http.requests.length).toBe(CASES + 1);
    expect(scpd.http.requests.every((r) => r.url === SCPD_URL)).toBe(true);
    expect(counts.ok).toBeGreaterThan(0);
    expect(counts.typed).toBeGreaterThan(0);
    expect(lists).toBeGreaterThan(0);
  });
});
