/** What every proxy driver (one per platform, one file each) offers the proxy service. */
import type { ProxyMode, ProxyReport, ProxyServer, ProxySource } from '../../../shared/model';
import type { RunCommand } from '../../platform/exec';
import type { Journal, JournalEntry, SettingsRestorer } from '../journal';

/** What `apply` writes: a mode and, for manual, the servers; for auto, the PAC URL. */
export interface ProxySettings {
  mode: ProxyMode;
  servers?: ProxyServer[];
  pacUrl?: string | null;
  ignoreHosts?: string[];
}

export const PROXY_OFF: ProxySettings = { mode: 'none' };

/** The doors a driver uses: a command runner with the environment it runs tools in, and file reads. */
export interface DriverDeps {
  run: RunCommand;
  /** HOME, XDG_CONFIG_HOME, DBUS_SESSION_BUS_ADDRESS…: injectable so tests point the real tools at a temp dir. */
  env: NodeJS.ProcessEnv;
  readFile(path: string): Promise<string>;
}

export interface ProxyDriver {
  source: ProxySource;
  /** The settings as they are now; a report per place (macOS: one a network service). */
  read(): Promise<ProxyReport[]>;
  /** Records in the journal everything `write` may change, before it changes anything. */
  backup(journal: Journal, description: string): Promise<JournalEntry>;
  /** Writes the settings and reads them back; throws when they did not take. */
  write(settings: ProxySettings): Promise<void>;
}

/** Journal kind → restore(previous values), registered whatever the platform so any entry can be put back. */
export type ProxyRestorers = Record<string, SettingsRestorer>;

export function report(source: ProxySource, where: string, partial: Partial<ProxyReport>): ProxyReport {
  return {
    source,
    mode: 'none',
    servers: [],
    pacUrl: null,
    autoDetect: false,
    ignoreHosts: [],
    readOnly: false,
    where,
    ...partial,
  };
}

/** Keeps the environment's strings only (what execFile takes). */
export function toolEnv(env: NodeJS.ProcessEnv, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...env, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8', ...extra };
}

/** A port as written in a setting: 1–65535, or null. */
export function portOf(text: string): number | null {
  const t = text.trim();
  if (!/^[0-9]{1,5}$/.test(t)) return null;
  const n = Number(t);
  return n >= 1 && n <= 65535 ? n : null;
}

/** `http://10.0.0.1:3128` for a server, as the findings and the CLI show it. */
export function serverUrl(s: ProxyServer): string {
  const scheme = s.kind === 'socks' ? 'socks' : s.kind === 'ftp' ? 'ftp' : 'http';
  const sep = s.host.indexOf('://');
  const prefix = sep === -1 ? `${scheme}://` : s.host.slice(0, sep + 3);
  const bare = sep === -1 ? s.host : s.host.slice(sep + 3);
  const host = bare.includes(':') && !bare.startsWith('[') ? `[${bare}]` : bare;
  return `${prefix}${host}${s.port !== null ? `:${s.port}` : ''}`;
}
