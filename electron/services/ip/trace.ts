/** Parsers for public-IP echo answers. */
import type { IpFamily } from '../../../shared/model';
import { ipFamily } from '../../core/addresses';

export interface TraceFields {
  ip: string;
  family: IpFamily;
  loc?: string;
  colo?: string;
  warp?: string;
}

export type ParseResult = { ok: true; value: TraceFields } | { ok: false; reason: string };

const SAFE_VALUE = /^[\w.:-]{1,64}$/;

/** Cloudflare's `/cdn-cgi/trace`: `key=value` lines (`fl=`, `h=`, `ip=`, `ts=`, `loc=`, `colo=`, `warp=` …). */
export function parseCloudflareTrace(body: string): ParseResult {
  const fields = new Map<string, string>();
  for (const line of body.slice(0, 64 * 1024).split(/\r?\n/)) {
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    const key = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).trim();
    if (!fields.has(key)) fields.set(key, value);
  }
  const ip = fields.get('ip');
  if (!ip) return { ok: false, reason: 'the answer has no ip= line' };
  const family = ipFamily(ip);
  if (!family) return { ok: false, reason: `ip= is not an IP address: ${ip.slice(0, 60)}` };
  const optional = (key: string) => {
    const value = fields.get(key);
    return value && SAFE_VALUE.test(value) ? value : undefined;
  };
  return { ok: true, value: { ip, family, loc: optional('loc'), colo: optional('colo'), warp: optional('warp') } };
}

/** A plain-text echo (`203.0.113.7\n`). */
export function parsePlainIp(body: string): ParseResult {
  const text = body.trim();
  if (text.length > 64) return { ok: false, reason: 'the answer is not a bare IP address' };
  const family = ipFamily(text);
  if (!family) return { ok: false, reason: `not an IP address: ${text.slice(0, 60) || '(empty)'}` };
  return { ok: true, value: { ip: text, family } };
}
