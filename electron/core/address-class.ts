/**
 * Where an address points: this computer, the local link, a private network, or the internet.
 * The redirect policy in `http.ts` uses it to refuse a public site sending us to a local one.
 *
 * Classification is by the literal in the URL only: this layer does no DNS, so a public-looking
 * name that resolves to a private address is classed `public`. That is the honest limit of a
 * check made before connecting; the proxy and the OS resolver decide the rest.
 */
import { isIPv4, isIPv6 } from 'node:net';
import { inV4Range, isLoopback, isPrivateV4 } from './addresses';

export type AddressClass = 'loopback' | 'link-local' | 'private' | 'public';

/** Classifies a URL's host (`URL.hostname`: IPv6 in brackets, IPv4 already normalised by WHATWG URL). */
export function classifyHost(hostname: string): AddressClass {
  let host = hostname.toLowerCase();
  if (host.endsWith('.')) host = host.slice(0, -1);
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  if (host === 'localhost' || host.endsWith('.localhost')) return 'loopback';
  if (isIPv4(host)) return classifyV4(host);
  if (isIPv6(host)) return classifyV6(host);
  return 'public';
}

function v4Octets(ip: string): number[] {
  return ip.split('.').map(Number);
}

function classifyV4(ip: string): AddressClass {
  // 0.0.0.0/8 ("this network") reaches this computer on most systems.
  if (isLoopback(ip) || inV4Range(ip, '0.0.0.0', 8)) return 'loopback';
  if (inV4Range(ip, '169.254.0.0', 16)) return 'link-local';
  // isPrivateV4 counts link-local as private too; link-local was answered above.
  if (isPrivateV4(ip)) return 'private';
  return 'public';
}

function classifyV6(ip: string): AddressClass {
  const groups = v6Groups(ip);
  if (!groups) return 'public';
  const zeroUntil = (n: number) => groups.slice(0, n).every((g) => g === 0);
  // ::ffff:a.b.c.d and the deprecated ::a.b.c.d carry an IPv4 address.
  if (zeroUntil(5) && (groups[5] === 0xffff || groups[5] === 0)) {
    const hi = groups[6] ?? 0;
    const lo = groups[7] ?? 0;
    if (groups[5] === 0 && hi === 0) return lo <= 1 ? 'loopback' : 'public'; // :: and ::1
    return classifyV4(`${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}`);
  }
  const first = groups[0] ?? 0;
  if ((first & 0xffc0) === 0xfe80) return 'link-local';
  if ((first & 0xfe00) === 0xfc00) return 'private';
  return 'public';
}

/** Eight 16-bit groups of a valid IPv6 literal (as `isIPv6` accepts it), zone id dropped. */
function v6Groups(ip: string): number[] | null {
  const bare = ip.split('%')[0] ?? '';
  const halves = bare.split('::');
  if (halves.length > 2) return null;
  const parse = (part: string): number[] => {
    if (part === '') return [];
    const out: number[] = [];
    for (const piece of part.split(':')) {
      if (piece.includes('.')) {
        const [a = 0, b = 0, c = 0, d = 0] = v4Octets(piece);
        out.push((a << 8) | b, (c << 8) | d);
      } else {
        out.push(Number.parseInt(piece, 16));
      }
    }
    return out;
  };
  const head = parse(halves[0] ?? '');
  const tail = halves.length === 2 ? parse(halves[1] ?? '') : [];
  const fill = 8 - head.length - tail.length;
  if (fill < 0 || (halves.length === 1 && fill !== 0)) return null;
  return [...head, ...new Array<number>(fill).fill(0), ...tail];
}
