/**
 * Firefox's per-site exceptions, from `permissions.sqlite` in the profile: table `moz_perms` (`origin`,
 * `type`, `permission`, `expireType`, `expireTime`, `modificationTime`), written by Gecko's
 * PermissionManager. A cookie exception is a row of type `cookie` whose origin is the site
 * (`https://chatgpt.com`, with `^userContextId=…` and the like after a `^` for containers); its permission
 * is 1 (allow), 2 (block) or 8 (allow for the session). Firefox looks a cookie permission up on the host
 * and then on each parent domain, so an exception on `openai.com` also covers `auth.openai.com`, and the
 * most specific one wins. Firefox has no per-site JavaScript permission, so there is none to read.
 *
 * The file is read whole (bounded by the profile reader) and opened as a copy in memory, never in place.
 */
import { AppFailure } from '../../core/errors';
import { joinPath, type ProfileIo } from './extensions';
import { hasColumns, openDatabase, type SqlDatabase } from './sqlite';

export const COOKIE_ALLOW = 1;
export const COOKIE_DENY = 2;
export const COOKIE_SESSION = 8;

/** `expireType`: 0 never, 1 at the end of the session, 2 at `expireTime` (ms since 1970). */
const EXPIRE_AT_TIME = 2;

/** At most this many cookie exceptions are looked at (a real profile has a handful). */
const MAX_ROWS = 20_000;

export type CookiePermissions =
  /** The most specific cookie exception for each host asked about that has one. */
  | { ok: true; byHost: Map<string, number> }
  /** Why the exceptions could not be read, in one sentence. */
  | { ok: false; why: string };

/** `https://chatgpt.com:443^userContextId=1` → `chatgpt.com`; null for another scheme or no host. */
export function permissionHost(origin: string): string | null {
  const bare = origin.split('^')[0]?.trim().toLowerCase() ?? '';
  const match = /^https?:\/\/(\[[^\]]*\]|[^/:?#]+)(?::\d+)?\/?$/.exec(bare);
  return match?.[1] ?? null;
}

const NOT_READ =
  "Firefox's exceptions for single sites could not be read, so a block for one site alone would not show here.";

const UNSAVED =
  'Firefox has not finished saving its exceptions for single sites, so a block for one site alone may not show here until Firefox is closed once.';

/**
 * The cookie exception that applies to each of `hosts`, or why none could be read. A missing file means
 * no exceptions; an exception that has expired no longer counts.
 */
export async function readCookiePermissions(
  io: ProfileIo,
  profileDir: string,
  hosts: readonly string[],
  now: number = Date.now(),
): Promise<CookiePermissions> {
  let bytes: string | Buffer | null;
  try {
    bytes = await io.readFile(joinPath(profileDir, 'permissions.sqlite'));
  } catch {
    return { ok: false, why: NOT_READ };
  }
  if (bytes === null) return { ok: true, byHost: new Map() };
  // Changes still in the write-ahead log are not in the main file: reading it alone could miss a block.
  const wal = await io.readFile(joinPath(profileDir, 'permissions.sqlite-wal')).catch(() => null);
  if (wal !== null && wal.length > 0) return { ok: false, why: UNSAVED };
  if (typeof bytes === 'string') bytes = Buffer.from(bytes, 'binary');
  let db: SqlDatabase;
  try {
    ({ db } = await openDatabase(bytes, 'The file of site exceptions'));
  } catch (error) {
    if (error instanceof AppFailure) return { ok: false, why: NOT_READ };
    throw error;
  }
  try {
    const columns = ['origin', 'type', 'permission', 'expireType', 'expireTime'];
    if (!hasColumns(db, 'moz_perms', columns)) return { ok: false, why: NOT_READ };
    const rules = new Map<string, number>();
    const stmt = db.prepare(
      `SELECT origin, permission, expireType, expireTime FROM moz_perms WHERE type = 'cookie' LIMIT ${MAX_ROWS}`,
    );
    try {
      while (stmt.step()) {
        const [origin, permission, expireType, expireTime] = stmt.get();
        if (typeof origin !== 'string' || typeof permission !== 'number') continue;
        if (expireType === EXPIRE_AT_TIME && typeof expireTime === 'number' && expireTime <= now) continue;
        const host = permissionHost(origin);
        if (host === null) continue;
        // http and https (and containers) of one host usually agree; a block among them wins.
        const seen = rules.get(host);
        if (seen === undefined || permission === COOKIE_DENY) rules.set(host, permission);
      }
    } finally {
      stmt.free();
    }
    const byHost = new Map<string, number>();
    for (const host of hosts) {
      let best: string | undefined;
      for (const rule of rules.keys()) {
        if ((host === rule || host.endsWith(`.${rule}`)) && (best === undefined || rule.length > best.length)) {
          best = rule;
        }
      }
      const value = best === undefined ? undefined : rules.get(best);
      if (value !== undefined) byHost.set(host, value);
    }
    return { ok: true, byHost };
  } catch {
    // A damaged page inside an otherwise readable file.
    return { ok: false, why: NOT_READ };
  } finally {
    db.close();
  }
}
