/**
 * The extensions installed in one browser profile, and which of them can get a visitor refused by a site's
 * firewall. Pure over an injected reader: tests run it on fake profile folders.
 *
 * Shapes read (see tests/fixtures/browsers/README.md for where each is documented):
 * - Chromium `Preferences` / `Secure Preferences`: `extensions.settings.<id>` with `state`, `disable_reasons`
 *   (an int bitmask in older builds, a list in newer), `location`, `was_installed_by_default`, `path`, and in
 *   older builds an inline `manifest`; otherwise `Extensions/<id>/<version>/manifest.json`.
 * - Firefox `extensions.json`: `addons[]` with `id`, `type`, `location`, `active`, `userDisabled`,
 *   `defaultLocale.name`, `version`.
 * Profile files are untrusted: sizes and times are bounded, shapes are checked, and nothing read is used as a
 * path outside the profile folder.
 */
import { constants } from 'node:fs';
import { open, readdir } from 'node:fs/promises';
import { z } from 'zod';
import type { AppError, Finding } from '../../../shared/model';
import { sentences } from '../../../shared/text';
import { AppFailure } from '../../core/errors';
import { type ExtensionRisk, extensionRisk } from './risky-extensions';

export type { ExtensionRisk } from './risky-extensions';

/** Reads profile files. `readFile` and `readdir` answer null when the path does not exist. */
export interface ProfileIo {
  readFile(path: string): Promise<string | Buffer | null>;
  readdir(path: string): Promise<string[] | null>;
}

/** The Chromium-based browsers, for naming the page where a setting is changed. */
export type ChromiumProduct = 'chrome' | 'chromium' | 'edge' | 'brave' | 'vivaldi' | 'opera';

export interface ProfileRef {
  browser: 'chromium-family' | 'firefox';
  /** The profile folder (`…/Default`, `…/Profile 1`, `…/xxxx.default-release`). */
  dir: string;
  /** Which Chromium browser; guessed from the folder when absent. */
  product?: ChromiumProduct;
}

export interface BrowserExtension {
  id: string;
  name: string;
  version?: string;
  enabled: boolean;
  risk: ExtensionRisk | null;
  /** The page where it is turned off, e.g. `chrome://extensions` or `about:addons`. */
  where: string;
}

export interface ExtensionScan {
  extensions: BrowserExtension[];
  /** Files that could not be read or trusted; the rest of the list still stands. */
  problems: AppError[];
}

/** Profile files larger than this are refused unread. */
export const MAX_PROFILE_FILE_BYTES = 8 * 1024 * 1024;
/** Each read gets this long before it counts as failed. */
export const READ_TIMEOUT_MS = 5_000;
/** Reading every extension's own files stops after this long; the rest are named by id. */
export const SCAN_BUDGET_MS = 20_000;
/** At most this many extensions are looked at; a real profile has a few dozen. */
export const MAX_EXTENSIONS = 1_000;

// ---------------------------------------------------------------------------------------------
// Reading untrusted files.

/** Joins path parts with the separator the profile folder already uses. */
export function joinPath(dir: string, ...parts: string[]): string {
  const sep = dir.includes('\\') && !dir.includes('/') ? '\\' : '/';
  const base = dir.endsWith(sep) ? dir.slice(0, -1) : dir;
  return [base, ...parts].join(sep);
}

async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new AppFailure('browser-file-timeout', 'A browser file took too long to read.')),
      ms,
    );
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}

/**
 * One profile file as text: null when it does not exist; an AppFailure (whole sentences, no internals) when
 * it cannot be read, is too large, or takes too long.
 */
