/**
 * The one composition root (DESIGN.md §1): builds the services, the journal with every capability's
 * restorer, the background watch, the contract's handlers and the event forwarding from a config and
 * the platform doors. The Electron main process, the browser harness and the CLI all call it, so the
 * harness runs exactly the app's wiring.
 */
import type { AppInfo, EventName, PayloadOf } from '../shared/ipc';
import { type Config, saveTargets } from './config';
import { AppFailure } from './core/errors';
import { createHandlers } from './handlers';
import { runCommand } from './platform/exec';
import type { FetchLike } from './platform/http';
import { loadPrefs, type Prefs, savePrefs } from './prefs';
import { createDispatch, type Dispatch } from './rpc/dispatch';
import { createServices, type Services } from './services';
import { createJournal, type Journal } from './services/journal';
import { createHistoryStore, createWatchController, type WatchController, watchSessionFor } from './services/watch';

export interface ComposePaths {
  /** The app's settings file, where the window saves the sites; null where they cannot be saved (the CLI). */
  config: string | null;
  /** The change journal's folder (shared by the app and the CLI). */
  journal: string;
  /** The IP history file; null keeps it in memory. */
  ipHistory: string | null;
  /** The prefs file ("Watch in background"); null keeps them in memory. */
  prefs: string | null;
}

export interface ComposeOptions {
  config: Config;
  fetch: FetchLike;
  paths: ComposePaths;
  shell: AppInfo['shell'];
  version: string;
  /**
   * A fetch that bypasses every proxy (the proxy comparison's direct side). The CLI's own fetch is one;
   * the app's goes through the system proxy, so main.ts passes one over a `proxy: direct` session.
   */
  directFetch?: FetchLike | null;
  /** Where main → renderer events go (the window, the harness's event stream); dropped when absent. */
  emit?: <E extends EventName>(event: E, payload: PayloadOf<E>) => void;
  openExternal?(url: string): Promise<boolean>;
  /** Local-network signals for the watch (Linux `ip monitor`-like polling); off when absent. */
  watchCommands?: boolean;
}

export interface Composition {
  config: Config;
  services: Services;
  journal: Journal;
  watch: WatchController;
  prefs: Prefs;
  /** Turns the watch on or off and remembers it, from the window, the tray or the harness alike. */
  setWatch(enabled: boolean): Promise<PayloadOf<'watchState'>>;
  dispatch: Dispatch;
  dispose(): Promise<void>;
}

export async function compose(options: ComposeOptions): Promise<Composition> {
  const { config } = options;
  const emit = options.emit ?? (() => undefined);
  const services = createServices(config, options.fetch, {
    directFetch:
      options.directFetch !== undefined ? options.directFetch : options.shell === 'cli' ? options.fetch : null,
  });
  const restorers = Object.assign({}, ...services.capabilities.map((c) => c.restorers ?? {}));
  const guards = services.capabilities.flatMap((c) => (c.restoreGuard ? [c.restoreGuard.bind(c)] : []));
  const journal = createJournal({ dir: options.paths.journal, restorers, guards });
  services.proxy.attachJournal(journal);
  const history = createHistoryStore({ file: options.paths.ipHistory, size: config.watch.historySize });
  const watch = createWatchController({
    history,
    createSession: (h) =>
      watchSessionFor(services, {
        history: h,
        runCommand: options.watchCommands ? runCommand : undefined,
        watchPath: true,
      }),
  });
  let prefs = options.paths.prefs ? await loadPrefs(options.paths.prefs) : { watch: true };
  const setWatch = async (enabled: boolean) => {
    const state = await watch.setEnabled(enabled);
    prefs = { ...prefs, watch: enabled };
    if (options.paths.prefs) await savePrefs(options.paths.prefs, prefs);
    return state;
  };
  watch.on('ipChanged', (c) => emit('ipChanged', c));
  watch.on('accessChanged', (c) => emit('accessChanged', c));
  watch.on('state', (s) => emit('watchState', s));
  watch.on('vpnChanged', (s) => emit('vpnChanged', s));
  watch.on('proxyChanged', (s) => emit('proxyChanged', s));

  const setTargets = async (targets: string[]) => {
    if (!options.paths.config) {
      throw new AppFailure('config-unavailable', 'The sites cannot be saved here; change them in the config file.');
    }
    const saved = await saveTargets(options.paths.config, targets);
    // The services read the targets at each call; the watch takes them when its session restarts.
    config.targets = saved.targets;
    if (watch.state().enabled) {
      await watch.setEnabled(false);
      await watch.setEnabled(true);
    }
  };
  const dispatch = createDispatch(
    createHandlers({
      services,
      shell: options.shell,
      version: options.version,
      watch,
      setWatch,
      setTargets,
      journal,
      emitProgress: (p) => emit('progress', p),
      emitRouterProgress: (p) => emit('routerProgress', p),
      emitProxyChanged: (s) => emit('proxyChanged', s),
      openExternal: options.openExternal ?? (async () => false),
    }),
  );
  return {
    config,
    services,
    journal,
    watch,
    get prefs() {
      return prefs;
    },
    setWatch,
    dispatch,
    dispose: () => watch.dispose(),
  };
}
