/**
 * The contract's handlers over the services: the app's own channels here, each capability's from its
 * folder (`services/<name>/channels.ts`). Shell-specific effects (opening a URL) are passed in.
 */
import { platform, release } from 'node:os';
import type { AppInfo, Handlers, PayloadOf } from '../shared/ipc';
import type { WatchState } from '../shared/model';
import { AppFailure } from './core/errors';
import type { Services } from './services';
import { browsersChannels } from './services/browsers/channels';
import type { ChannelContext } from './services/channels';
import { type Journal, summarize } from './services/journal';
import { proxyChannels } from './services/proxy/channels';
import { routerChannels } from './services/router/channels';
import { vpnChannels } from './services/vpn/channels';
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
  const ctx: ChannelContext = {
    journal: deps.journal,
    emitRouterProgress: deps.emitRouterProgress,
    emitProxyChanged: deps.emitProxyChanged,
  };
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
    'ip.history': async () => deps.watch?.history() ?? [],
    'watch.state': async () => watch().state(),
    'watch.set': (input) => (deps.setWatch ? deps.setWatch(input.enabled) : watch().setEnabled(input.enabled)),
    'watch.check': () => watch().checkNow(),
    'backups.list': async () => {
      if (!deps.journal) return { entries: [], damaged: [] };
      const listing = await deps.journal.list();
      return { entries: listing.entries.map(summarize), damaged: listing.damaged };
    },
    'backups.restore': async (input) => {
      if (!deps.journal) throw new AppFailure('journal-not-found', `No backup with id ${input.id}.`);
      return summarize(await deps.journal.restore(input.id));
    },
    // Each capability's own channels, from its folder; a channel missing here fails the type check.
    ...routerChannels(services.router, ctx),
    ...vpnChannels(services.vpn, ctx),
    ...proxyChannels(services.proxy, () => services.config.targets, ctx),
    ...browsersChannels(services.browsers, () => services.config.targets[0], ctx),
  };
}