export async function readProfileText(io: ProfileIo, path: string, label: string): Promise<string | null> {
  let data: string | Buffer | null;
  try {
    data = await withTimeout(Promise.resolve(io.readFile(path)), READ_TIMEOUT_MS);
  } catch (error) {
    if (error instanceof AppFailure) throw error;
    throw new AppFailure('browser-file-unreadable', sentences(`The browser's ${label} could not be read`));
  }
  if (data === null) return null;
  const size = typeof data === 'string' ? data.length : data.byteLength;
  if (size > MAX_PROFILE_FILE_BYTES) {
    throw new AppFailure('browser-file-too-large', sentences(`The browser's ${label} is too large to read safely`));
  }
  return typeof data === 'string' ? data : data.toString('utf8');
}

/** One profile file parsed as JSON; see readProfileText. */
export async function readProfileJson(io: ProfileIo, path: string, label: string): Promise<unknown | null> {
  const text = await readProfileText(io, path, label);
  if (text === null) return null;
  try {
    // A byte-order mark is legal at the start of a file but not in JSON.
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as unknown;
  } catch {
    throw new AppFailure('browser-file-damaged', sentences(`The browser's ${label} is damaged and could not be read`));
  }
}

async function readdirSafe(io: ProfileIo, path: string): Promise<string[]> {
  try {
    const names = await withTimeout(Promise.resolve(io.readdir(path)), READ_TIMEOUT_MS);
    return Array.isArray(names) ? names.filter((n): n is string => typeof n === 'string') : [];
  } catch {
    return [];
  }
}

