/**
 * Composition root: single-instance lock, services, the background watch, IPC, the app:// protocol, the
 * window, the tray and notifications. Logic lives elsewhere (services, ipc.ts, window.ts, tray-model.ts)
 * where it is tested without Electron.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  app,
  type BrowserWindow,
  clipboard,
  ipcMain,
  Notification,
  nativeImage,
  net,
  protocol,
  session,
  shell,
} from 'electron';
import { resolveRendererFile } from './app-protocol';
import { isAutostartEnabled, setAutostart } from './autostart';
import { loadSettingsFile } from './config';
import { createHandlers } from './handlers';
import { registerIpc, sendEvent } from './ipc';
import { appPaths } from './paths';
import { runCommand } from './platform/exec';
import { loadPrefs, savePrefs } from './prefs';
import { createDispatch } from './rpc/dispatch';
import { createServices } from './services';
import { createJournal } from './services/journal';
import { createHistoryStore, createWatchController, watchSessionFor } from './services/watch';
import { createTray } from './tray';
import {
  accessNotification,
  ipChangeNotification,
  keepRunningOnWindowClose,
  type NotificationModel,
  type TrayIconState,
  trayModel,
} from './tray-model';
import { createMainWindow, hardenSession } from './window';
import { CONTENT_SECURITY_POLICY, isSafeExternalUrl } from './window-policy';

protocol.registerSchemesAsPrivileged([
  { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void start();
}

async function start(): Promise<void> {
  await app.whenReady();
  const rendererRoot = join(__dirname, '../renderer');
  // The one computation of the app's folders (paths.ts), shared with the CLI: same history, same journal.
  const paths = appPaths(process.env, process.platform, app.getPath('home'));
  const { config, problem } = await loadSettingsFile(paths.config);
  if (problem) console.warn(`Settings ignored, using defaults: ${problem}`);
  const prefsFile = paths.prefs;
  const prefs = await loadPrefs(prefsFile);

  hardenSession(session.defaultSession);
  protocol.handle('app', async (request) => {
    const file = resolveRendererFile(rendererRoot, request.url);
    if (!file) return new Response('Not found', { status: 404 });
    const res = await net.fetch(pathToFileURL(file).href);
    const headers = new Headers(res.headers);
    headers.set('content-security-policy', CONTENT_SECURITY_POLICY);
    return new Response(res.body, { status: res.status, headers });
  });

  // Electron's net.fetch: probes go through the system proxy exactly as the user's browser does.
  const services = createServices(config, (input, init) => net.fetch(input, init));
  const history = createHistoryStore({ file: paths.ipHistory, size: config.watch.historySize });
  const watch = createWatchController({
    history,
    createSession: (h) =>
      watchSessionFor(services, { history: h, runCommand: process.platform === 'linux' ? runCommand : undefined }),
  });

  // Every change to this machine goes through the journal; the CLI's `backups` reads the same folder.
  const journal = createJournal({ dir: paths.journal });
  const unfinished = await journal.unfinished();
  if (unfinished.length > 0) console.warn(`${unfinished.length} change(s) did not finish; restore them from Backups`);

  const trusted = new Set<number>();
  let window: BrowserWindow | null = null;
  const toWindow = () => (window && !window.isDestroyed() ? window.webContents : null);

  const handlers = createHandlers({
    services,
    shell: 'electron',
    version: app.getVersion(),
    watch,
    journal,
    emitProgress: (payload) => {
      const wc = toWindow();
      if (wc) sendEvent(wc, 'progress', payload);
    },
    emitRouterProgress: (payload) => {
      const wc = toWindow();
      if (wc) sendEvent(wc, 'routerProgress', payload);
    },
    openExternal: async (url) => {
      if (!isSafeExternalUrl(url)) return false;
      await shell.openExternal(url);
      return true;
    },
  });
  registerIpc(ipcMain, createDispatch(handlers), trusted);

  const openWindow = () => {
    if (window && !window.isDestroyed()) {
      if (window.isMinimized()) window.restore();
      window.show();
      window.focus();
      return window;
    }
    const win = createMainWindow(join(__dirname, '../preload/preload.cjs'));
    const id = win.webContents.id;
    trusted.add(id);
    win.on('closed', () => {
      trusted.delete(id);
      window = null;
    });
    window = win;
    return win;
  };

  // ---- start at login: an XDG autostart entry on Linux, Electron's login items elsewhere ----
  const autostartFile = paths.autostartFile;
  const loginArgs = ['--hidden'];
  const startAtLogin = async () =>
    process.platform === 'linux' ? isAutostartEnabled(autostartFile) : app.getLoginItemSettings().openAtLogin;
  const setStartAtLogin = async (on: boolean) => {
    if (process.platform === 'linux') {
      await setAutostart(autostartFile, on, { exec: process.env.APPIMAGE ?? process.execPath, args: loginArgs });
    } else {
      app.setLoginItemSettings({ openAtLogin: on, args: loginArgs });
    }
  };

  // ---- tray ----
  const icon = (state: TrayIconState) =>
    nativeImage.createFromPath(join(app.getAppPath(), 'build', `tray-${state}.png`));
  const icons = {
    reachable: icon('reachable'),
    blocked: icon('blocked'),
    checking: icon('checking'),
    offline: icon('offline'),
    unknown: icon('unknown'),
  };
  let loginEnabled = await startAtLogin();
  const tray = createTray(
    icons,
    (action, item) => {
      switch (action) {
        case 'copyIp':
          if ('copyText' in item && item.copyText) clipboard.writeText(item.copyText);
          return;
        case 'checkNow':
          void watch.checkNow();
          if (window) sendEvent(window.webContents, 'scanRequested', { source: 'tray' });
          return;
        case 'open':
          openWindow();
          return;
        case 'toggleWatch': {
          const enabled = !watch.state().enabled;
          void watch.setEnabled(enabled).then(() => savePrefs(prefsFile, { ...prefs, watch: enabled }));
          return;
        }
        case 'toggleStartAtLogin':
          void setStartAtLogin(!loginEnabled)
            .then(startAtLogin)
            .then((on) => {
              loginEnabled = on;
              renderTray();
            });
          return;
        case 'quit':
          app.quit();
      }
    },
    () => openWindow(),
  );
  const renderTray = () =>
    tray.render(trayModel({ watch: watch.state(), startAtLogin: loginEnabled, now: Date.now() }));
  renderTray();
  setInterval(renderTray, 60_000).unref(); // keeps "5 min ago" true

  // ---- watch events → window, tray, notifications (already coalesced by the watch) ----
  const notify = (model: NotificationModel) => {
    if (!Notification.isSupported()) return;
    const n = new Notification({ title: model.title, body: model.body });
    n.on('click', () => {
      const wc = openWindow().webContents;
      sendEvent(
        wc,
        'navigate',
        model.open.view === 'result' ? { view: 'scan', target: model.open.target } : { view: 'watch' },
      );
    });
    n.show();
  };
  watch.on('ipChanged', (change) => {
    const wc = toWindow();
    if (wc) sendEvent(wc, 'ipChanged', change);
    notify(ipChangeNotification(change));
  });
  watch.on('accessChanged', (change) => {
    const wc = toWindow();
    if (wc) sendEvent(wc, 'accessChanged', change);
    const model = accessNotification(change);
    if (model) notify(model);
  });
  watch.on('state', (state) => {
    const wc = toWindow();
    if (wc) sendEvent(wc, 'watchState', state);
    renderTray();
  });
  watch.on('problem', (message) => console.warn(`watch: ${message}`));

  app.on('second-instance', () => openWindow());
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  app.on('before-quit', () => {
    void watch.dispose();
  });
  // While watching, closing the window keeps the app in the tray; otherwise quit as usual.
  app.on('window-all-closed', () => {
    if (!keepRunningOnWindowClose(watch.state()) && process.platform !== 'darwin') app.quit();
  });

  // Started at login (`--hidden`): stay in the tray until the user opens the window.
  if (!process.argv.includes('--hidden')) openWindow();
  await watch.setEnabled(prefs.watch);
}
