/**
 * Windows: the user's WinINet proxy in `HKCU\Software\Microsoft\Windows\CurrentVersion\Internet Settings`
 * through `reg.exe` (ProxyEnable, ProxyServer, ProxyOverride, AutoConfigURL). "Automatically detect
 * settings" lives only in the `Connections\DefaultConnectionSettings` blob (flag 0x08 of byte 8): it is
 * read and reported, never written — rewriting that binary blob is riskier than what it buys. WinHTTP
 * (`netsh winhttp show proxy`, the machine-wide proxy services use) is reported read-only.
 *
 * `off` sets ProxyEnable to 0 and removes AutoConfigURL; the backup keeps the exact previous value and
 * type of each of the four values (or that it was absent), and the restorer writes them back.
 */
import type { ProxyReport, ProxyServer } from '../../../shared/model';
import { sentences } from '../../../shared/text';
import { AppFailure } from '../../core/errors';
import type { Journal, JournalEntry } from '../journal';
import { type DriverDeps, type ProxyDriver, type ProxySettings, portOf, report } from './types';

export const WINDOWS_KIND = 'proxy-windows';
export const INTERNET_SETTINGS = 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings';
const CONNECTIONS = `${INTERNET_SETTINGS}\\Connections`;
const NAMES = ['ProxyEnable', 'ProxyServer', 'ProxyOverride', 'AutoConfigURL'] as const;
const TYPES = new Set(['REG_SZ', 'REG_DWORD', 'REG_EXPAND_SZ', 'REG_BINARY', 'REG_QWORD', 'REG_MULTI_SZ']);
const MAX_LINES = 500;

export interface RegValue {
  type: string;
  data: string;
}

/**
 * `reg query KEY` output: the key's own values (4-space indent, `Name    TYPE    data`) until the first
 * subkey line. Names may contain spaces, so the type is found as a whole word between runs of spaces.
 */
export function parseRegQuery(stdout: string): Map<string, RegValue> {
  const values = new Map<string, RegValue>();
  let seenKey = false;
  for (const raw of stdout.split('\n', MAX_LINES)) {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') continue;
    if (!line.startsWith('    ')) {
      if (seenKey) break;
      seenKey = true;
      continue;
    }
    const body = line.slice(4, 4 + 8192);
    for (const type of TYPES) {
      const at = body.indexOf(`    ${type}`);
      if (at === -1) continue;
      const after = body.slice(at + 4 + type.length);
      if (after !== '' && !after.startsWith('    ')) continue;
      values.set(body.slice(0, at), { type, data: after.slice(4) });
      break;
    }
  }
  return values;
}

/** `10.0.0.1:3128`, or `http=h:p;https=h:p;socks=h:p`. */
export function parseProxyServer(value: string): ProxyServer[] {
  const out: ProxyServer[] = [];
  for (const part of value.split(';', 20)) {
    const p = part.trim();
    if (!p) continue;
    const eq = p.indexOf('=');
    const kindText = eq === -1 ? 'all' : p.slice(0, eq).toLowerCase();
    const kind: ProxyServer['kind'] | null =
      kindText === 'all' || kindText === 'http' || kindText === 'https' || kindText === 'ftp' || kindText === 'socks'
        ? kindText
        : null;
    if (!kind) continue;
    const addr = eq === -1 ? p : p.slice(eq + 1);
    const colon = addr.lastIndexOf(':');
    const port = colon === -1 ? null : portOf(addr.slice(colon + 1));
    out.push({ kind, host: port === null ? addr : addr.slice(0, colon), port });
  }
  return out;
}

function dword(v: RegValue | undefined): number {
  if (v?.type !== 'REG_DWORD') return 0;
  const n = Number.parseInt(v.data, 16);
  return Number.isFinite(n) ? n : 0;
}

/** Flag 0x08 of byte 8 of `DefaultConnectionSettings`: "Automatically detect settings". */
export function autoDetectOf(connections: Map<string, RegValue>): boolean {
  const blob = connections.get('DefaultConnectionSettings');
  if (blob?.type !== 'REG_BINARY' || blob.data.length < 18) return false;
  const flags = Number.parseInt(blob.data.slice(16, 18), 16);
  return Number.isFinite(flags) && (flags & 0x08) !== 0;
}

export function windowsReport(values: Map<string, RegValue>, autoDetect: boolean): ProxyReport {
  const pac = values.get('AutoConfigURL')?.data.trim() || null;
  const enabled = dword(values.get('ProxyEnable')) !== 0;
  const servers = enabled ? parseProxyServer(values.get('ProxyServer')?.data ?? '') : [];
  const ignoreHosts = (values.get('ProxyOverride')?.data ?? '')
    .split(';', 200)
    .map((h) => h.trim())
    .filter(Boolean);
  const mode = servers.length > 0 ? 'manual' : pac || autoDetect ? 'auto' : 'none';
  return report('windows', 'Windows settings', { mode, servers, pacUrl: pac, autoDetect, ignoreHosts });
}

/** `netsh winhttp show proxy`: "Direct access (no proxy server)." or the server and bypass list. */
export function parseWinHttp(stdout: string): ProxyReport {
  let servers: ProxyServer[] = [];
  let ignoreHosts: string[] = [];
  for (const raw of stdout.split('\n', 100)) {
    const line = raw.trim();
    const colon = line.indexOf(':');
    if (colon === -1) continue;
    const label = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (label.startsWith('proxy server')) servers = parseProxyServer(value);
    if (label.startsWith('bypass list'))
      ignoreHosts = value
        .split(';', 200)
        .map((h) => h.trim())
        .filter(Boolean);
  }
  return report('winhttp', 'WinHTTP (services)', {
    mode: servers.length > 0 ? 'manual' : 'none',
    servers,
    ignoreHosts,
    readOnly: true,
  });
}

