/**
 * Which URLs from a LAN device we are willing to fetch. Any device on the network can answer an
 * M-SEARCH; if we followed whatever LOCATION it names, it could make us request arbitrary hosts
 * (the internet, another machine's admin page). So: only the responder's own address, only on a
 * private range (loopback only behind the test switch), plain http(s), no credentials.
 */
import { isLoopback, isPrivateV4 } from '../../core/addresses';

export type LocationVerdict = { ok: true; url: URL } | { ok: false; reason: string };

export interface LocationPolicy {
  allowLoopback: boolean;
}

function bareV4(address: string): string {
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}

export function checkLocation(location: string, responder: string, policy: LocationPolicy): LocationVerdict {
  if (!URL.canParse(location)) return { ok: false, reason: 'LOCATION is not a URL' };
  const url = new URL(location);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, reason: 'LOCATION is not http(s)' };
  if (url.username || url.password) return { ok: false, reason: 'LOCATION carries credentials' };
  const from = bareV4(responder);
  const loopbackOk = policy.allowLoopback && isLoopback(from);
  if (!isPrivateV4(from) && !loopbackOk) {
    return {
      ok: false,
      reason: isLoopback(from)
        ? 'the answer came from loopback, which is only allowed in tests'
        : `the responder ${from} is not on a private network`,
    };
  }
  if (url.hostname !== from) {
    return { ok: false, reason: `LOCATION points at ${url.hostname}, not at the responder ${from}` };
  }
  return { ok: true, url };
}

/** Control and event URLs from a description must stay on the host whose description we read. */
export function sameHost(url: string, location: URL): boolean {
  if (!URL.canParse(url)) return false;
  const u = new URL(url);
  return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname === location.hostname && !u.username;
}
