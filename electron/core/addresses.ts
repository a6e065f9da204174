/**
 * Address helpers shared by the IP and router services and the redirect policy (address-class.ts).
 * One place for the IPv4 ranges. Pure functions, no I/O.
 */
import { isIP } from 'node:net';
import type { IpFamily } from '../../shared/model';

export function ipFamily(text: string): IpFamily | null {
  const family = isIP(text);
  return family === 4 || family === 6 ? family : null;
}

function v4ToInt(ip: string): number {
  return ip.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
}

/** Whether an IPv4 literal lies in base/bits. */
export function inV4Range(ip: string, base: string, bits: number): boolean {
  const mask = bits === 0 ? 0 : 2 ** 32 - 2 ** (32 - bits);
  return (v4ToInt(ip) & mask) >>> 0 === (v4ToInt(base) & mask) >>> 0;
}

/** RFC 1918 home-network ranges (and link-local), where a home router lives. */
export function isPrivateV4(ip: string): boolean {
  if (ipFamily(ip) !== 4) return false;
  return (
    inV4Range(ip, '10.0.0.0', 8) ||
    inV4Range(ip, '172.16.0.0', 12) ||
    inV4Range(ip, '192.168.0.0', 16) ||
    inV4Range(ip, '169.254.0.0', 16)
  );
}

/** Carrier-grade NAT shared space (RFC 6598): the ISP's NAT, not ours. */
export function isCgnatV4(ip: string): boolean {
  return ipFamily(ip) === 4 && inV4Range(ip, '100.64.0.0', 10);
}

export function isLoopback(ip: string): boolean {
  if (ipFamily(ip) === 4) return inV4Range(ip, '127.0.0.0', 8);
  return ip === '::1' || ip.startsWith('::ffff:127.');
}

/** An address that is routable on the public internet (not private, CGNAT, loopback or reserved). */
export function isPublicV4(ip: string): boolean {
  if (ipFamily(ip) !== 4) return false;
  return !(
    isPrivateV4(ip) ||
    isCgnatV4(ip) ||
    isLoopback(ip) ||
    inV4Range(ip, '0.0.0.0', 8) ||
    inV4Range(ip, '224.0.0.0', 3)
  );
}
