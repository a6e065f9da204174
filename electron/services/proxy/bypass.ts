/**
 * The hosts a proxy setting sends around the proxy (GNOME `ignore-hosts`, KDE `NoProxyFor`, Windows
 * `ProxyOverride`, macOS exceptions, `no_proxy`), so the comparison and the CLI's proxy transport go
 * direct where the user's browser would, and a refusal from such a site is never blamed on the proxy.
 *
 * Each place writes the list in its own syntax:
 * - GNOME (GLib's GSimpleProxyResolver documents it for `ignore-hosts`), KDE and `no_proxy`: a name
 *   (`example.com`, `.example.com` or `*.example.com`) matches that host and every subdomain, on a
 *   label boundary (`notexample.com` never); `name:port` only for that port; an IP address only itself;
 *   `base/prefix` a range of addresses; `*` (no_proxy) everything.
 * - Windows and macOS: shell-style patterns where `*` stands for any run of characters
 *   (`*.example.com`, `192.168.*`); Windows' `<local>` is every name without a dot; macOS writes ranges
 *   as `169.254/16`.
 * A name rule never matches an address and an address rule never a name (as GLib says: nothing is
 * resolved). Matching is plain string work with bounded lengths: no regular expression, nothing that
 * can backtrack without limit. Chromium also skips the proxy for loopback by itself; that is not
 * copied here, because every site the app checks is a public one (and the test world lives on loopback).
 */
import { BlockList, isIP } from 'node:net';
import type { ProxyReport, ProxySource, ProxyStatus } from '../../../shared/model';

/** Longer entries are not host patterns; they are skipped rather than matched slowly. */
const MAX_ENTRY = 255;
const MAX_ENTRIES = 200;

type Rule =
  | { kind: 'all'; entry: string }
  | { kind: 'suffix'; entry: string; name: string; port: number | null }
  | { kind: 'glob'; entry: string; pattern: string }
  | { kind: 'local'; entry: string }
  | { kind: 'address'; entry: string; list: BlockList };

export interface BypassList {
  /** The entry that sends `url` around the proxy, as the user wrote it, or null when the proxy is used. */
  match(url: string | URL): string | null;
}

/** The host of a URL without brackets, lower case, without a trailing dot. */
function hostOf(url: URL): string {
  const h = url.hostname.toLowerCase();
  const bare = h.startsWith('[') && h.endsWith(']') ? h.slice(1, -1) : h;
  return bare.endsWith('.') ? bare.slice(0, -1) : bare;
}

function portOfUrl(url: URL): number {
  if (url.port !== '') return Number(url.port);
  return url.protocol === 'https:' ? 443 : 80;
}

/** `10.0.0.0/8`, `fe80::/10`, `169.254/16` (macOS), or a single address: a BlockList, else null. */
function addressRule(text: string, shortIpv4: boolean): BlockList | null {
  const slash = text.indexOf('/');
  let base = slash === -1 ? text : text.slice(0, slash);
  if (base.startsWith('[') && base.endsWith(']')) base = base.slice(1, -1);
  const prefixText = slash === -1 ? '' : text.slice(slash + 1);
  if (shortIpv4 && slash !== -1 && isIP(base) === 0) {
    const parts = base.split('.');
    if (
      parts.length < 4 &&
      parts.every((p) => p !== '' && p.length <= 3 && [...p].every((c) => c >= '0' && c <= '9'))
    ) {
      base = [...parts, '0', '0', '0'].slice(0, 4).join('.');
    }
  }
  const family = isIP(base);
  if (family === 0) return null;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  const list = new BlockList();
  if (slash === -1) {
    list.addAddress(base, type);
    return list;
  }
  if (prefixText === '' || prefixText.length > 3 || ![...prefixText].every((c) => c >= '0' && c <= '9')) return null;
  const prefix = Number(prefixText);
  if (prefix > (family === 4 ? 32 : 128)) return null;
  list.addSubnet(base, prefix, type);
  return list;
}

