/**
 * Parsers for what the OS tools print about routes, interfaces and VPN connections. The output is
 * untrusted: JSON goes through JSON.parse (linear) with a size cap and shape checks; text is split into
 * lines and read with indexOf, never with a regular expression that could backtrack.
 */
import type { TunnelInterface, TunnelKind, VpnConnection } from '../../../shared/model';

/** More than this is not a route or an interface list: refuse it rather than parse it. */
export const MAX_OUTPUT = 512 * 1024;
const MAX_NAME = 64;

export interface RouteDecision {
  interface: string | null;
  gateway: string | null;
  table: string | null;
}

function parseJson(text: string): unknown {
  if (text.length > MAX_OUTPUT) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function str(v: unknown): string | null {
  return typeof v === 'string' && v.length > 0 && v.length <= MAX_NAME ? v : null;
}

/** Lines of a text, without their line ends. */
function lines(text: string): string[] {
  return text
    .slice(0, MAX_OUTPUT)
    .split('\n')
    .map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

// ---- Linux ----------------------------------------------------------------------------------

/** `ip -j route get ADDR`: `[{"dst":…,"gateway":…,"dev":"wg0","table":"51820",…}]`. */
export function parseIpRouteGet(text: string): RouteDecision | null {
  const value = parseJson(text);
  const first = Array.isArray(value) ? value[0] : undefined;
  if (!isRecord(first)) return null;
  const dev = str(first.dev);
  if (!dev) return null;
  const table = str(first.table);
  return { interface: dev, gateway: str(first.gateway), table: table === 'main' ? null : table };
}

const KIND_OF_INFO: Record<string, TunnelKind> = {
  tun: 'tun',
  wireguard: 'wireguard',
  ppp: 'ppp',
  vti: 'ipsec',
  vti6: 'ipsec',
  xfrm: 'ipsec',
  ipip: 'tun',
  gre: 'tun',
};

/** `ip -j -d link`: interfaces whose kernel kind (or name) is a tunnel's. */
export function parseIpLink(text: string): TunnelInterface[] {
  const value = parseJson(text);
  if (!Array.isArray(value)) return [];
  const out: TunnelInterface[] = [];
  for (const item of value.slice(0, 1024)) {
    if (!isRecord(item)) continue;
    const name = str(item.ifname);
    if (!name) continue;
    const info = isRecord(item.linkinfo) ? item.linkinfo : null;
    const infoKind = info ? str(info.info_kind) : null;
    const data = info && isRecord(info.info_data) ? info.info_data : null;
    // A tun device in tap mode is a tap: `info_data.type` says which.
    let kind: TunnelKind | null = infoKind ? (KIND_OF_INFO[infoKind] ?? null) : null;
    if (infoKind === 'tun' && data && data.type === 'tap') kind = 'tap';
    if (item.link_type === 'ppp') kind = 'ppp';
    const byName = tunnelByName(name);
    if (kind || byName) out.push({ name, kind: kind ?? byName?.kind ?? 'vpn', client: byName?.client ?? null });
  }
  return out;
}

// ---- Names VPN clients give their interfaces -------------------------------------------------

interface NameRule {
  /** Exact name, or a prefix when it ends with `*`. */
  pattern: string;
  kind: TunnelKind;
  client: string | null;
}

const NAME_RULES: readonly NameRule[] = [
  { pattern: 'CloudflareWARP', kind: 'wireguard', client: 'Cloudflare WARP' },
  { pattern: 'NordLynx', kind: 'wireguard', client: 'NordVPN' },
  { pattern: 'nordtun', kind: 'tun', client: 'NordVPN' },
  { pattern: 'proton*', kind: 'wireguard', client: 'Proton VPN' },
  { pattern: 'pvpn*', kind: 'wireguard', client: 'Proton VPN' },
  { pattern: 'tailscale*', kind: 'wireguard', client: 'Tailscale' },
  { pattern: 'zt*', kind: 'tap', client: 'ZeroTier' },
  { pattern: 'mullvad*', kind: 'wireguard', client: 'Mullvad VPN' },
  { pattern: 'gpd*', kind: 'tun', client: 'GlobalProtect' },
  { pattern: 'cscotun*', kind: 'tun', client: 'Cisco Secure Client' },
  { pattern: 'Wintun*', kind: 'tun', client: null },
  { pattern: 'TAP-Windows*', kind: 'tap', client: 'OpenVPN' },
  { pattern: 'OpenVPN*', kind: 'tun', client: 'OpenVPN' },
  { pattern: 'WireGuard*', kind: 'wireguard', client: 'WireGuard' },
  // The generic prefixes last, so `TAP-Windows Adapter` reads as OpenVPN's before it reads as `tap*`.
  { pattern: 'wg*', kind: 'wireguard', client: null },
  { pattern: 'tun*', kind: 'tun', client: null },
  { pattern: 'tap*', kind: 'tap', client: null },
  { pattern: 'ppp*', kind: 'ppp', client: null },
  { pattern: 'utun*', kind: 'tun', client: null },
  { pattern: 'ipsec*', kind: 'ipsec', client: null },
];

function matches(name: string, pattern: string): boolean {
  const lower = name.toLowerCase();
  const p = pattern.toLowerCase();
  return p.endsWith('*') ? lower.startsWith(p.slice(0, -1)) : lower === p;
}

/** The tunnel a name (or a Windows adapter description) points to, or null for an ordinary interface. */
export function tunnelByName(name: string, description = ''): Omit<TunnelInterface, 'name'> | null {
  for (const rule of NAME_RULES) {
    if (matches(name, rule.pattern) || (description && matches(description, rule.pattern))) {
      return { kind: rule.kind, client: rule.client };
    }
  }
  return null;
}

// ---- macOS ----------------------------------------------------------------------------------

/** `route -n get ADDR`: `key: value` lines (`interface: utun3`, `gateway: 192.168.1.1`). */
export function parseRouteGet(text: string): RouteDecision | null {
  let iface: string | null = null;
  let gateway: string | null = null;
  for (const line of lines(text)) {
    const colon = line.indexOf(':');
    if (colon === -1) continue;
    const key = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (key === 'interface') iface = str(value);
    else if (key === 'gateway') gateway = str(value);
  }
  return iface ? { interface: iface, gateway, table: null } : null;
}

/** `ifconfig -l`: interface names on one line, separated by spaces. */
export function parseIfconfigList(text: string): TunnelInterface[] {
  const out: TunnelInterface[] = [];
  for (const name of text.slice(0, MAX_OUTPUT).split(/\s+/).slice(0, 1024)) {
    const n = str(name);
    const t = n ? tunnelByName(n) : null;
    if (n && t) out.push({ name: n, ...t });
  }
  return out;
}

/**
 * `scutil --nc list`: one line a VPN service, e.g.
 * `* (Connected)      6D3C…  PPP --> L2TP   "Office VPN"   [PPP:L2TP]`. Only connected ones are kept.
 */
export function parseScutilNcList(text: string): VpnConnection[] {
  const out: VpnConnection[] = [];
  for (const line of lines(text)) {
    const open = line.indexOf('(');
    const close = open === -1 ? -1 : line.indexOf(')', open);
    if (close === -1 || line.slice(open + 1, close) !== 'Connected') continue;
    const q1 = line.indexOf('"', close);
    const q2 = q1 === -1 ? -1 : line.indexOf('"', q1 + 1);
    const name = q2 === -1 ? null : str(line.slice(q1 + 1, q2));
    if (name) out.push({ driver: 'scutil', name, id: name, device: null });
  }
  return out;
}

// ---- Windows --------------------------------------------------------------------------------

/**
 * `Find-NetRoute -RemoteIPAddress ADDR | Select-Object … | ConvertTo-Json`: the local address and the
 * route, as an array of two objects (or one object). The route is the one with a DestinationPrefix.
 */
export function parseFindNetRoute(text: string): RouteDecision | null {
  const value = parseJson(text.trim());
  const items = Array.isArray(value) ? value : [value];
  const route = items.find((i) => isRecord(i) && str(i.DestinationPrefix)) ?? items.find(isRecord);
  if (!isRecord(route)) return null;
  const iface = str(route.InterfaceAlias);
  if (!iface) return null;
  const hop = str(route.NextHop);
  return { interface: iface, gateway: hop && hop !== '0.0.0.0' && hop !== '::' ? hop : null, table: null };
}

/** `Get-NetAdapter | Select-Object Name,InterfaceDescription | ConvertTo-Json`: the tunnel adapters. */
export function parseNetAdapters(text: string): TunnelInterface[] {
  const value = parseJson(text.trim());
  const items = Array.isArray(value) ? value : [value];
  const out: TunnelInterface[] = [];
  for (const item of items.slice(0, 1024)) {
    if (!isRecord(item)) continue;
    const name = str(item.Name);
    const t = name ? tunnelByName(name, str(item.InterfaceDescription) ?? '') : null;
    if (name && t) out.push({ name, ...t });
  }
  return out;
}

/** `rasdial` with no arguments: `Connected to` then one entry name a line, then `Command completed…`. */
export function parseRasdial(text: string): VpnConnection[] {
  const all = lines(text).map((l) => l.trim());
  const start = all.findIndex((l) => l.toLowerCase() === 'connected to');
  if (start === -1) return [];
  const out: VpnConnection[] = [];
  for (const line of all.slice(start + 1, start + 33)) {
    if (line === '' || line.toLowerCase().startsWith('command completed')) break;
    const name = str(line);
    if (name) out.push({ driver: 'rasdial', name, id: name, device: null });
  }
  return out;
}

// ---- NetworkManager -------------------------------------------------------------------------

/** One `nmcli -t` line into its fields: `:` separates, `\:` and `\\` are escaped characters. */
export function splitTerse(line: string): string[] {
  const fields: string[] = [];
  let current = '';
  for (let i = 0; i < line.length; i++) {
    const c = line.charAt(i);
    if (c === '\\' && i + 1 < line.length) {
      current += line.charAt(i + 1);
      i++;
    } else if (c === ':') {
      fields.push(current);
      current = '';
    } else current += c;
  }
  fields.push(current);
  return fields;
}

/** NetworkManager connection types that are a VPN. */
const NM_VPN_TYPES = new Set(['vpn', 'wireguard', 'tun', 'wireguard-vpn']);

/** `nmcli -t -f NAME,UUID,TYPE,DEVICE,STATE connection show --active`: the active VPN connections. */
export function parseNmcliActive(text: string): VpnConnection[] {
  const out: VpnConnection[] = [];
  for (const line of lines(text).slice(0, 1024)) {
    if (line.length > 1024) continue;
    const [name, uuid, type, device, state] = splitTerse(line);
    if (!name || !uuid || !type || !NM_VPN_TYPES.has(type)) continue;
    if (state && state !== 'activated' && state !== 'activating') continue;
    const n = str(name);
    const id = str(uuid);
    if (n && id) out.push({ driver: 'networkmanager', name: n, id, device: str(device) });
  }
  return out;
}
