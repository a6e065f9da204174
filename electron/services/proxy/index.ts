/**
 * The OS proxy service: `read()`, `off()`, `apply(settings)`, `restore(backupId?)` over one driver per
 * platform (gnome.ts, kde.ts, windows.ts, macos.ts; env.ts is only read). Every change is journaled
 * before it is written and read back after; a restore puts the previous settings back exactly.
 */
import type { ProxyChange, ProxyComparison, ProxySource, ProxyStatus } from '../../../shared/model';
import { sentences } from '../../../shared/text';
import { AppFailure } from '../../core/errors';
import type { RunCommand } from '../../platform/exec';
import { isUnfinished, type Journal, type JournalEntry, journaled } from '../journal';
import { type CompareDeps, compareProxy } from './compare';
import { type Desktop, systemSource } from './desktop';
import { readEnvProxy } from './env';
import { createGnomeDriver, GNOME_KIND, gnomeRestorer } from './gnome';
import { createKdeDriver, KDE_KIND, kdeRestorer } from './kde';
import { createMacosDriver, MACOS_KIND, macosRestorer } from './macos';
import { type DriverDeps, PROXY_OFF, type ProxyDriver, type ProxyRestorers, type ProxySettings } from './types';
import { createWindowsDriver, WINDOWS_KIND, windowsRestorer } from './windows';

export type { Desktop } from './desktop';
export type { ProxySettings } from './types';

export const PROXY_KINDS: Record<string, ProxySource> = {
  [GNOME_KIND]: 'gnome',
  [KDE_KIND]: 'kde',
  [WINDOWS_KIND]: 'windows',
  [MACOS_KIND]: 'macos',
};

const NAMES: Record<ProxySource, string> = {
  gnome: 'GNOME',
  kde: 'KDE',
  windows: 'Windows',
  macos: 'macOS',
  env: 'environment',
  winhttp: 'WinHTTP',
};

export interface ProxyServiceDeps {
  run: RunCommand;
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  readFile(path: string): Promise<string>;
  /** The two ways to the sites for `compare`; without them `compare` says it cannot try. */
  compare?: CompareDeps;
}

export interface ProxyOptions {
  /** `--desktop gnome|kde`: which Linux desktop's settings, when XDG_CURRENT_DESKTOP does not tell. */
  desktop?: Desktop;
}

export function createProxyService(deps: ProxyServiceDeps) {
  const driverDeps: DriverDeps = { run: deps.run, env: deps.env, readFile: deps.readFile };
  let journal: Journal | undefined;
  const drivers: Partial<Record<ProxySource, () => ProxyDriver>> = {
    gnome: () => createGnomeDriver(driverDeps),
    kde: () => createKdeDriver(driverDeps),
    windows: () => createWindowsDriver(driverDeps),
    macos: () => createMacosDriver(driverDeps),
  };
  const restorers: ProxyRestorers = {
    [GNOME_KIND]: gnomeRestorer(driverDeps),
    [KDE_KIND]: kdeRestorer(driverDeps),
    [WINDOWS_KIND]: windowsRestorer(driverDeps),
    [MACOS_KIND]: macosRestorer(driverDeps),
  };
  const theJournal = () => {
    if (!journal)
      throw new AppFailure(
        'proxy-no-journal',
        'Access Doctor cannot back up the proxy settings here, so it changed nothing.',
      );
    return journal;
  };
  const driverFor = (options: ProxyOptions) => {
    const source = systemSource(deps.platform, deps.env, options.desktop);
    const make = source ? drivers[source] : undefined;
    if (!source || !make) {
      throw new AppFailure(
        'proxy-no-desktop',
        sentences(
          'Access Doctor cannot tell which desktop’s proxy settings apply here, so it changed nothing',
          'Choose GNOME or KDE with --desktop',
        ),
      );
    }
    return make();
  };

  async function read(options: ProxyOptions = {}): Promise<ProxyStatus> {
    const system = systemSource(deps.platform, deps.env, options.desktop);
    const status: ProxyStatus = { system, reports: [], failures: [] };
    if (system) {
      try {
        status.reports.push(...(await driverFor(options).read()));
      } catch (error) {
        status.failures.push({
          source: system,
          error: {
            code: error instanceof AppFailure ? error.code : 'proxy-unreadable',
            message: `The ${NAMES[system]} proxy settings could not be read.`,
          },
        });
      }
    }
    const env = await readEnvProxy(deps.env, deps.readFile);
    if (env) status.reports.push(env);
    return status;
  }

  async function change(settings: ProxySettings, description: string, options: ProxyOptions): Promise<ProxyChange> {
    const j = theJournal();
    const driver = driverFor(options);
    const { entry } = await journaled(
      j,
      () => driver.backup(j, description),
      () => driver.write(settings),
    );
    return { backupId: entry.id, source: driver.source, status: await read(options) };
  }

  async function compareWith(
    status: ProxyStatus,
    targets: readonly string[],
    signal?: AbortSignal,
  ): Promise<ProxyComparison> {
    const compare = deps.compare ?? {
      viaProxy: () => {
        throw new AppFailure('proxy-no-transport', 'No proxy transport is set up.');
      },
      direct: null,
      config: { http: { timeoutMs: 1, maxBodyBytes: 1, maxRedirects: 0, userAgent: '' } },
    };
    return compareProxy(status, targets, compare, signal);
  }

  /** The newest proxy entry that was not put back yet. */
  async function newestToRestore(): Promise<JournalEntry | undefined> {
    const { entries } = await theJournal().list();
    return entries.find((e) => e.kind in PROXY_KINDS && (e.state === 'applied' || isUnfinished(e)));
  }

  return {
    restorers,
    /** Gives the service the journal it backs up into (the composition root builds it after the services). */
    attachJournal(j: Journal) {
      journal = j;
    },
    read,
    /** Whether the proxy is the cause: the targets probed through it and without it (ProxyStatus.comparison). */
    async compare(targets: readonly string[], signal?: AbortSignal, options: ProxyOptions = {}): Promise<ProxyStatus> {
      const status = await read(options);
      return { ...status, comparison: await compareWith(status, targets, signal) };
    },
    compareWith,
    async off(options: ProxyOptions = {}): Promise<ProxyChange> {
      const driver = driverFor(options);
      const now = (await driver.read()).filter((r) => !r.readOnly);
      if (now.every((r) => r.mode === 'none')) {
        throw new AppFailure('proxy-already-off', 'No system proxy is set, so nothing was changed.');
      }
      return change(PROXY_OFF, 'Turn the system proxy off', options);
    },
    apply: (settings: ProxySettings, options: ProxyOptions = {}) =>
      change(settings, `Set the system proxy to ${settings.mode}`, options),
    async restore(backupId?: string, options: ProxyOptions = {}): Promise<ProxyChange> {
      const j = theJournal();
      const entry = backupId ? await j.get(backupId) : await newestToRestore();
      if (!entry) throw new AppFailure('proxy-nothing-to-restore', 'There is no proxy change to undo.');
      const source = PROXY_KINDS[entry.kind];
      if (!source) throw new AppFailure('proxy-not-a-proxy-backup', `Backup ${entry.id} is not a proxy backup.`);
      await j.restore(entry.id);
      return {
        backupId: entry.id,
        source,
        status: await read(source === 'gnome' || source === 'kde' ? { ...options, desktop: source } : options),
      };
    },
  };
}

export type ProxyService = ReturnType<typeof createProxyService>;
