/**
 * nat-upnp is the discovery baseline of the router benchmark and of one lab cross-check, and nothing
 * else. It is not a dependency of the project: it pulls `request`, `xml2js` 0.1 and `ip`, each with a
 * published CVE, so `npm ci` and the shipped app must not carry it. Whoever needs it calls
 * `natUpnpNodePath()`: it installs the pinned version on demand with npm into a folder of its own (outside
 * the project's node_modules, reused across runs) and returns a NODE_PATH for the child process that
 * requires it, or the reason it cannot (no registry, npm failed), for the caller to print and skip.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { ROOT } from './paths';

export const NAT_UPNP_VERSION = '1.1.1';

export type NatUpnpInstall = { ok: true; nodePath: string } | { ok: false; reason: string };

/** The default folder; `ACCESS_DOCTOR_NAT_UPNP_DIR` points elsewhere (e.g. a folder prepared offline). */
export function natUpnpDir(): string {
  return process.env.ACCESS_DOCTOR_NAT_UPNP_DIR ?? join(tmpdir(), `access-doctor-nat-upnp-${NAT_UPNP_VERSION}`);
}

function installedVersion(nodePath: string): string | null {
  try {
    const pkg = JSON.parse(readFileSync(join(nodePath, 'nat-upnp', 'package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? null;
  } catch {
    return null;
  }
}

export function natUpnpNodePath(dir = natUpnpDir()): NatUpnpInstall {
  const folder = resolve(dir);
  const inside = relative(join(ROOT, 'node_modules'), folder);
  if (!inside.startsWith('..') && !inside.startsWith('/')) {
    return { ok: false, reason: `refusing to install nat-upnp inside the project's node_modules (${folder})` };
  }
  const nodePath = join(folder, 'node_modules');
  if (installedVersion(nodePath) === NAT_UPNP_VERSION) return { ok: true, nodePath };

  mkdirSync(folder, { recursive: true });
  // A package.json of its own, so npm treats this folder as the project and never walks up to ours.
  if (!existsSync(join(folder, 'package.json'))) {
    writeFileSync(join(folder, 'package.json'), '{ "name": "access-doctor-nat-upnp-baseline", "private": true }\n');
  }
  // npm talks to the registry: run it without the test network guard this process may carry in NODE_OPTIONS.
  const { NODE_OPTIONS: _guard, ...env } = process.env;
  const npm = spawnSync(
    'npm',
    [
      'install',
      '--no-save',
      '--no-package-lock',
      '--ignore-scripts',
      '--no-audit',
      '--no-fund',
      '--prefix',
      folder,
      `nat-upnp@${NAT_UPNP_VERSION}`,
    ],
    { encoding: 'utf8', env, timeout: 45_000 },
  );
  if (npm.error) return { ok: false, reason: `npm could not run: ${npm.error.message}` };
  if (npm.status !== 0) {
    const last = `${npm.stderr ?? ''}${npm.stdout ?? ''}`.trim().split('\n').slice(-3).join(' | ');
    return { ok: false, reason: `npm install nat-upnp@${NAT_UPNP_VERSION} failed (exit ${npm.status}): ${last}` };
  }
  const version = installedVersion(nodePath);
  if (version !== NAT_UPNP_VERSION) {
    return { ok: false, reason: `npm installed nat-upnp ${version ?? 'nowhere'} in ${folder}` };
  }
  return { ok: true, nodePath };
}
