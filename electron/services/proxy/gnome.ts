/**
 * GNOME (and Unity, Cinnamon, Budgie): `org.gnome.system.proxy` through `gsettings`, every write read
 * back with `dconf read` (without a session bus `gsettings set` exits 0 and changes nothing). The backup
 * is `dconf dump /system/proxy/`; a restore is `dconf reset -f` + `dconf load` of that dump, so keys that
 * were unset are unset again (setting a default value stores it, which is not the same).
 */
import type { ProxyReport, ProxyServer } from '../../../shared/model';
import { sentences } from '../../../shared/text';
import { AppFailure } from '../../core/errors';
import type { Journal, JournalEntry } from '../journal';
import { gStringArray, parseGVariant } from './gvariant';
import { type DriverDeps, type ProxyDriver, type ProxySettings, report, toolEnv } from './types';

export const GNOME_KIND = 'proxy-gnome';
const SCHEMA = 'org.gnome.system.proxy';
const DIR = '/system/proxy/';
const KINDS = ['http', 'https', 'ftp', 'socks'] as const;
const MAX_LINES = 200;
const WHERE = 'GNOME settings';

type Values = Map<string, ReturnType<typeof parseGVariant>>;

/** `gsettings list-recursively org.gnome.system.proxy` → `schema key value` per line. Bounded. */
export function parseGsettingsList(stdout: string): Values {
  const values: Values = new Map();
  for (const line of stdout.split('\n', MAX_LINES)) {
    const a = line.indexOf(' ');
    const b = a === -1 ? -1 : line.indexOf(' ', a + 1);
    if (b === -1) continue;
    const schema = line.slice(0, a);
    if (schema !== SCHEMA && !schema.startsWith(`${SCHEMA}.`)) continue;
    const child = schema.slice(SCHEMA.length + 1);
    const key = line.slice(a + 1, b);
    // Credentials are never read into the app.
    if (key.startsWith('authentication-')) continue;
    values.set(child ? `${child}/${key}` : key, parseGVariant(line.slice(b + 1)));
  }
  return values;
}

export function gnomeReport(values: Values): ProxyReport {
  const str = (k: string) => {
    const v = values.get(k);
    return typeof v === 'string' ? v : '';
  };
  const mode = str('mode');
  const ignore = values.get('ignore-hosts');
  const ignoreHosts = Array.isArray(ignore) ? ignore : [];
  if (mode === 'auto') {
    const pac = str('autoconfig-url');
    return report('gnome', WHERE, { mode: 'auto', pacUrl: pac || null, autoDetect: pac === '', ignoreHosts });
  }
  if (mode !== 'manual') return report('gnome', WHERE, { ignoreHosts });
  const servers: ProxyServer[] = [];
  for (const kind of KINDS) {
    const host = str(`${kind}/host`);
    const port = values.get(`${kind}/port`);
    if (host) servers.push({ kind, host, port: typeof port === 'number' && port > 0 ? port : null });
  }
  return report('gnome', WHERE, { mode: 'manual', servers, ignoreHosts });
}

export function createGnomeDriver(deps: DriverDeps): ProxyDriver {
  const env = toolEnv(deps.env, { GSETTINGS_BACKEND: 'dconf' });
  const tool = async (file: string, args: string[], input?: string) => {
    const r = await deps.run(file, args, { env, timeoutMs: 10_000, input, maxBuffer: 256 * 1024 });
    if (r.code !== 0) {
      throw new AppFailure('proxy-tool-failed', 'The GNOME proxy settings could not be read or changed.', {
        cause: r.stderr.slice(0, 500),
      });
    }
    return r.stdout;
  };
  const dump = () => tool('dconf', ['dump', DIR]);

  const writes = (s: ProxySettings): [string, string, string][] => {
    const out: [string, string, string][] = [[SCHEMA, 'mode', s.mode]];
    if (s.mode === 'auto') out.push([SCHEMA, 'autoconfig-url', s.pacUrl ?? '']);
    if (s.mode === 'manual') {
      for (const kind of KINDS) {
        const server = s.servers?.find((x) => x.kind === kind || (x.kind === 'all' && kind !== 'socks'));
        out.push([`${SCHEMA}.${kind}`, 'host', server?.host ?? '']);
        out.push([`${SCHEMA}.${kind}`, 'port', String(server?.port ?? 0)]);
      }
    }
    if (s.ignoreHosts) out.push([SCHEMA, 'ignore-hosts', gStringArray(s.ignoreHosts)]);
    return out;
  };

  return {
    source: 'gnome',
    async read() {
      return [gnomeReport(parseGsettingsList(await tool('gsettings', ['list-recursively', SCHEMA])))];
    },
    async backup(journal: Journal, description: string): Promise<JournalEntry> {
      return journal.backupSettings(GNOME_KIND, description, { dump: await dump() });
    },
    async write(settings) {
      for (const [schema, key, value] of writes(settings)) {
        await tool('gsettings', ['set', schema, key, value]);
        const path = `${DIR}${schema === SCHEMA ? '' : `${schema.slice(SCHEMA.length + 1)}/`}${key}`;
        const back = parseGVariant(await tool('dconf', ['read', path]));
        const wanted = key === 'port' ? Number(value) : key === 'ignore-hosts' ? parseGVariant(value) : value;
        if (JSON.stringify(back) !== JSON.stringify(wanted)) throw notSaved();
      }
    },
  };
}

function notSaved(): AppFailure {
  return new AppFailure(
    'proxy-not-saved',
    sentences(
      'The GNOME proxy setting did not change when Access Doctor set it',
      'This happens outside a desktop session; change it in Settings, Network, Proxy instead',
    ),
  );
}

/** Puts a `dconf dump` back exactly: clears the folder, loads the dump, and checks the result. */
export function gnomeRestorer(deps: DriverDeps) {
  const env = toolEnv(deps.env, { GSETTINGS_BACKEND: 'dconf' });
  return async (previous: Record<string, unknown>): Promise<void> => {
    const saved = previous.dump;
    if (typeof saved !== 'string')
      throw new AppFailure('proxy-backup-damaged', 'The saved GNOME proxy settings are damaged.');
    // Always written, even when the dump looks as saved already: a write still in flight from a process
    // that died lands before these on the bus. Success is what the final dump says (without a bus the
    // tools fail, and that is fine only when nothing had changed).
    await deps.run('dconf', ['reset', '-f', DIR], { env });
    await deps.run('dconf', ['load', DIR], { env, input: saved });
    const now = await deps.run('dconf', ['dump', DIR], { env });
    if (now.code !== 0 || now.stdout !== saved) throw notSaved();
  };
}