/** Whether an error from node:fs means "not there" (as opposed to "there but unreadable"). */
function isMissing(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/**
 * The real file system as a ProfileIo. A file larger than MAX_PROFILE_FILE_BYTES is read only to one byte
 * past the limit, so the readers refuse it without holding it whole.
 */
export function nodeProfileIo(maxBytes: number = MAX_PROFILE_FILE_BYTES): ProfileIo {
  return {
    async readFile(path) {
      let handle: Awaited<ReturnType<typeof open>>;
      try {
        // Non-blocking, so a named pipe in place of a file cannot hang the open.
        handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
      try {
        const info = await handle.stat();
        if (!info.isFile()) return null;
        const length = Math.min(info.size, maxBytes + 1);
        const buffer = Buffer.alloc(length);
        const { bytesRead } = await handle.read(buffer, 0, length, 0);
        return buffer.subarray(0, bytesRead);
      } finally {
        await handle.close();
      }
    },
    async readdir(path) {
      try {
        return await readdir(path);
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },
  };
}

export function problemOf(error: unknown, fallback: string): AppError {
  if (error instanceof AppFailure) return error.toJSON();
  return { code: 'browser-file-unreadable', message: sentences(fallback) };
}

/** Walks a parsed JSON value down known keys, never into arrays or anything that is not a plain object. */
export function pick(value: unknown, ...keys: string[]): unknown {
  let current = value;
  for (const key of keys) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
    if (!Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

// ---------------------------------------------------------------------------------------------
// Where it is turned off.

export function chromiumProduct(profile: ProfileRef): ChromiumProduct {
  if (profile.product) return profile.product;
  // The vendor folders each browser keeps its profiles under, with either separator.
  const dir = profile.dir.toLowerCase().replaceAll('\\', '/');
  if (dir.includes('microsoft/edge') || dir.includes('microsoft-edge') || dir.includes('microsoft edge')) return 'edge';
  if (dir.includes('bravesoftware/')) return 'brave';
  if (dir.includes('/vivaldi')) return 'vivaldi';
  if (dir.includes('opera software/') || dir.includes('com.operasoftware') || dir.includes('/opera')) return 'opera';
  if (dir.includes('/chromium/')) return 'chromium';
  return 'chrome';
}

/** The scheme of the browser's own pages: `chrome://`, `edge://`, `brave://`, … */
export function chromiumScheme(product: ChromiumProduct): string {
  switch (product) {
    case 'edge':
      return 'edge';
    case 'brave':
      return 'brave';
    case 'vivaldi':
      return 'vivaldi';
    case 'opera':
      return 'opera';
    default:
      return 'chrome';
  }
}

export function browserLabel(profile: ProfileRef): string {
  if (profile.browser === 'firefox') return 'Firefox';
  const labels: Record<ChromiumProduct, string> = {
    chrome: 'Chrome',
    chromium: 'Chromium',
    edge: 'Edge',
    brave: 'Brave',
    vivaldi: 'Vivaldi',
    opera: 'Opera',
  };
  return labels[chromiumProduct(profile)];
}

export function extensionsPage(profile: ProfileRef): string {
  return profile.browser === 'firefox' ? 'about:addons' : `${chromiumScheme(chromiumProduct(profile))}://extensions`;
}

// ---------------------------------------------------------------------------------------------
// Chromium.

/** Chromium's `Manifest::Location`: 5 is a component, 10 an external component; neither is the user's. */
const COMPONENT_LOCATIONS = new Set([5, 10]);

const ChromiumEntry = z.object({
  state: z.number().optional().catch(undefined),
  disable_reasons: z
    .union([z.number(), z.array(z.unknown())])
    .optional()
    .catch(undefined),
  location: z.number().optional().catch(undefined),
  was_installed_by_default: z.boolean().optional().catch(undefined),
  path: z.string().max(4096).optional().catch(undefined),
  manifest: z.unknown().optional(),
});
type ChromiumEntry = z.infer<typeof ChromiumEntry>;

const Manifest = z.object({
  name: z.string().max(4096).optional().catch(undefined),
  version: z.string().max(256).optional().catch(undefined),
  default_locale: z.string().max(64).optional().catch(undefined),
  theme: z.unknown().optional(),
});
type Manifest = z.infer<typeof Manifest>;

/** Chromium ids are 32 letters a–p; anything else is not used in a path. */
function isChromiumId(id: string): boolean {
  if (id.length !== 32) return false;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (c < 97 || c > 112) return false;
  }
  return true;
}

/** One path segment safe to join under the profile folder: no separators, no `..`, not too long. */
function isSafeSegment(s: string): boolean {
  return s.length > 0 && s.length <= 128 && s !== '.' && s !== '..' && !s.includes('/') && !s.includes('\\');
}

function chromiumEnabled(entry: ChromiumEntry): boolean {
  const reasons = entry.disable_reasons;
  if (Array.isArray(reasons)) return reasons.length === 0;
  if (typeof reasons === 'number') return reasons === 0 && entry.state !== 0;
  if (typeof entry.state === 'number') return entry.state === 1;
  return true;
}

function isMessageName(name: string): string | null {
  if (name.startsWith('__MSG_') && name.endsWith('__') && name.length > 8) return name.slice(6, -2);
  return null;
}

/** Resolves `__MSG_key__` through `_locales/<locale>/messages.json`; keys are case-insensitive. */
async function resolveMessage(
  io: ProfileIo,
  folder: string,
  key: string,
  locales: string[],
): Promise<string | undefined> {
  for (const locale of locales) {
    if (!isSafeSegment(locale)) continue;
    let messages: unknown;
    try {
      messages = await readProfileJson(io, joinPath(folder, '_locales', locale, 'messages.json'), 'extension list');
    } catch {
      continue;
    }
    if (messages === null || typeof messages !== 'object' || Array.isArray(messages)) continue;
    const wanted = key.toLowerCase();
    for (const [k, v] of Object.entries(messages)) {
      if (k.toLowerCase() !== wanted) continue;
      const text = pick(v, 'message');
      if (typeof text === 'string' && text.trim() !== '') return text;
    }
  }
  return undefined;
}

/** The installed version folder: the entry's own `path` when it is `<id>/<folder>`, else the newest folder. */
async function versionFolder(io: ProfileIo, dir: string, id: string, entry: ChromiumEntry): Promise<string | null> {
  if (!isChromiumId(id)) return null;
  const path = entry.path;
  if (path !== undefined) {
    const parts = path.split(/[\\/]/);
    if (parts.length === 2 && parts[0] === id && parts[1] !== undefined && isSafeSegment(parts[1])) {
      return joinPath(dir, 'Extensions', id, parts[1]);
    }
    // An absolute path is an unpacked extension outside the profile: it is not read.
    if (parts.length !== 1) return null;
  }
  const names = (await readdirSafe(io, joinPath(dir, 'Extensions', id))).filter(isSafeSegment).slice(0, 64);
  names.sort(compareVersionFolders);
  const newest = names[names.length - 1];
  return newest === undefined ? null : joinPath(dir, 'Extensions', id, newest);
}

/** `1.10.0_0` after `1.9.2_0`: dotted numbers compared as numbers. */
function compareVersionFolders(a: string, b: string): number {
  const pa = a.split(/[._]/);
  const pb = b.split(/[._]/);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = Number.parseInt(pa[i] ?? '0', 10) || 0;
    const y = Number.parseInt(pb[i] ?? '0', 10) || 0;
    if (x !== y) return x - y;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

async function chromiumExtensions(
  profile: ProfileRef,
  io: ProfileIo,
  problems: AppError[],
): Promise<BrowserExtension[]> {
  const entries = new Map<string, ChromiumEntry>();
  let readAny = false;
  for (const file of ['Preferences', 'Secure Preferences']) {
    let json: unknown;
    try {
      json = await readProfileJson(io, joinPath(profile.dir, file), 'extension list');
    } catch (error) {
      problems.push(problemOf(error, "The browser's extension list could not be read."));
      continue;
    }
    if (json === null) continue;
    readAny = true;
    const settings = pick(json, 'extensions', 'settings');
    if (settings === undefined) continue;
    if (settings === null || typeof settings !== 'object' || Array.isArray(settings)) {
      problems.push({ code: 'browser-file-damaged', message: "The browser's extension list has an unexpected shape." });
      continue;
    }
    let count = 0;
    for (const [id, raw] of Object.entries(settings)) {
      if (++count > MAX_EXTENSIONS) break;
      const parsed = ChromiumEntry.safeParse(raw);
      if (!parsed.success) continue;
      // Secure Preferences wins where both name the same extension; fields it lacks come from Preferences.
      const before = entries.get(id);
      entries.set(id, before ? mergeEntries(before, parsed.data) : parsed.data);
    }
  }
  if (!readAny && problems.length === 0) {
    problems.push({ code: 'browser-profile-empty', message: 'No extension list was found in this browser profile.' });
  }
  const where = extensionsPage(profile);
  const out: BrowserExtension[] = [];
  const deadline = Date.now() + SCAN_BUDGET_MS;
  let late = false;
  for (const [id, entry] of entries) {
    if (out.length >= MAX_EXTENSIONS) break;
    if (!late && Date.now() > deadline) {
      late = true;
      problems.push({
        code: 'browser-file-timeout',
        message: 'Reading the extensions took too long, so some are named by their id only.',
      });
    }
    if (entry.was_installed_by_default === true) continue;
    if (entry.location !== undefined && COMPONENT_LOCATIONS.has(entry.location)) continue;
    const inline = Manifest.safeParse(entry.manifest ?? {});
    let manifest: Manifest = inline.success ? inline.data : {};
    const folder = late ? null : await versionFolder(io, profile.dir, id, entry);
    if (folder !== null && (manifest.name === undefined || manifest.version === undefined)) {
      try {
        const fromDisk = Manifest.safeParse(
          await readProfileJson(io, joinPath(folder, 'manifest.json'), 'extension list'),
        );
        if (fromDisk.success) manifest = { ...fromDisk.data, ...stripUndefined(manifest) };
      } catch {
        // A missing or damaged manifest leaves the id as the name.
      }
    }
    if (manifest.theme !== undefined) continue;
    let name = manifest.name ?? id;
    const key = isMessageName(name);
    if (key !== null) {
      const locales = [manifest.default_locale, 'en', 'en_US'].filter((l): l is string => typeof l === 'string');
      const resolved = folder === null ? undefined : await resolveMessage(io, folder, key, [...new Set(locales)]);
      name = resolved ?? id;
    }
    out.push({
      id,
      name: cleanName(name),
      ...(manifest.version !== undefined ? { version: manifest.version } : {}),
      enabled: chromiumEnabled(entry),
      risk: extensionRisk(id, name),
      where,
    });
  }
  return out;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function mergeEntries(base: ChromiumEntry, over: ChromiumEntry): ChromiumEntry {
  return { ...base, ...stripUndefined(over) };
}

// ---------------------------------------------------------------------------------------------
// Firefox.

/** Add-ons the browser ships or updates itself; not the user's to turn off. */
const FIREFOX_SYSTEM_LOCATIONS = new Set(['app-builtin', 'app-system-defaults', 'app-system-addons']);

const FirefoxAddon = z.object({
  id: z.string().min(1).max(512),
  type: z.string().max(64).optional().catch(undefined),
  location: z.string().max(128).optional().catch(undefined),
  active: z.boolean().optional().catch(undefined),
  userDisabled: z.boolean().optional().catch(undefined),
  appDisabled: z.boolean().optional().catch(undefined),
  version: z.string().max(256).optional().catch(undefined),
  defaultLocale: z
    .object({ name: z.string().max(4096).optional().catch(undefined) })
    .optional()
    .catch(undefined),
});

async function firefoxExtensions(
  profile: ProfileRef,
  io: ProfileIo,
  problems: AppError[],
): Promise<BrowserExtension[]> {
  let json: unknown;
  try {
    json = await readProfileJson(io, joinPath(profile.dir, 'extensions.json'), 'add-on list');
  } catch (error) {
    problems.push(problemOf(error, "The browser's add-on list could not be read."));
    return [];
  }
  if (json === null) {
    problems.push({ code: 'browser-profile-empty', message: 'No add-on list was found in this browser profile.' });
    return [];
  }
  const addons = pick(json, 'addons');
  if (!Array.isArray(addons)) {
    problems.push({ code: 'browser-file-damaged', message: "The browser's add-on list has an unexpected shape." });
    return [];
  }
  const out: BrowserExtension[] = [];
  for (const raw of addons.slice(0, MAX_EXTENSIONS)) {
    const parsed = FirefoxAddon.safeParse(raw);
    if (!parsed.success) continue;
    const a = parsed.data;
    if (a.type !== undefined && a.type !== 'extension') continue;
    if (a.location !== undefined && FIREFOX_SYSTEM_LOCATIONS.has(a.location)) continue;
    const name = a.defaultLocale?.name ?? a.id;
    const enabled = a.active ?? (a.userDisabled !== true && a.appDisabled !== true);
    out.push({
      id: a.id,
      name: cleanName(name),
      ...(a.version !== undefined ? { version: a.version } : {}),
      enabled,
      risk: extensionRisk(a.id, name),
      where: 'about:addons',
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

/** Control characters out, blanks collapsed, length bounded: a name as the user would read it. */
function cleanName(name: string): string {
  let out = '';
  let space = false;
  for (const ch of name.slice(0, 512)) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0) || ch.trim() === '') {
      space = out !== '';
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += ch;
  }
  return out.length > 120 ? `${out.slice(0, 119)}…` : out;
}

/** Every extension of the profile, with the files that could not be read. Never throws. */
export async function readExtensions(profile: ProfileRef, io: ProfileIo): Promise<ExtensionScan> {
  const problems: AppError[] = [];
  try {
    const extensions =
      profile.browser === 'firefox'
        ? await firefoxExtensions(profile, io, problems)
        : await chromiumExtensions(profile, io, problems);
    return { extensions, problems: dedupe(problems) };
  } catch (error) {
    return { extensions: [], problems: [problemOf(error, "The browser's extension list could not be read.")] };
  }
}

function dedupe(problems: AppError[]): AppError[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.code}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Every extension of the profile. Throws an AppFailure (whole sentences) when nothing could be read at all;
 * a file that could not be read beside one that could is left out quietly (readExtensions reports it).
 */
export async function listExtensions(profile: ProfileRef, io: ProfileIo): Promise<BrowserExtension[]> {
  const scan = await readExtensions(profile, io);
  const first = scan.problems[0];
  if (scan.extensions.length === 0 && first !== undefined && first.code !== 'browser-profile-empty') {
    throw new AppFailure(first.code, first.message);
  }
  return scan.extensions;
}

// ---------------------------------------------------------------------------------------------
// Findings.

/**
 * The finding kinds this folder adds. They are not in shared/model.ts's `Finding['kind']` yet; until they
 * are, findings carry this local type.
 */
export type BrowserFindingKind = 'risky-extension' | 'blocking-setting' | 'clock-skew';
export type BrowserFinding = Omit<Finding, 'kind'> & { kind: BrowserFindingKind };

/**
 * A name from a profile, safe inside a sentence: quoted, and never able to end the sentence early or break
 * the sentence rule (`Foo. bar` keeps its full stop but not the break after it).
 */
export function quoteName(name: string): string {
  let out = '';
  for (const ch of cleanName(name)) {
    const last = out.charAt(out.length - 1);
    if (ch === ' ' && '.!?'.includes(last)) out += '\u00a0';
    else if (ch === ' ' && last === ' ') continue;
    else if ('.,;:!?'.includes(ch) && last === ' ') out = `${out.slice(0, -1)}${ch}`;
    else if (ch === '.' && last === '.') continue;
    else out += ch;
  }
  return `“${out.trim() === '' ? 'an unnamed extension' : out}”`;
}

const RISK_WORDING: Record<ExtensionRisk, { severity: Finding['severity']; title: string; why: string }> = {
  'vpn-proxy': {
    severity: 'warning',
    title: 'sends the browser through another address',
    why: 'Sites often refuse the shared addresses that VPN and proxy extensions use, and that is a common cause of error 1020',
  },
  'ua-spoof': {
    severity: 'warning',
    title: 'changes what the browser says it is',
    why: "A site's security check distrusts a browser whose identity does not add up, and may refuse it",
  },
  blocker: {
    severity: 'info',
    title: 'blocks scripts or requests',
    why: "It can stop a site's security check from running, so the site never lets the browser in",
  },
  privacy: {
    severity: 'info',
    title: 'clears cookies or strips parts of pages',
    why: 'It can throw away the cookie that says the browser passed a security check, so the check comes back',
  },
};

/** One finding per enabled extension that can get the browser refused; disabled ones say nothing. */
export function extensionFindings(extensions: readonly BrowserExtension[], profile: ProfileRef): BrowserFinding[] {
  const browser = browserLabel(profile);
  const findings: BrowserFinding[] = [];
  for (const ext of extensions) {
    if (!ext.enabled || ext.risk === null) continue;
    const wording = RISK_WORDING[ext.risk];
    const name = quoteName(ext.name);
    findings.push({
      id: `risky-extension:${profile.browser}:${ext.id}`,
      kind: 'risky-extension',
      severity: wording.severity,
      title: sentences(`The ${browser} extension ${name} ${wording.title}`),
      detail: sentences(
        wording.why,
        `To test it, turn it off at ${ext.where}, then load the site again`,
        'If the site works then, keep it off for that site or leave it off',
      ),
      facts: [
        { label: 'Extension', value: ext.name },
        { label: 'Extension id', value: ext.id, copy: true },
        ...(ext.version !== undefined ? [{ label: 'Version', value: ext.version }] : []),
        { label: 'Turn it off at', value: ext.where, copy: true },
      ],
    });
  }
  return findings;
}
