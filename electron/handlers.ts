/** The contract's handlers over the services. Shell-specific effects (opening a URL) are passed in. */
import { platform, release } from 'node:os';
import type { AppInfo, Handlers, PayloadOf } from '../shared/ipc';
import type { WatchState } from '../shared/model';
import { AppFailure } from './core/errors';
import type { Services } from './services';
import { type Journal, summarize } from './services/journal';
import type { WatchController } from './services/watch';

export interface HandlerDeps {
  services: Services;
  shell: AppInfo['shell'];
  version: string;
  emitProgress(payload: PayloadOf<'progress'>): void;
  /** Optional so shells can wire it when they show router steps; without it progress is dropped. */
  emitRouterProgress?(payload: PayloadOf<'routerProgress'>): void;
  openExternal(url: string): Promise<boolean>;
  /** The background watch (app and harness); without it the watch channels say it is unavailable. */
  watch?: WatchController;
  /** Saves new sites to the app's config (the composition knows where); absent: they cannot be changed. */
  setTargets?(targets: string[]): Promise<void>;
  /** Turns the watch on or off and saves the choice; defaults to the watch's own switch (not saved). */
  setWatch?(enabled: boolean): Promise<WatchState>;
  /** The change journal; without it there are no backups to list. */
  journal?: Journal;
  /** After `proxy.off` / `proxy.restore`: the proxy settings as they are now. */
  emitProxyChanged?(status: PayloadOf<'proxyChanged'>): void;
}

export function createHandlers(deps: HandlerDeps): Handlers {
  const { services } = deps;
  // One AbortController per running router job, so the window can cancel a long power-cycle watch.
  const routerJobs = new Map<string, AbortController>();
  const routerJob = async <T>(runId: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    routerJobs.get(runId)?.abort();
    const controller = new AbortController();
    routerJobs.set(runId, controller);
    try {
      return await work(controller.signal);
    } finally {
      if (routerJobs.get(runId) === controller) routerJobs.delete(runId);
    }
  };
  const onRouterProgress = (p: PayloadOf<'routerProgress'>) => deps.emitRouterProgress?.(p);
  const watch = () => {
    if (!deps.watch) throw new AppFailure('watch-unavailable', 'Background watching is not available here.');
    return deps.watch;
  };
  const info = (): AppInfo => ({
    version: deps.version,
    shell: deps.shell,
    targets: services.config.targets,
    os: `${platform()} ${release()}`,
    supportLinks: services.config.supportLinks,
  });
  return {
    'app.info': async () => info(),
    'config.setTargets': async (input) => {
      if (!deps.setTargets) throw new AppFailure('config-unavailable', 'The sites cannot be changed here.');
      await deps.setTargets(input.targets);
      return info();
    },
    'diagnose.run': (input) =>
      services.diagnose({ runId: input.runId, targets: input.targets, onProgress: deps.emitProgress }),
    'shell.openExternal': async (input) => ({ opened: await deps.openExternal(input.url) }),
    'router.status': () => services.router.status(),
    'router.reset': (input) =>
      routerJob(input.runId, (signal) =>
        services.router.reset({ runId: input.runId, onProgress: onRouterProgress, signal }),
      ),
    'router.powerCycle': (input) =>
      routerJob(input.runId, (signal) =>
        services.router.powerCycle({
          runId: input.runId,
          oldIp: input.oldIp ?? null,
          onProgress: onRouterProgress,
          signal,
        }),
      ),
    'router.cancel': async (input) => {
      const job = routerJobs.get(input.runId);
      job?.abort();
      return { cancelled: Boolean(job) };
    },
    'ip.history': async () => deps.watch?.history() ?? [],
    'watch.state': async () => watch().state(),
    'watch.set': (input) => (deps.setWatch ? deps.setWatch(input.enabled) : watch().setEnabled(input.enabled)),
    'watch.check': () => watch().checkNow(),
    'vpn.status': () => services.vpn.status(),
    'vpn.disconnect': (input) => services.vpn.disconnect({ name: input.name, journal: deps.journal }),
    'vpn.reconnect': () => services.vpn.reconnect({ journal: deps.journal }),
    'browsers.list': () => services.browsers.list(),
    'browsers.clear': async (input) => {
      if (!deps.journal) {
        throw new AppFailure('journal-unavailable', 'Access Doctor cannot back up files here, so nothing was cleared.');
      }
      return services.browsers.clear(
        { browser: input.browser, profile: input.profile, sites: input.sites },
        deps.journal,
      );
    },
    'browsers.privateWindow': (input) =>
      services.browsers.privateWindow({ browser: input.browser, target: input.target ?? services.config.targets[0] }),
    'backups.list': async () => {
      if (!deps.journal) return { entries: [], damaged: [] };
      const listing = await deps.journal.list();
      return { entries: listing.entries.map(summarize), damaged: listing.damaged };
    },
    'backups.restore': async (input) => {
      if (!deps.journal) throw new AppFailure('journal-not-found', `No backup with id ${input.id}.`);
      return summarize(await deps.journal.restore(input.id));
    },
    // proxy
    'proxy.status': () => services.proxy.read(),
    'proxy.compare': () => services.proxy.compare(services.config.targets),
    'proxy.off': async () => {
      const change = await services.proxy.off();
      deps.emitProxyChanged?.(change.status);
      return change;
    },
    'proxy.restore': async (input) => {
      const change = await services.proxy.restore(input.id);
      deps.emitProxyChanged?.(change.status);
      return change;
    },
  };
}
