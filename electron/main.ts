/**
 * Composition root: single-instance lock, services, the background watch, IPC, the app:// protocol, the
 * window, the tray and notifications. Logic lives elsewhere (services, ipc.ts, window.ts, tray-model.ts)
 * where it is tested without Electron.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  app,
  type BrowserWindow,
  clipboard,
  dialog,
  ipcMain,
  Notification,
  nativeImage,
  net,
  protocol,
  session,
  shell,
} from 'electron';
import { sentences } from '../shared/text';
import { resolveRendererFile } from './app-protocol';
import { isAutostartEnabled, setAutostart } from './autostart';
import { compose } from './compose';
import { loadSettingsFile } from './config';
import { registerIpc, sendEvent } from './ipc';
import { appPaths } from './paths';
import { DIRECT_PARTITION, directNetFetch, electronNetFetch } from './platform/electron-net';
import { checkStartup, type StartupNotice, startupFailure, startupNotice } from './startup';
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
  void start().catch(showStartFailure);
}

/** Start-up never fails silently: say what went wrong; whatever already started keeps running. */
function showStartFailure(error: unknown): void {
  console.error(error);
  void app.whenReady().then(() => showNotice(startupFailure(error), 'error'));
}

function showNotice(notice: StartupNotice, type: 'error' | 'warning' = 'warning'): void {
  if (type === 'warning' && Notification.isSupported()) {
    new Notification({ title: notice.title, body: notice.body }).show();
  } else {
    void dialog.showMessageBox({ type, title: notice.title, message: notice.title, detail: notice.body });
  }
}

async function start(): Promise<void> {
  // The one computation of the app's folders (paths.ts), shared with the CLI: same history, same journal.
  // Electron is told too, so its own data (cache, local storage) sits in the same folder.
  const paths = appPaths(process.env, process.platform, homedir());
  app.setPath('userData', paths.userData);
  await app.whenReady();
  const rendererRoot = join(__dirname, '../renderer');
  const { config, problem } = await loadSettingsFile(paths.config);
  if (problem) {
    showNotice({
      title: 'Your settings could not be read.',
      body: sentences(problem, 'Access Doctor uses its defaults until the file is fixed'),
    });
  }
  const prefsFile = paths.prefs;

  hardenSession(session.defaultSession);
  protocol.handle('app', async (request) => {
    const file = resolveRendererFile(rendererRoot, request.url);
    if (!file) return new Response('Not found', { status: 404 });
    const res = await net.fetch(pathToFileURL(file).href);
    const headers = new Headers(res.headers);
    headers.set('content-security-policy', CONTENT_SECURITY_POLICY);
    return new Response(res.body, { status: res.status, headers });
  });

  const trusted = new Set<number>();
  let window: BrowserWindow | null = null;
  const toWindow = () => (window && !window.isDestroyed() ? window.webContents : null);

  // The proxy comparison's other side: a second, in-memory session that never uses a proxy. No window
  // loads it, but it gets the same refusals of every permission as the default one.
  const directSession = session.fromPartition(DIRECT_PARTITION);
  hardenSession(directSession);

  // Electron's network stack: probes go through the system proxy exactly as the user's browser does.
  const app$ = await compose({
    config,
    // Through net.request, not net.fetch: net.fetch cannot hand back a redirect hop for the door's checks.
    fetch: electronNetFetch(net.request),
    directFetch: await directNetFetch(net.request, directSession),
    paths: { config: paths.config, journal: paths.journal, ipHistory: paths.ipHistory, prefs: prefsFile },
    shell: 'electron',
    version: app.getVersion(),
    watchCommands: process.platform === 'linux',
    emit: (event, payload) => {
      const wc = toWindow();
      if (wc) sendEvent(wc, event, payload);
    },
    openExternal: async (url) => {
      if (!isSafeExternalUrl(url)) return false;
      await shell.openExternal(url);
      return true;
    },
  });
  const { watch, journal } = app$;
  // Never throws: a damaged journal or an unreadable data folder becomes a notice, and the app goes on.
  const notice = startupNotice(await checkStartup({ dataDir: paths.userData, journal }));
  if (notice) showNotice(notice);

  registerIpc(ipcMain, app$.dispatch, trusted);

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
          void app$.setWatch(!watch.state().enabled);
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
      sendEvent(wc, 'navigate', model.open);
    });
    n.show();
  };
  // The composition forwards watch events to the window; the shell adds notifications and the tray.
  watch.on('ipChanged', (change) => notify(ipChangeNotification(change)));
  watch.on('accessChanged', (change) => {
    const model = accessNotification(change);
    if (model) notify(model);
  });
  watch.on('state', () => renderTray());
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
  await watch.setEnabled(app$.prefs.watch);
}
