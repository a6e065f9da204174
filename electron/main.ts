/**
 * Composition root: single-instance lock, services, IPC, the app:// protocol, the window and the tray.
 * Logic lives elsewhere (services, ipc.ts, window.ts, tray.ts) where it is tested without Electron.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, type BrowserWindow, ipcMain, nativeImage, net, protocol, session, shell } from 'electron';
import { resolveRendererFile } from './app-protocol';
import { loadSettingsFile } from './config';
import { createHandlers } from './handlers';
import { registerIpc, sendEvent } from './ipc';
import { createDispatch } from './rpc/dispatch';
import { createServices } from './services';
import { createTray } from './tray';
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
  const { config, problem } = await loadSettingsFile(join(app.getPath('userData'), 'config.json'));
  if (problem) console.warn(`Settings ignored, using defaults: ${problem}`);

  hardenSession(session.defaultSession);
  protocol.handle('app', async (request) => {
    const file = resolveRendererFile(rendererRoot, request.url);
    if (!file) return new Response('Not found', { status: 404 });
    const res = await net.fetch(pathToFileURL(file).href);
    const headers = new Headers(res.headers);
    headers.set('content-security-policy', CONTENT_SECURITY_POLICY);
    return new Response(res.body, { status: res.status, headers });
  });

  const services = createServices(config, (input, init) => net.fetch(input, init));
  const trusted = new Set<number>();
  let window: BrowserWindow | null = null;

  const handlers = createHandlers({
    services,
    shell: 'electron',
    version: app.getVersion(),
    emitProgress: (payload) => {
      if (window) sendEvent(window.webContents, 'progress', payload);
    },
    emitRouterProgress: (payload) => {
      if (window) sendEvent(window.webContents, 'routerProgress', payload);
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

  app.on('second-instance', () => openWindow());
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  openWindow();

  const icon = nativeImage.createFromPath(join(app.getAppPath(), 'build', 'tray.png'));
  createTray(icon, {
    open: () => openWindow(),
    checkNow: () => sendEvent(openWindow().webContents, 'scanRequested', { source: 'tray' }),
    quit: () => app.quit(),
  });
  // The tray keeps the app alive on Linux/Windows; with no window and no tray use, quit as usual.
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
