/**
 * macOS: per enabled network service, `networksetup -getwebproxy / -getsecurewebproxy /
 * -getsocksfirewallproxy / -getautoproxyurl / -getproxyautodiscovery`; `scutil --proxy` for what the
 * system uses now. `off` turns each kind off with the matching `-set…state off` (servers stay as they
 * were, so a restore only turns back on what was on, service by service).
 */
import type { ProxyReport, ProxyServer } from '../../../shared/model';
import { AppFailure } from '../../core/errors';
import type { Journal, JournalEntry } from '../journal';
import { type DriverDeps, type ProxyDriver, type ProxySettings, portOf, report } from './types';

export const MACOS_KIND = 'proxy-macos';
const TOOL = '/usr/sbin/networksetup';
const MAX_SERVICES = 50;

/** `-listallnetworkservices`: the first line explains the asterisk; `*Name` is disabled. */
export function parseServices(stdout: string): string[] {
  return stdout
    .split('\n', MAX_SERVICES + 2)
    .slice(1)
    .map((l) => l.replace(/\r$/, ''))
    .filter((l) => l.trim() !== '' && !l.startsWith('*'))
    .slice(0, MAX_SERVICES);
}

/** `Key: value` lines (`Enabled: Yes`, `Server: 10.0.0.1`, `URL: (null)`, `Auto Proxy Discovery: On`). */
export function parseFields(stdout: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of stdout.split('\n', 50)) {
    const colon = line.indexOf(':');
    if (colon === -1) continue;
    out.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return out;
}

const on = (v: string | undefined) => v !== undefined && /^(yes|on|1)$/i.test(v);

export const KINDS = [
  { get: '-getwebproxy', set: '-setwebproxystate', kind: 'http' },
  { get: '-getsecurewebproxy', set: '-setsecurewebproxystate', kind: 'https' },
  { get: '-getsocksfirewallproxy', set: '-setsocksfirewallproxystate', kind: 'socks' },
] as const;

export interface ServiceState {
  http: boolean;
  https: boolean;
  socks: boolean;
  autoUrl: boolean;
  discovery: boolean;
}

export function createMacosDriver(deps: DriverDeps): ProxyDriver {
  const ns = async (args: string[]) => {
    const r = await deps.run(TOOL, args, { env: deps.env, timeoutMs: 10_000 });
    if (r.code !== 0)
      throw new AppFailure('proxy-tool-failed', 'The macOS proxy settings could not be read or changed.');
    return r.stdout;
  };
  const services = async () => parseServices(await ns(['-listallnetworkservices']));
  const readService = async (service: string) => {
    const servers: ProxyServer[] = [];
    const state: ServiceState = { http: false, https: false, socks: false, autoUrl: false, discovery: false };
    for (const k of KINDS) {
      const f = parseFields(await ns([k.get, service]));
      if (!on(f.get('enabled'))) continue;
      state[k.kind] = true;
      const host = f.get('server') ?? '';
      if (host) servers.push({ kind: k.kind, host, port: portOf(f.get('port') ?? '') });
    }
    const auto = parseFields(await ns(['-getautoproxyurl', service]));
    const url = auto.get('url');
    state.autoUrl = on(auto.get('enabled'));
    state.discovery = on(parseFields(await ns(['-getproxyautodiscovery', service])).get('auto proxy discovery'));
    const pacUrl = state.autoUrl && url && url !== '(null)' ? url : null;
    const mode = servers.length > 0 ? 'manual' : pacUrl || state.discovery ? 'auto' : 'none';
    return { state, report: report('macos', service, { mode, servers, pacUrl, autoDetect: state.discovery }) };
  };
  const stateOf = async () => {
    const out: Record<string, ServiceState> = {};
    for (const s of await services()) out[s] = (await readService(s)).state;
    return out;
  };
  return {
    source: 'macos',
    async read() {
      const reports: ProxyReport[] = [];
      for (const s of await services()) reports.push((await readService(s)).report);
      try {
        const effective = await deps.run('/usr/sbin/scutil', ['--proxy'], { env: deps.env, timeoutMs: 10_000 });
        if (effective.code === 0) reports.push(parseScutilProxy(effective.stdout));
      } catch {
        // scutil missing: the per-service settings say enough.
      }
      return reports;
    },
    async backup(journal: Journal, description: string): Promise<JournalEntry> {
      return journal.backupSettings(MACOS_KIND, description, { services: await stateOf() });
    },
    async write(settings: ProxySettings) {
      if (settings.mode !== 'none') {
        throw new AppFailure('proxy-unsupported', 'On macOS Access Doctor can only turn the proxy off.');
      }
      for (const s of await services())
        await setStates(ns, s, { http: false, https: false, socks: false, autoUrl: false, discovery: false });
      for (const [name, st] of Object.entries(await stateOf())) {
        if (Object.values(st).some(Boolean)) {
          throw new AppFailure(
            'proxy-not-saved',
            `The proxy of ${name} is still on after Access Doctor turned it off.`,
          );
        }
      }
    },
  };
}

