/**
 * Browser settings that stop a site's security check from working: cookies or JavaScript blocked everywhere
 * or for one of the sites, third-party cookies blocked, a replaced user agent. Pure over an injected reader.
 *
 * Shapes read (see tests/fixtures/browsers/README.md):
 * - Chromium `Preferences`: `profile.default_content_setting_values.{cookies,javascript}` (1 allow, 2 block),
 *   `profile.content_settings.exceptions.{cookies,javascript}` keyed by `primary,secondary` patterns such as
 *   `[*.]chatgpt.com,*` or `https://chatgpt.com:443,*` with `{ setting }`, `profile.cookie_controls_mode`
 *   (1 blocks third-party cookies), `profile.block_third_party_cookies`, `webkit.webprefs.javascript_enabled`.
 * - Firefox `prefs.js` then `user.js` (the latter wins): `user_pref("name", value);` lines, read with a small
 *   tokenizer; `permissions.sqlite` for per-site cookie exceptions (firefox-permissions.ts).
 */
import type { AppError, Severity } from '../../../shared/model';
import { sentences } from '../../../shared/text';
import {
  type BrowserFinding,
  browserLabel,
  chromiumProduct,
  chromiumScheme,
  joinPath,
  type ProfileIo,
  type ProfileRef,
  pick,
  problemOf,
  readProfileJson,
  readProfileText,
} from './extensions';
import { COOKIE_DENY, readCookiePermissions } from './firefox-permissions';

export type BlockedThing = 'cookies' | 'javascript' | 'third-party-cookies' | 'user-agent' | 'fingerprinting';

export interface BlockingSetting {
  /** Stable within a profile: `cookies:everywhere`, `javascript:site:chatgpt.com`. */
  id: string;
  setting: BlockedThing;
  /** `everywhere` is the browser's default; `site` is an exception for the sites listed. */
  scope: 'everywhere' | 'site';
  /** The hosts (of those asked about) this setting affects. */
  sites: string[];
  severity: Severity;
  /** Exactly where to change it: `chrome://settings/content/cookies`, `about:config → javascript.enabled`. */
  where: string;
  /** The value as the browser stores it, for a support request (`2`, `false`, a user agent). */
  value?: string;
}

export interface BlockingSettingsScan {
  settings: BlockingSetting[];
  /** Whole sentences: what was not looked at, so "nothing found" is not read as "nothing there". */
  notRead: string[];
  problems: AppError[];
}

/** A Chromium content setting's value that blocks. */
const BLOCK = 2;
const ALLOW = 1;

/** `https://chatgpt.com/c/1`, `chatgpt.com`, `Chatgpt.com:443` → `chatgpt.com`; null when it is not a host. */
export function siteHost(site: string): string | null {
  let text = site.trim().toLowerCase();
  if (text === '' || text.length > 512) return null;
  const scheme = text.indexOf('://');
  if (scheme !== -1) text = text.slice(scheme + 3);
  let end = text.length;
  for (const stop of ['/', '?', '#', ':']) {
    const at = text.indexOf(stop);
    if (at !== -1 && at < end) end = at;
  }
  const host = text.slice(0, end);
  return host === '' || host.includes('@') || host.includes(' ') ? null : host;
}

// ---------------------------------------------------------------------------------------------
// Chromium content-setting patterns.

/**
 * How well a pattern's primary part matches a host over https: -1 when it does not, higher when more
 * specific (an exact host beats `[*.]domain`, a longer domain beats a shorter one, `*` matches last).
 */