export function createWindowsDriver(deps: DriverDeps): ProxyDriver {
  const reg = (args: string[]) => deps.run('reg', args, { env: deps.env, timeoutMs: 10_000 });
  const query = async (key: string): Promise<Map<string, RegValue>> => {
    const r = await reg(['query', key]);
    // Exit 1: the key does not exist (a fresh profile): no values.
    if (r.code !== 0 && r.code !== 1)
      throw new AppFailure('proxy-tool-failed', 'The Windows proxy settings could not be read.');
    return r.code === 0 ? parseRegQuery(r.stdout) : new Map();
  };
  const failed = () =>
    new AppFailure('proxy-not-saved', sentences('The Windows proxy setting did not change when Access Doctor set it'));
  return {
    source: 'windows',
    async read() {
      const values = await query(INTERNET_SETTINGS);
      const autoDetect = autoDetectOf(await query(CONNECTIONS));
      const reports = [windowsReport(values, autoDetect)];
      try {
        const w = await deps.run('netsh', ['winhttp', 'show', 'proxy'], { env: deps.env, timeoutMs: 10_000 });
        if (w.code === 0) reports.push(parseWinHttp(w.stdout));
      } catch {
        // netsh missing: WinHTTP is only ever reported.
      }
      return reports;
    },
    async backup(journal: Journal, description: string): Promise<JournalEntry> {
      const values = await query(INTERNET_SETTINGS);
      const previous: Record<string, RegValue | null> = {};
      for (const name of NAMES) previous[name] = values.get(name) ?? null;
      return journal.backupSettings(WINDOWS_KIND, description, { values: previous });
    },
    async write(settings: ProxySettings) {
      const plan = windowsWrites(settings);
      for (const [name, value] of plan) await setValue(reg, name, value);
      const after = await query(INTERNET_SETTINGS);
      for (const [name, value] of plan) {
        const now = after.get(name) ?? null;
        if (
          (now === null) !== (value === null) ||
          (now && value && (now.data !== value.data || now.type !== value.type))
        )
          throw failed();
      }
    },
  };
}

/** What `write` sets (null: removes the value). */
export function windowsWrites(s: ProxySettings): [string, RegValue | null][] {
  if (s.mode === 'none')
    return [
      ['ProxyEnable', { type: 'REG_DWORD', data: '0x0' }],
      ['AutoConfigURL', null],
    ];
  if (s.mode === 'auto') {
    return [
      ['ProxyEnable', { type: 'REG_DWORD', data: '0x0' }],
      ['AutoConfigURL', s.pacUrl ? { type: 'REG_SZ', data: s.pacUrl } : null],
    ];
  }
  const server = (s.servers ?? [])
    .map((x) => `${x.kind === 'all' ? '' : `${x.kind}=`}${x.host}${x.port ? `:${x.port}` : ''}`)
    .join(';');
  const out: [string, RegValue | null][] = [
    ['ProxyEnable', { type: 'REG_DWORD', data: '0x1' }],
    ['ProxyServer', { type: 'REG_SZ', data: server }],
    ['AutoConfigURL', null],
  ];
  if (s.ignoreHosts) out.push(['ProxyOverride', { type: 'REG_SZ', data: s.ignoreHosts.join(';') }]);
  return out;
}

type Reg = (args: string[]) => ReturnType<DriverDeps['run']>;

async function setValue(reg: Reg, name: string, value: RegValue | null): Promise<void> {
  if (value === null) {
    // Exit 1 when the value is already absent: that is the wanted state.
    await reg(['delete', INTERNET_SETTINGS, '/v', name, '/f']);
    return;
  }
  const data = value.type === 'REG_DWORD' ? String(Number.parseInt(value.data, 16)) : value.data;
  const r = await reg(['add', INTERNET_SETTINGS, '/v', name, '/t', value.type, '/d', data, '/f']);
  if (r.code !== 0) throw new AppFailure('proxy-not-saved', 'The Windows proxy setting could not be changed.');
}

export function windowsRestorer(deps: DriverDeps) {
  const reg: Reg = (args) => deps.run('reg', args, { env: deps.env, timeoutMs: 10_000 });
  return async (previous: Record<string, unknown>): Promise<void> => {
    const values = previous.values;
    if (typeof values !== 'object' || values === null) {
      throw new AppFailure('proxy-backup-damaged', 'The saved Windows proxy settings are damaged.');
    }
    // Every value is checked before the first is written: a damaged backup changes nothing.
    const plan: [string, RegValue | null][] = [];
    for (const name of NAMES) {
      const v: unknown = (values as Record<string, unknown>)[name];
      if (v === null || v === undefined) plan.push([name, null]);
      else if (isRegValue(v)) plan.push([name, v]);
      else throw new AppFailure('proxy-backup-damaged', 'The saved Windows proxy settings are damaged.');
    }
    for (const [name, value] of plan) await setValue(reg, name, value);
  };
}

function isRegValue(v: unknown): v is RegValue {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return typeof r.type === 'string' && TYPES.has(r.type) && typeof r.data === 'string';
}