async function setStates(ns: (args: string[]) => Promise<string>, service: string, st: ServiceState): Promise<void> {
  const word = (b: boolean) => (b ? 'on' : 'off');
  for (const k of KINDS) await ns([k.set, service, word(st[k.kind])]);
  await ns(['-setautoproxystate', service, word(st.autoUrl)]);
  await ns(['-setproxyautodiscovery', service, word(st.discovery)]);
}

/** `scutil --proxy`: the effective dictionary (`HTTPEnable : 1`, `HTTPProxy : 10.0.0.1`, …). */
export function parseScutilProxy(stdout: string): ProxyReport {
  const f = new Map<string, string>();
  const exceptions: string[] = [];
  let inExceptions = false;
  for (const raw of stdout.split('\n', 500)) {
    const line = raw.trim();
    if (line.startsWith('ExceptionsList')) {
      inExceptions = true;
      continue;
    }
    if (inExceptions) {
      if (line === '}') {
        inExceptions = false;
        continue;
      }
      const c = line.indexOf(' : ');
      if (c !== -1) exceptions.push(line.slice(c + 3));
      continue;
    }
    const c = line.indexOf(' : ');
    if (c !== -1) f.set(line.slice(0, c), line.slice(c + 3));
  }
  const servers: ProxyServer[] = [];
  for (const [kind, key] of [
    ['http', 'HTTP'],
    ['https', 'HTTPS'],
    ['socks', 'SOCKS'],
  ] as const) {
    if (f.get(`${key}Enable`) === '1' && f.get(`${key}Proxy`)) {
      servers.push({ kind, host: f.get(`${key}Proxy`) ?? '', port: portOf(f.get(`${key}Port`) ?? '') });
    }
  }
  const pacUrl = f.get('ProxyAutoConfigEnable') === '1' ? (f.get('ProxyAutoConfigURLString') ?? null) : null;
  const autoDetect = f.get('ProxyAutoDiscoveryEnable') === '1';
  const mode = servers.length > 0 ? 'manual' : pacUrl || autoDetect ? 'auto' : 'none';
  return report('macos', 'in effect now', {
    mode,
    servers,
    pacUrl,
    autoDetect,
    ignoreHosts: exceptions,
    readOnly: true,
  });
}

export function macosRestorer(deps: DriverDeps) {
  const ns = async (args: string[]) => {
    const r = await deps.run(TOOL, args, { env: deps.env, timeoutMs: 10_000 });
    if (r.code !== 0) throw new AppFailure('proxy-tool-failed', 'The macOS proxy settings could not be changed.');
    return r.stdout;
  };
  return async (previous: Record<string, unknown>): Promise<void> => {
    const services = previous.services;
    if (typeof services !== 'object' || services === null) {
      throw new AppFailure('proxy-backup-damaged', 'The saved macOS proxy settings are damaged.');
    }
    const known = new Set(parseServices(await ns(['-listallnetworkservices'])));
    for (const [name, raw] of Object.entries(services as Record<string, unknown>)) {
      if (!known.has(name) || typeof raw !== 'object' || raw === null) continue;
      const r = raw as Record<string, unknown>;
      await setStates(ns, name, {
        http: r.http === true,
        https: r.https === true,
        socks: r.socks === true,
        autoUrl: r.autoUrl === true,
        discovery: r.discovery === true,
      });
    }
  };
}