export function patternMatch(pattern: string, host: string): number {
  const comma = pattern.indexOf(',');
  const primary = (comma === -1 ? pattern : pattern.slice(0, comma)).trim().toLowerCase();
  const secondary = comma === -1 ? '*' : pattern.slice(comma + 1).trim();
  // A secondary other than `*` applies only when the site is embedded in another: not this question.
  if (secondary !== '*' && secondary !== '') return -1;
  if (primary === '*') return 0;
  let rest = primary;
  let score = 0;
  const schemeEnd = rest.indexOf('://');
  if (schemeEnd !== -1) {
    const scheme = rest.slice(0, schemeEnd);
    if (scheme !== '*' && scheme !== 'https' && scheme !== 'http') return -1;
    if (scheme === 'http') return -1;
    if (scheme === 'https') score += 2;
    rest = rest.slice(schemeEnd + 3);
  }
  let hostEnd = rest.length;
  for (const stop of ['/', ':']) {
    const at = rest.indexOf(stop);
    if (at !== -1 && at < hostEnd) hostEnd = at;
  }
  const hostPart = rest.slice(0, hostEnd);
  const after = rest.slice(hostEnd);
  if (after.startsWith(':')) {
    const portEnd = after.indexOf('/');
    const port = portEnd === -1 ? after.slice(1) : after.slice(1, portEnd);
    if (port !== '*' && port !== '443') return -1;
    if (port === '443') score += 1;
  }
  if (hostPart === '*') return score;
  if (hostPart.startsWith('[*.]')) {
    const domain = hostPart.slice(4);
    if (domain === '' || !(host === domain || host.endsWith(`.${domain}`))) return -1;
    return 1000 + domain.length * 4 + score;
  }
  if (hostPart !== host) return -1;
  return 100_000 + hostPart.length * 4 + score;
}

/** The setting the most specific matching exception gives a host, or undefined when none matches. */
function exceptionFor(exceptions: unknown, host: string): number | undefined {
  if (exceptions === null || typeof exceptions !== 'object' || Array.isArray(exceptions)) return undefined;
  let best = -1;
  let value: number | undefined;
  let count = 0;
  for (const [pattern, entry] of Object.entries(exceptions)) {
    if (++count > 10_000) break;
    if (pattern.length > 1024) continue;
    const setting = pick(entry, 'setting');
    if (typeof setting !== 'number') continue;
    const score = patternMatch(pattern, host);
    if (score > best) {
      best = score;
      value = setting;
    }
  }
  return value;
}

