/** `access-doctor browsers list|clear|private`: the browsers' profiles and a site's cookies from the command line. */
import type { BrowserId, BrowsersResult, ClearSiteDataResult } from '../../shared/model';
import { sentences } from '../../shared/text';
import { AppFailure } from '../core/errors';
import type { Services } from '../services';
import { BROWSER_IDS, BROWSER_NAMES } from '../services/browsers/profiles';
import type { Journal } from '../services/journal';
import { EXIT } from './exit-codes';

export function formatBrowsers(result: BrowsersResult): string {
  if (result.profiles.length === 0) return 'No browser profiles found for this user.';
  const lines = [`Sites: ${result.sites.join(', ')}`];
  for (const p of result.profiles) {
    const count = p.cookies === null ? 'cookies not counted' : p.cookies === 1 ? '1 cookie' : `${p.cookies} cookies`;
    lines.push(`${p.browser}  ${p.id}  “${p.name}”  running: ${p.running ? 'yes' : 'no'}  ${count}`);
    if (p.note) lines.push(`  ${p.note}`);
    for (const o of p.origins) lines.push(`  site storage ${o} (cleared with the cookies)`);
  }
  return lines.join('\n');
}

export function formatCleared(r: ClearSiteDataResult, browserName: string): string {
  return [
    sentences(
      `Removed ${r.removedCookies === 1 ? '1 cookie' : `${r.removedCookies} cookies`} of ${r.sites.join(', ')} from ${browserName} (${r.profileName})`,
      `Backup ${r.backupId} keeps the original files; \`access-doctor backups restore ${r.backupId}\` puts them back`,
    ),
    ...Object.entries(r.bySite).map(([site, n]) => `  ${site}: ${n}`),
    ...(r.removedOrigins.length > 0
      ? [
          sentences(`Removed ${r.removedOrigins.length} site storage folders (they are in the backup too)`),
          ...r.removedOrigins.map((o) => `  ${o}`),
        ]
      : []),
    ...(r.removedLocalStorage
      ? [
          sentences(
            `Removed ${r.removedLocalStorage.items === 1 ? '1 Local Storage item' : `${r.removedLocalStorage.items} Local Storage items`} of ${r.removedLocalStorage.origins.length === 1 ? '1 origin' : `${r.removedLocalStorage.origins.length} origins`} (they are in the backup too)`,
          ),
          ...r.removedLocalStorage.origins.map((o) => `  ${o}`),
        ]
      : []),
    ...(r.localStorageLeft ? [r.localStorageLeft] : []),
    ...(r.originsLeft.length > 0
      ? [
          sentences(
            `The site also keeps storage in ${r.originsLeft.length} folders that could not be backed up safely, so they were left in place`,
          ),
          ...r.originsLeft.map((o) => `  ${o}`),
        ]
      : []),
  ].join('\n');
}

export interface BrowsersCliOptions {
  services: Services;
  journal: Journal;
  json: boolean;
  yes: boolean;
  browser?: string;
  profile?: string;
  sites?: string[];
  /** With `browsers private`: the page to open (default: the first target). */
  target?: string;
  print(json: unknown, text: string): void;
  stderr(text: string): void;
  /** Asks yes/no on the terminal; absent when there is none. */
  ask?(question: string): Promise<boolean>;
}

const SITE = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export async function runBrowsers(sub: string | undefined, o: BrowsersCliOptions): Promise<number> {
  const sites = (o.sites ?? []).map((s) => s.toLowerCase());
  const bad = sites.find((s) => !SITE.test(s));
  if (bad !== undefined) {
    o.stderr(`“${bad.slice(0, 100)}” is not a domain name such as chatgpt.com.\n`);
    return EXIT.usage;
  }
  try {
    if (sub === 'list' || sub === undefined) {
      const result = await o.services.browsers.list({ sites: sites.length > 0 ? sites : undefined });
      o.print(result, formatBrowsers(result));
      return EXIT.ok;
    }
    if (sub === 'clear') {
      if (!o.browser || !BROWSER_IDS.includes(o.browser as BrowserId)) {
        o.stderr(`The browsers clear command needs --browser, one of ${BROWSER_IDS.join(', ')}.\n`);
        return EXIT.usage;
      }
      if (!o.profile) {
        o.stderr(
          'The browsers clear command needs --profile, the profile’s folder or name (see `access-doctor browsers list`).\n',
        );
        return EXIT.usage;
      }
      const browser = o.browser as BrowserId;
      const named = sites.length > 0 ? sites : o.services.browsers.sites();
      if (!o.yes) {
        const question = `Delete the cookies and site storage of ${named.join(', ')} from ${browser} (${o.profile})? A backup is kept. [y/N] `;
        if (!o.ask) {
          o.stderr(
            'Refusing without confirmation: there is no terminal to ask on. Run it again with --yes to confirm.\n',
          );
          return EXIT.usage;
        }
        if (!(await o.ask(question))) {
          o.stderr('Nothing changed.\n');
          return EXIT.ok;
        }
      }
      const result = await o.services.browsers.clear({ browser, profile: o.profile, sites: named }, o.journal);
      o.print(result, formatCleared(result, BROWSER_NAMES[browser]));
      return EXIT.ok;
    }
    if (sub === 'private') {
      if (!o.browser || !BROWSER_IDS.includes(o.browser as BrowserId)) {
        o.stderr(`The browsers private command needs --browser, one of ${BROWSER_IDS.join(', ')}.\n`);
        return EXIT.usage;
      }
      const result = await o.services.browsers.privateWindow({ browser: o.browser as BrowserId, target: o.target });
      o.print(result, result.launched ? `${result.message}\n  ${result.command.join(' ')}` : result.message);
      return EXIT.ok;
    }
  } catch (error) {
    if (error instanceof AppFailure) {
      if (o.json) o.print({ error: error.toJSON() }, '');
      o.stderr(`${error.message}\n`);
      return error.code === 'browsers-running' || error.code === 'browsers-unsettled'
        ? EXIT.busy
        : error.code === 'browsers-no-profile' ||
            error.code === 'browsers-ambiguous-profile' ||
            error.code === 'browsers-bad-target'
          ? EXIT.usage
          : EXIT.internal;
    }
    throw error;
  }
  o.stderr(`Unknown browsers command: ${sub}. Use browsers list, browsers clear or browsers private.\n`);
  return EXIT.usage;
}
