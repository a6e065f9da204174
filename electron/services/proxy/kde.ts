/**
 * KDE Plasma 5: `kioslaverc`'s `[Proxy Settings]` through `kreadconfig5` / `kwriteconfig5`, then KIO's
 * reparse signal (best effort: without a session bus nothing listens). A missing key and an empty value
 * read alike unless a default is given, so every read passes a sentinel. A write re-sorts the file and
 * drops its comments, so the backup is the file's bytes and a restore puts them back.
 *
 * ProxyType: 0 none, 1 manual, 2 PAC URL, 3 automatic discovery (WPAD), 4 from environment variables.
 */
import { join } from 'node:path';
import type { ProxyReport, ProxyServer } from '../../../shared/model';
import { sentences } from '../../../shared/text';
import { AppFailure } from '../../core/errors';
import type { Journal, JournalEntry } from '../journal';
import { type DriverDeps, type ProxyDriver, type ProxySettings, portOf, report, toolEnv } from './types';

export const KDE_KIND = 'proxy-kde';
const GROUP = 'Proxy Settings';
const MISSING = '\u0001access-doctor-missing\u0001';
const WHERE = 'KDE settings';
const KEYS = {
  http: 'httpProxy',
  https: 'httpsProxy',
  ftp: 'ftpProxy',
  socks: 'socksProxy',
} as const;

export function kioslavercPath(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_CONFIG_HOME || join(env.HOME ?? '', '.config');
  return join(base, 'kioslaverc');
}

/** `http://10.0.0.1 3128` (how KDE writes it) or `http://10.0.0.1:3128` → host and port. Linear. */
export function parseKdeServer(kind: ProxyServer['kind'], value: string): ProxyServer | null {
  const v = value.trim().slice(0, 512);
  if (v === '') return null;
  const space = v.lastIndexOf(' ');
  if (space !== -1) return { kind, host: v.slice(0, space).trim(), port: portOf(v.slice(space + 1)) };
  const scheme = v.indexOf('://');
  const rest = scheme === -1 ? v : v.slice(scheme + 3);
  const colon = rest.lastIndexOf(':');
  if (colon !== -1 && !rest.endsWith(']')) {
    const port = portOf(rest.slice(colon + 1).replace(/\/$/, ''));
    if (port !== null) return { kind, host: v.slice(0, v.length - (rest.length - colon)), port };
  }
  return { kind, host: v.replace(/\/$/, ''), port: null };
}

export function kdeReport(values: Record<string, string | null>): ProxyReport {
  const type = values.ProxyType ?? '0';
  const ignoreHosts = (values.NoProxyFor ?? '')
    .split(',', 100)
    .map((h) => h.trim())
    .filter(Boolean);
  if (type === '2')
    return report('kde', WHERE, { mode: 'auto', pacUrl: values['Proxy Config Script'] || null, ignoreHosts });
  if (type === '3') return report('kde', WHERE, { mode: 'auto', autoDetect: true, ignoreHosts });
  if (type !== '1' && type !== '4') return report('kde', WHERE, { ignoreHosts });
  const servers: ProxyServer[] = [];
  for (const [kind, key] of Object.entries(KEYS) as [keyof typeof KEYS, string][]) {
    const value = values[key];
    // Type 4 names environment variables (httpProxy=http_proxy), not servers.
    if (type === '4' || !value) continue;
    const server = parseKdeServer(kind, value);
    if (server) servers.push(server);
  }
  return report('kde', type === '4' ? 'KDE settings (from environment variables)' : WHERE, {
    mode: 'manual',
    servers,
    ignoreHosts,
  });
}

export function createKdeDriver(deps: DriverDeps): ProxyDriver {
  const env = toolEnv(deps.env);
  const readKey = async (key: string): Promise<string | null> => {
    const r = await deps.run(
      'kreadconfig5',
      ['--file', 'kioslaverc', '--group', GROUP, '--key', key, '--default', MISSING],
      {
        env,
        maxBuffer: 64 * 1024,
      },
    );
    if (r.code !== 0) throw new AppFailure('proxy-tool-failed', 'The KDE proxy settings could not be read.');
    const value = r.stdout.replace(/\n$/, '');
    return value === MISSING ? null : value;
  };
  const writeKey = async (key: string, value: string) => {
    const r = await deps.run('kwriteconfig5', ['--file', 'kioslaverc', '--group', GROUP, '--key', key, value], { env });
    if (r.code !== 0 || (await readKey(key)) !== value) {
      throw new AppFailure(
        'proxy-not-saved',
        sentences(
          'The KDE proxy setting did not change when Access Doctor set it',
          'Change it in System Settings, Network, Proxy instead',
        ),
      );
    }
  };
  return {
    source: 'kde',
    async read() {
      const values: Record<string, string | null> = {};
      for (const key of ['ProxyType', 'NoProxyFor', 'Proxy Config Script', ...Object.values(KEYS)]) {
        values[key] = await readKey(key);
      }
      return [kdeReport(values)];
    },
    backup(journal: Journal, description: string): Promise<JournalEntry> {
      return journal.backupFiles(KDE_KIND, description, [kioslavercPath(deps.env)], { notify: true });
    },
    async write(settings: ProxySettings) {
      if (settings.mode === 'manual') {
        for (const [kind, key] of Object.entries(KEYS) as [keyof typeof KEYS, string][]) {
          const s = settings.servers?.find((x) => x.kind === kind || (x.kind === 'all' && kind !== 'socks'));
          await writeKey(
            key,
            s
              ? `${/^[a-z]+:\/\//.test(s.host) ? '' : `${kind === 'socks' ? 'socks' : 'http'}://`}${s.host}${s.port ? ` ${s.port}` : ''}`
              : '',
          );
        }
      }
      if (settings.mode === 'auto' && settings.pacUrl) await writeKey('Proxy Config Script', settings.pacUrl);
      if (settings.ignoreHosts) await writeKey('NoProxyFor', settings.ignoreHosts.join(','));
      await writeKey(
        'ProxyType',
        settings.mode === 'none' ? '0' : settings.mode === 'manual' ? '1' : settings.pacUrl ? '2' : '3',
      );
      await notifyKio(deps);
    },
  };
}

/** Tells running KDE programs to read the proxy settings again. Best effort. */
export async function notifyKio(deps: DriverDeps): Promise<void> {
  try {
    await deps.run(
      'dbus-send',
      ['--type=signal', '/KIO/Scheduler', 'org.kde.KIO.Scheduler.reparseSlaveConfiguration', "string:''"],
      { env: toolEnv(deps.env), timeoutMs: 3000 },
    );
  } catch {
    // No dbus-send, or no bus: programs pick the settings up when they start.
  }
}

/** The journal puts the file's bytes back; this only tells KDE programs to read them. */
export function kdeRestorer(deps: DriverDeps) {
  return async (): Promise<void> => notifyKio(deps);
}