async function chromiumSettings(profile: ProfileRef, io: ProfileIo, hosts: string[], scan: BlockingSettingsScan) {
  let prefs: unknown;
  try {
    prefs = await readProfileJson(io, joinPath(profile.dir, 'Preferences'), 'settings file');
  } catch (error) {
    scan.problems.push(problemOf(error, "The browser's settings could not be read."));
    return;
  }
  if (prefs === null) {
    scan.problems.push({ code: 'browser-profile-empty', message: 'No settings were found in this browser profile.' });
    return;
  }
  const scheme = chromiumScheme(chromiumProduct(profile));
  const pages: Record<'cookies' | 'javascript', string> = {
    cookies: `${scheme}://settings/content/cookies`,
    javascript: `${scheme}://settings/content/javascript`,
  };
  for (const kind of ['cookies', 'javascript'] as const) {
    let fallback = pick(prefs, 'profile', 'default_content_setting_values', kind);
    if (kind === 'javascript' && pick(prefs, 'webkit', 'webprefs', 'javascript_enabled') === false) fallback = BLOCK;
    const exceptions = pick(prefs, 'profile', 'content_settings', 'exceptions', kind);
    const everywhere: string[] = [];
    for (const host of hosts) {
      const own = exceptionFor(exceptions, host);
      if (own === BLOCK) {
        scan.settings.push({
          id: `${kind}:site:${host}`,
          setting: kind,
          scope: 'site',
          sites: [host],
          severity: 'problem',
          where: `${scheme}://settings/content/siteDetails?site=${encodeURIComponent(`https://${host}`)}`,
          value: String(BLOCK),
        });
      } else if (own !== ALLOW && own !== 4 && fallback === BLOCK) {
        everywhere.push(host);
      }
    }
    // Blocked by default: worth saying even with no site asked about, unless every site has its own allow.
    if (fallback === BLOCK && (everywhere.length > 0 || hosts.length === 0)) {
      scan.settings.push({
        id: `${kind}:everywhere`,
        setting: kind,
        scope: 'everywhere',
        sites: everywhere,
        severity: 'problem',
        where: pages[kind],
        value: String(BLOCK),
      });
    }
  }
  const mode = pick(prefs, 'profile', 'cookie_controls_mode');
  if (mode === 1 || pick(prefs, 'profile', 'block_third_party_cookies') === true) {
    scan.settings.push({
      id: 'third-party-cookies:everywhere',
      setting: 'third-party-cookies',
      scope: 'everywhere',
      sites: hosts,
      severity: 'info',
      where: scheme === 'edge' ? 'edge://settings/content/cookies' : `${scheme}://settings/cookies`,
      value: typeof mode === 'number' ? String(mode) : 'true',
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Firefox prefs.js.

export type PrefValue = string | number | boolean;

const PREF_CALLS = new Set(['user_pref', 'pref', 'sticky_pref', 'lock_pref']);
const MAX_LINE = 100_000;

/**
 * One `user_pref("name", value);` line → its name and value, or null for anything else. A small tokenizer,
 * one pass over the line; nothing is evaluated.
 */
export function parsePrefLine(line: string): { name: string; value: PrefValue } | null {
  if (line.length > MAX_LINE) return null;
  let i = 0;
  const skip = (): void => {
    while (i < line.length && (line[i] === ' ' || line[i] === '\t' || line[i] === '\r')) i++;
  };
  const readString = (): string | null => {
    const quote = line[i];
    if (quote !== '"' && quote !== "'") return null;
    i++;
    let out = '';
    while (i < line.length) {
      const ch = line[i] ?? '';
      if (ch === quote) {
        i++;
        return out;
      }
      if (ch === '\\') {
        const next = line[i + 1];
        if (next === undefined) return null;
        if (next === 'n') out += '\n';
        else if (next === 't') out += '\t';
        else if (next === 'r') out += '\r';
        else if (next === 'x' || next === 'u') {
          const len = next === 'x' ? 2 : 4;
          const hex = line.slice(i + 2, i + 2 + len);
          if (hex.length !== len || !/^[0-9a-fA-F]+$/.test(hex)) return null;
          out += String.fromCharCode(Number.parseInt(hex, 16));
          i += len;
        } else out += next;
        i += 2;
        continue;
      }
      out += ch;
      i++;
    }
    return null;
  };
  skip();
  const start = i;
  while (i < line.length && /[a-z_]/.test(line[i] ?? '')) i++;
  if (!PREF_CALLS.has(line.slice(start, i))) return null;
  skip();
  if (line[i] !== '(') return null;
  i++;
  skip();
  const name = readString();
  if (name === null) return null;
  skip();
  if (line[i] !== ',') return null;
  i++;
  skip();
  let value: PrefValue;
  if (line[i] === '"' || line[i] === "'") {
    const s = readString();
    if (s === null) return null;
    value = s;
  } else {
    const begin = i;
    while (i < line.length && /[A-Za-z0-9+\-.]/.test(line[i] ?? '')) i++;
    const word = line.slice(begin, i);
    if (word === 'true') value = true;
    else if (word === 'false') value = false;
    else if (/^[+-]?[0-9]{1,15}$/.test(word)) value = Number.parseInt(word, 10);
    else return null;
  }
  skip();
  if (line[i] === ',') {
    // `pref("name", value, sticky)` in defaults files.
    i++;
    skip();
    while (i < line.length && /[a-z]/.test(line[i] ?? '')) i++;
    skip();
  }
  if (line[i] !== ')') return null;
  return { name, value };
}

/** Every pref a prefs.js or user.js text sets; a later line wins. Block comments spanning lines are skipped. */
export function parsePrefs(text: string): Map<string, PrefValue> {
  const prefs = new Map<string, PrefValue>();
  let inComment = false;
  let from = 0;
  while (from <= text.length) {
    const nl = text.indexOf('\n', from);
    const end = nl === -1 ? text.length : nl;
    const line = text.slice(from, end);
    from = end + 1;
    const trimmed = line.trimStart();
    if (inComment) {
      if (line.includes('*/')) inComment = false;
      continue;
    }
    if (trimmed.startsWith('/*')) {
      if (!trimmed.includes('*/', 2)) inComment = true;
      continue;
    }
    const pref = parsePrefLine(line);
    if (pref !== null) prefs.set(pref.name, pref.value);
    if (nl === -1) break;
  }
  return prefs;
}

async function firefoxSettings(io: ProfileIo, profile: ProfileRef, hosts: string[], scan: BlockingSettingsScan) {
  const prefs = new Map<string, PrefValue>();
  let readAny = false;
  for (const file of ['prefs.js', 'user.js']) {
    let text: string | null;
    try {
      text = await readProfileText(io, joinPath(profile.dir, file), 'settings file');
    } catch (error) {
      scan.problems.push(problemOf(error, "The browser's settings could not be read."));
      continue;
    }
    if (text === null) continue;
    readAny = true;
    for (const [name, value] of parsePrefs(text)) prefs.set(name, value);
  }
  const exceptions = await readCookiePermissions(io, profile.dir, hosts);
  if (!exceptions.ok) scan.notRead.push(exceptions.why);
  const own = exceptions.ok ? exceptions.byHost : new Map<string, number>();
  for (const host of hosts) {
    if (own.get(host) !== COOKIE_DENY) continue;
    scan.settings.push({
      id: `cookies:site:${host}`,
      setting: 'cookies',
      scope: 'site',
      sites: [host],
      severity: 'problem',
      where: `Settings › Privacy & Security › Cookies and Site Data › Manage Exceptions (about:preferences#privacy), or the padlock beside ${host} in the address bar`,
      value: String(COOKIE_DENY),
    });
  }
  if (!readAny) {
    if (scan.problems.length === 0 && scan.settings.length === 0) {
      scan.problems.push({ code: 'browser-profile-empty', message: 'No settings were found in this browser profile.' });
    }
    return;
  }
  const behavior = prefs.get('network.cookie.cookieBehavior');
  // A site with its own allow (or allow for the session) is not affected by blocking cookies everywhere.
  const blockedEverywhere = hosts.filter((h) => !own.has(h));
  if (behavior === 2 && (blockedEverywhere.length > 0 || hosts.length === 0)) {
    scan.settings.push({
      id: 'cookies:everywhere',
      setting: 'cookies',
      scope: 'everywhere',
      sites: blockedEverywhere,
      severity: 'problem',
      where: 'about:preferences#privacy',
      value: '2',
    });
  } else if (behavior === 1 || behavior === 3) {
    scan.settings.push({
      id: 'third-party-cookies:everywhere',
      setting: 'third-party-cookies',
      scope: 'everywhere',
      sites: hosts,
      severity: 'info',
      where: 'about:preferences#privacy',
      value: String(behavior),
    });
  }
  if (prefs.get('javascript.enabled') === false) {
    scan.settings.push({
      id: 'javascript:everywhere',
      setting: 'javascript',
      scope: 'everywhere',
      sites: hosts,
      severity: 'problem',
      where: 'about:config → javascript.enabled',
      value: 'false',
    });
  }
  const agent = prefs.get('general.useragent.override');
  if (typeof agent === 'string' && agent.trim() !== '') {
    scan.settings.push({
      id: 'user-agent:everywhere',
      setting: 'user-agent',
      scope: 'everywhere',
      sites: hosts,
      severity: 'warning',
      where: 'about:config → general.useragent.override',
      value: agent.slice(0, 512),
    });
  }
  if (prefs.get('privacy.resistFingerprinting') === true) {
    scan.settings.push({
      id: 'fingerprinting:everywhere',
      setting: 'fingerprinting',
      scope: 'everywhere',
      sites: hosts,
      severity: 'info',
      where: 'about:config → privacy.resistFingerprinting',
      value: 'true',
    });
  }
}

/** The settings of one profile that can stop `sites` from letting the browser in. Never throws. */
export async function readBlockingSettings(
  profile: ProfileRef,
  io: ProfileIo,
  sites: readonly string[],
): Promise<BlockingSettingsScan> {
  const hosts = [...new Set(sites.map(siteHost).filter((h): h is string => h !== null))].slice(0, 100);
  const scan: BlockingSettingsScan = { settings: [], notRead: [], problems: [] };
  try {
    if (profile.browser === 'firefox') await firefoxSettings(io, profile, hosts, scan);
    else await chromiumSettings(profile, io, hosts, scan);
  } catch (error) {
    scan.problems.push(problemOf(error, "The browser's settings could not be read."));
  }
  return scan;
}

// ---------------------------------------------------------------------------------------------
// Findings.

function sitesText(sites: readonly string[]): string {
  if (sites.length === 0) return 'every site';
  if (sites.length === 1) return sites[0] ?? '';
  return `${sites.slice(0, -1).join(', ')} and ${sites[sites.length - 1]}`;
}

function wording(s: BlockingSetting, browser: string): { title: string; detail: string } {
  const on = sitesText(s.sites);
  switch (s.setting) {
    case 'cookies':
      return {
        title: s.scope === 'site' ? `${browser} blocks cookies for ${on}` : `${browser} blocks cookies on every site`,
        detail: sentences(
          "A site's security check stores a cookie once the browser passes it, so with cookies blocked the check never ends",
          s.scope === 'everywhere' && s.sites.length > 0
            ? `Allow cookies at ${s.where}, or add ${on} there as a site allowed to use them`
            : `Allow cookies at ${s.where}`,
        ),
      };
    case 'javascript':
      return {
        title:
          s.scope === 'site'
            ? `${browser} blocks JavaScript for ${on}`
            : `${browser} has JavaScript turned off on every site`,
        detail: sentences(
          "A site's security check runs as JavaScript, so with JavaScript off the browser cannot pass it",
          `Turn JavaScript on at ${s.where}`,
        ),
      };
    case 'third-party-cookies':
      return {
        title: `${browser} blocks third-party cookies`,
        detail: sentences(
          'Some sites run their security check in a frame from another address, and it may not finish while third-party cookies are blocked',
          `If the check keeps coming back, allow third-party cookies for the site at ${s.where}`,
        ),
      };
    case 'user-agent':
      return {
        title: `${browser} sends a replaced user agent`,
        detail: sentences(
          'The browser tells sites it is something else, and a site that sees the mismatch may refuse it',
          `Remove the replacement at ${s.where}`,
        ),
      };
    case 'fingerprinting':
      return {
        title: `${browser} hides details that sites use to tell browsers apart`,
        detail: sentences(
          "This protection makes the browser look unusual to a site's security check, which may then refuse it or keep asking",
          `Turn it off at ${s.where} to test whether it is the cause`,
        ),
      };
  }
}

/** One finding per blocking setting, plus nothing for what was not read (callers show `notRead` as they like). */
export function settingsFindings(scan: BlockingSettingsScan, profile: ProfileRef): BrowserFinding[] {
  const browser = browserLabel(profile);
  return scan.settings.map((s) => {
    const { title, detail } = wording(s, browser);
    return {
      id: `blocking-setting:${profile.browser}:${s.id}`,
      kind: 'blocking-setting',
      severity: s.severity,
      title: sentences(title),
      detail,
      facts: [
        { label: 'Change it at', value: s.where, copy: true },
        ...(s.value !== undefined ? [{ label: 'Current value', value: s.value }] : []),
      ],
    };
  });
}