/** GLib/curl style: `name`, `.name`, `*.name`, `name:port`, an address or a range, `*`. */
function suffixRule(entry: string): Rule | null {
  const e = entry.toLowerCase();
  if (e === '*') return { kind: 'all', entry };
  const address = addressRule(e, false);
  if (address) return { kind: 'address', entry, list: address };
  // `[::1]:443` and `10.0.0.1:80`: an address with a port counts as that address (the port is rare on IPs).
  const bracketed = e.startsWith('[') ? e.indexOf(']') : -1;
  if (bracketed > 0) {
    const inner = addressRule(e.slice(1, bracketed), false);
    return inner ? { kind: 'address', entry, list: inner } : null;
  }
  let name = e;
  let port: number | null = null;
  const colon = name.lastIndexOf(':');
  if (colon !== -1) {
    const p = name.slice(colon + 1);
    if (p === '' || p.length > 5 || ![...p].every((c) => c >= '0' && c <= '9')) return null;
    port = Number(p);
    name = name.slice(0, colon);
    const withPort = addressRule(name, false);
    if (withPort) return { kind: 'address', entry, list: withPort };
  }
  if (name.startsWith('*.')) name = name.slice(2);
  else if (name.startsWith('.')) name = name.slice(1);
  if (name.endsWith('.')) name = name.slice(0, -1);
  if (name === '' || name.includes('*') || name.includes('/')) return null;
  return { kind: 'suffix', entry, name, port };
}

/** Windows/macOS style: `*` wildcards, `<local>`, ranges (`169.254/16`). */
function globRule(entry: string, source: ProxySource): Rule | null {
  let e = entry.toLowerCase();
  if (source === 'windows' || source === 'winhttp') {
    if (e === '<local>') return { kind: 'local', entry };
    // Windows accepts `http://host` in the list; the scheme does not narrow anything we probe.
    const sep = e.indexOf('://');
    if (sep !== -1) e = e.slice(sep + 3);
  }
  if (e === '*') return { kind: 'all', entry };
  if (!e.includes('*')) {
    const address = addressRule(e, source === 'macos');
    if (address) return { kind: 'address', entry, list: address };
  }
  if (e.endsWith('.')) e = e.slice(0, -1);
  return e === '' ? null : { kind: 'glob', entry, pattern: e };
}

/**
 * `*` matches any run of characters. Greedy with one resume point (the last star): at most
 * |pattern| × |text| steps, and both are capped at 255 characters.
 */
export function globMatch(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      resume = t;
    } else if (p < pattern.length && pattern[p] === text[t]) {
      p++;
      t++;
    } else if (star !== -1) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

function matches(rule: Rule, host: string, family: number, port: number): boolean {
  switch (rule.kind) {
    case 'all':
      return true;
    case 'address':
      return family !== 0 && rule.list.check(host, family === 4 ? 'ipv4' : 'ipv6');
    case 'local':
      return family === 0 && !host.includes('.');
    case 'suffix':
      if (family !== 0) return false;
      if (rule.port !== null && rule.port !== port) return false;
      return host === rule.name || (host.length > rule.name.length && host.endsWith(`.${rule.name}`));
    case 'glob':
      // An address is matched by its text too: Windows' `192.168.*` is written that way.
      return globMatch(rule.pattern, host);
  }
}

/** The list of one proxy setting, in its place's syntax. Entries it cannot read are skipped. */
export function bypassList(source: ProxySource, entries: readonly string[]): BypassList {
  const glob = source === 'windows' || source === 'winhttp' || source === 'macos';
  const rules: Rule[] = [];
  for (const raw of entries.slice(0, MAX_ENTRIES)) {
    const entry = raw.trim();
    if (entry === '' || entry.length > MAX_ENTRY) continue;
    const rule = glob ? globRule(entry, source) : suffixRule(entry);
    if (rule) rules.push(rule);
  }
  return {
    match(url) {
      let parsed: URL;
      try {
        parsed = typeof url === 'string' ? new URL(url) : url;
      } catch {
        return null;
      }
      const host = hostOf(parsed);
      if (host === '' || host.length > MAX_ENTRY) return null;
      const family = isIP(host);
      const port = portOfUrl(parsed);
      return rules.find((r) => matches(r, host, family, port))?.entry ?? null;
    },
  };
}

/**
 * The list that applies to one report. macOS's per-service reads carry no exceptions; the effective
 * dictionary (`scutil --proxy`) does, and it is the same list the system applies to that service.
 */
export function bypassListOf(report: ProxyReport, status?: ProxyStatus): BypassList {
  if (report.source === 'macos' && report.ignoreHosts.length === 0 && status) {
    const effective = status.reports.find((r) => r.source === 'macos' && r.readOnly);
    if (effective) return bypassList('macos', effective.ignoreHosts);
  }
  return bypassList(report.source, report.ignoreHosts);
}
