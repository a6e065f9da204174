/**
 * Proxy environment variables (http_proxy, https_proxy, all_proxy, no_proxy, either case): reported
 * read-only, with the files that set them when found. The scan is bounded: a fixed list of files, the
 * first 256 KiB of each, lines read one by one without a regex over the whole text.
 */
import { join } from 'node:path';
import type { ProxyReport, ProxyServer } from '../../../shared/model';
import { report } from './types';

const NAMES = ['http_proxy', 'https_proxy', 'ftp_proxy', 'all_proxy', 'no_proxy'] as const;
type Name = (typeof NAMES)[number];
const MAX_FILE = 256 * 1024;
const MAX_LINES = 5000;

/** Where proxy variables are usually set, in the order a login shell reads them. */
export function envFiles(env: NodeJS.ProcessEnv): string[] {
  const home = env.HOME ?? '';
  const files = ['/etc/environment', '/etc/profile'];
  if (home) {
    const config = env.XDG_CONFIG_HOME || join(home, '.config');
    files.push(
      join(home, '.pam_environment'),
      join(home, '.profile'),
      join(home, '.bash_profile'),
      join(home, '.bashrc'),
      join(home, '.zshenv'),
      join(home, '.zprofile'),
      join(home, '.zshrc'),
      join(config, 'environment.d', 'proxy.conf'),
      join(config, 'fish', 'config.fish'),
    );
  }
  return files;
}

/** The proxy variable a line sets (`export HTTPS_PROXY="http://p:3128"`, `set -gx http_proxy …`), if any. */
export function assignmentIn(line: string): Name | null {
  let t = line.trim().slice(0, 4096);
  if (t.startsWith('#')) return null;
  if (t.startsWith('export ')) t = t.slice(7).trimStart();
  else if (t.startsWith('set -gx ') || t.startsWith('set -x ')) t = t.slice(t.indexOf('x ') + 2).trimStart();
  const end = Math.min(...['=', ' '].map((c) => (t.indexOf(c) === -1 ? t.length : t.indexOf(c))));
  const name = t.slice(0, end).toLowerCase();
  return (NAMES as readonly string[]).includes(name) ? (name as Name) : null;
}

/** `http://user:pw@10.0.0.1:3128/` → host and port, credentials dropped. */
export function parseProxyUrl(kind: ProxyServer['kind'], value: string): ProxyServer | null {
  const v = value.trim().slice(0, 2048);
  if (!v) return null;
  try {
    const u = new URL(v.includes('://') ? v : `http://${v}`);
    return { kind, host: `${u.protocol}//${u.hostname}`, port: u.port ? Number(u.port) : null };
  } catch {
    return null;
  }
}

export async function readEnvProxy(
  env: NodeJS.ProcessEnv,
  readFile: (path: string) => Promise<string>,
): Promise<ProxyReport | null> {
  const value = (name: Name) => env[name] ?? env[name.toUpperCase()] ?? '';
  const servers: ProxyServer[] = [];
  for (const [name, kind] of [
    ['http_proxy', 'http'],
    ['https_proxy', 'https'],
    ['ftp_proxy', 'ftp'],
    ['all_proxy', 'all'],
  ] as const) {
    const s = parseProxyUrl(kind, value(name));
    if (s) servers.push(s);
  }
  const ignoreHosts = value('no_proxy')
    .split(',', 200)
    .map((h) => h.trim())
    .filter(Boolean);
  const places: string[] = [];
  for (const file of envFiles(env)) {
    let text: string;
    try {
      text = (await readFile(file)).slice(0, MAX_FILE);
    } catch {
      continue;
    }
    if (text.split('\n', MAX_LINES).some((l) => assignmentIn(l) !== null)) places.push(shortPath(file, env.HOME));
  }
  if (servers.length === 0 && places.length === 0) return null;
  const where = places.length > 0 ? `environment variables (set in ${places.join(', ')})` : 'environment variables';
  return report('env', where, { mode: servers.length > 0 ? 'manual' : 'none', servers, ignoreHosts, readOnly: true });
}

function shortPath(file: string, home: string | undefined): string {
  return home && file.startsWith(`${home}/`) ? `~/${file.slice(home.length + 1)}` : file;
}
