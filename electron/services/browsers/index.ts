/**
 * The browsers service: which browsers and profiles this user has, how many cookies of the sites each
 * holds, and clearing them from one profile (through the journal). The home folder, environment and
 * platform are injected so tests (and support, through `ACCESS_DOCTOR_HOME`) can point it at a fake home.
 */

import type {
  BrowserId,
  BrowserProfile,
  BrowsersResult,
  ClearSiteDataResult,
  PrivateWindowResult,
  ProfileSiteData,
} from '../../../shared/model';
import { host, sentences } from '../../../shared/text';
import { AppFailure } from '../../core/errors';
import { type Spawner, spawnDetached } from '../../platform/exec';
import type { Journal } from '../journal';
import { nodeProfileIo, type ProfileRef, readExtensions } from './extensions';
import { countLocalStorage } from './local-storage';
import { type LaunchEnv, openPrivateWindow } from './private-window';
import { BROWSER_NAMES, findProfiles, pickProfile } from './profiles';
import { defaultRunningProbe, type RunningProbe } from './running';
import { readBlockingSettings } from './settings';
import { clearSiteCookies, countSiteCookies, findOriginFolders } from './site-data';

/** Domains a site signs in through, so their cookies go with it. */
export const SIGN_IN_DOMAINS: Record<string, string[]> = {
  'chatgpt.com': ['openai.com'],
  'chat.openai.com': ['openai.com', 'chatgpt.com'],
  'claude.ai': ['anthropic.com'],
};

/** The targets' domains (without `www.` or a port) and their sign-in domains, once each. */
export function defaultSites(targets: readonly string[]): string[] {
  const sites: string[] = [];
  const add = (s: string) => {
    if (s.includes('.') && !sites.includes(s)) sites.push(s);
  };
  for (const t of targets) {
    const name = host(t)
      .toLowerCase()
      .replace(/:\d+$/, '')
      .replace(/^www\./, '');
    if (/^[\d.]+$/.test(name) || name.startsWith('[')) continue;
    add(name);
    for (const extra of SIGN_IN_DOMAINS[name] ?? []) add(extra);
  }
  return sites;
}

export interface BrowsersOptions {
  home(): string;
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  running?: RunningProbe;
  /** `browsers.sites` from the config, or null for the default from the targets. */
  configuredSites: string[] | null;
  targets: string[];
  /** Starts the private-window test's browser (default: detached, no shell). */
  spawn?: Spawner;
  /** Where the browser programs are looked for (tests: fake PATH, Snap, Flatpak and app folders). */
  launchEnv?: Partial<Omit<LaunchEnv, 'spawn'>>;
}

export interface ClearInput {
  browser: BrowserId;
  profile: string;
  sites?: string[];
}

export interface BrowsersService {
  sites(targets?: readonly string[]): string[];
  profiles(): Promise<BrowserProfile[]>;
  list(options?: { targets?: readonly string[]; sites?: string[]; signal?: AbortSignal }): Promise<BrowsersResult>;
  clear(input: ClearInput, journal: Journal): Promise<ClearSiteDataResult>;
  /** Opens a target (default: the first) in a private window of the browser, extensions off where honoured. */
  privateWindow(input: { browser: BrowserId; target?: string }): Promise<PrivateWindowResult>;
}

/** How the extension and settings readers name a profile. */
export function profileRef(p: BrowserProfile): ProfileRef {
  return p.family === 'firefox'
    ? { browser: 'firefox', dir: p.folder }
    : { browser: 'chromium-family', dir: p.folder, ...(p.browser !== 'firefox' ? { product: p.browser } : {}) };
}

const profileIo = nodeProfileIo();

export function createBrowsersService(options: BrowsersOptions): BrowsersService {
  const running = options.running ?? defaultRunningProbe(options.platform);
  const profiles = (only?: BrowserId) =>
    findProfiles({ home: options.home(), env: options.env, platform: options.platform, running, only });
  const sites = (targets: readonly string[] = options.targets) => options.configuredSites ?? defaultSites(targets);

  return {
    sites,
    profiles: () => profiles(),
    async list(o = {}) {
      const wanted = o.sites ?? sites(o.targets);
      const result: ProfileSiteData[] = [];
      for (const p of await profiles()) {
        const origins = await findOriginFolders(p, wanted);
        if (o.signal?.aborted) {
          result.push({ ...p, cookies: null, bySite: {}, origins, note: 'The count was stopped.' });
          continue;
        }
        // Extensions and blocking settings are read-only and never throw: a damaged file is left out.
        // A damaged Local Storage only leaves it out of the count; the clear says why it is left alone.
        const ref = profileRef(p);
        const [extensions, blocking, stored] = await Promise.all([
          readExtensions(ref, profileIo).then((scan) => scan.extensions),
          readBlockingSettings(ref, profileIo, wanted).then((scan) => scan.settings),
          countLocalStorage(p, wanted).catch(() => null),
        ]);
        const extra = {
          extensions,
          blocking,
          ...(stored && stored.items > 0 && { localStorage: { origins: stored.origins, items: stored.items } }),
        };
        try {
          const count = await countSiteCookies(p, wanted);
          result.push({ ...p, cookies: count.cookies, bySite: count.bySite, origins, ...extra });
        } catch (error) {
          if (!(error instanceof AppFailure)) throw error;
          result.push({ ...p, cookies: null, bySite: {}, origins, note: error.message, ...extra });
        }
      }
      return { sites: wanted, profiles: result };
    },
    async clear(input, journal) {
      // Only the named browser's folders: its profiles are all a clear can pick from or name.
      const all = await profiles(input.browser);
      const matches = pickProfile(all, input.browser, input.profile);
      const name = BROWSER_NAMES[input.browser];
      if (matches.length === 0) {
        const known = all.filter((p) => p.browser === input.browser).map((p) => `${p.id} (${p.name})`);
        throw new AppFailure(
          'browsers-no-profile',
          sentences(
            `${name} has no profile “${input.profile.slice(0, 100)}”`,
            known.length > 0 ? `Its profiles: ${known.join(', ')}` : `${name} was not found for this user`,
          ),
        );
      }
      if (matches.length > 1) {
        throw new AppFailure(
          'browsers-ambiguous-profile',
          sentences(
            `More than one ${name} profile is called “${input.profile.slice(0, 100)}”`,
            `Name it by its folder: ${matches.map((p) => p.id).join(', ')}`,
          ),
        );
      }
      const [profile] = matches as [BrowserProfile];
      const chosen = input.sites?.length ? input.sites : sites();
      if (chosen.length === 0) {
        throw new AppFailure(
          'browsers-no-sites',
          'No site to clear: the targets have no domain name. Set browsers.sites in the config, or name one with --site.',
        );
      }
      return clearSiteCookies(profile, chosen, {
        journal,
        stillRunning: async (p) => (await profiles(p.browser)).some((q) => q.folder === p.folder && q.running),
      });
    },
    async privateWindow(input) {
      const target = input.target ?? options.targets[0];
      if (target === undefined) {
        throw new AppFailure('browsers-bad-target', 'No site to open: name one with --target or in the config.');
      }
      return openPrivateWindow(input.browser, target, {
        platform: options.platform,
        env: options.env,
        home: options.home(),
        ...options.launchEnv,
        spawn: options.spawn ?? spawnDetached,
      });
    },
  };
}
