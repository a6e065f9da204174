/** What each site's answer means, in plain words. Pure, so every wording is unit-tested. */
import type { AccessResult, EdgeVendor, Finding } from '../../../shared/model';
import { formatWait, host, sentences } from '../../../shared/text';

const CODE_MEANING: Record<number, string> = {
  1005: 'the site blocks the network (ASN) your address belongs to',
  1006: 'the site has banned your IP address',
  1007: 'the site has banned your IP address',
  1008: 'the site has banned your IP address',
  1009: 'the site does not accept visitors from your country or region',
  1010: "the site blocks your browser's signature (often an extension or automation)",
  1012: 'the site refuses access from your address',
  1015: 'you sent too many requests and are rate limited for a while',
  1020: 'a firewall rule of the site matched your request (IP address, VPN, proxy or browser)',
};

export const VENDOR_NAME: Record<EdgeVendor, string> = {
  cloudflare: 'Cloudflare',
  akamai: 'Akamai',
  cloudfront: 'Amazon CloudFront',
  imperva: 'Imperva (Incapsula)',
  datadome: 'DataDome',
  perimeterx: 'HUMAN (PerimeterX)',
  sucuri: 'Sucuri',
  'ddos-guard': 'DDoS-Guard',
};

/** The vendor that answered: named by the classifier, or Cloudflare when its headers or code say so. */
export function vendorOf(r: AccessResult): string | null {
  if (r.vendor) return VENDOR_NAME[r.vendor];
  return r.viaCloudflare || r.cloudflareCode ? 'Cloudflare' : null;
}

export function accessFindings(access: AccessResult[] | undefined, ip: string | undefined): Finding[] {
  const ipFacts = ip ? [{ label: 'Your public IP', value: ip, copy: true }] : [];
  return (access ?? []).map((r) => accessFinding(r, ipFacts));
}

function accessFinding(r: AccessResult, ipFacts: NonNullable<Finding['facts']>): Finding {
  const site = host(r.target);
  const id = `${r.verdict}:${r.target}`;
  const ray = r.rayId ? [{ label: 'Ray ID', value: r.rayId, copy: true }] : [];
  const vendor = vendorOf(r);
  switch (r.verdict) {
    case 'blocked': {
      const code = r.cloudflareCode;
      return {
        id,
        kind: 'blocked',
        severity: 'problem',
        title: sentences(
          vendor
            ? `Blocked by ${vendor}${code ? ` (error ${code})` : ''} at ${site}`
            : `${site} refuses access (HTTP ${r.httpStatus ?? 403})`,
        ),
        detail: sentences(
          code && CODE_MEANING[code] ? `Cloudflare says ${CODE_MEANING[code]}` : 'The site refuses your request',
          r.rayId && 'Quote the Ray ID if you contact the site',
        ),
        facts: [...ray, ...(code ? [{ label: 'Error code', value: String(code) }] : []), ...ipFacts],
      };
    }
    case 'rate-limited':
      return {
        id,
        kind: 'rate-limited',
        severity: 'problem',
        title: sentences(`Rate limited${r.cloudflareCode ? ` (error ${r.cloudflareCode})` : ''} at ${site}`),
        detail: sentences(
          'Too many requests came from your address',
          // A Retry-After of 0 (or a date just past) asks for no wait worth naming: say what the plan says.
          r.retryAfterSeconds
            ? `The site asks to wait ${formatWait(r.retryAfterSeconds)}`
            : 'Waiting a few minutes usually lifts it',
        ),
        facts: [...ray, ...ipFacts],
      };
    case 'challenge':
      return {
        id,
        kind: 'challenge',
        severity: 'info',
        title: sentences(`${site} asks for a browser check`),
        detail: sentences(
          'This is a challenge, not a block',
          'A person passes it in a browser: open the site and let the check finish',
        ),
        facts: ray,
      };
    case 'down':
      return {
        id,
        kind: 'site-down',
        severity: 'warning',
        title: sentences(
          `${site} is having trouble (HTTP ${r.httpStatus ?? 'error'}${r.cloudflareCode ? `, error ${r.cloudflareCode}` : ''})`,
        ),
        detail: sentences('The site itself answers with an error', 'This is not about your connection'),
        facts: ray,
      };
    case 'unreachable':
      if (r.error?.code === 'net-blocked-by-policy') {
        return {
          id,
          kind: 'unreachable',
          severity: 'warning',
          title: sentences(`Access Doctor did not follow where ${site} sent it`),
          detail: sentences(
            r.error.message,
            'If that address is yours (a test server, a router page), add it to the sites in the config',
          ),
        };
      }
      return {
        id,
        kind: 'unreachable',
        severity: 'problem',
        title: sentences(`Cannot reach ${site}`),
        detail: sentences(r.error?.message ?? 'The connection failed'),
      };
    default:
      return {
        id,
        kind: 'reachable',
        severity: 'good',
        title: sentences(`${site} is reachable`),
        detail: sentences(`It answered HTTP ${r.httpStatus ?? 200} in ${r.elapsedMs} ms`),
      };
  }
}
