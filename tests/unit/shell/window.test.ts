import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY, isSafeExternalUrl } from '../../../electron/window-policy';

type Listener = (...args: unknown[]) => unknown;

const electron = vi.hoisted(() => {
  const opened: string[] = [];
  const windows: FakeWindow[] = [];
  class FakeWebContents {
    id = 1;
    listeners = new Map<string, Listener>();
    openHandler: ((details: { url: string }) => { action: string }) | null = null;
    setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
      this.openHandler = handler;
    }
    on(name: string, listener: Listener) {
      this.listeners.set(name, listener);
      return this;
    }
  }
  class FakeWindow {
    webContents = new FakeWebContents();
    loaded: string[] = [];
    onceListeners = new Map<string, Listener>();
    constructor(readonly options: unknown) {
      windows.push(this);
    }
    once(name: string, listener: Listener) {
      this.onceListeners.set(name, listener);
      return this;
    }
    shown = 0;
    show() {
      this.shown += 1;
    }
    loadURL(url: string) {
      this.loaded.push(url);
      return Promise.resolve();
    }
  }
  return {
    opened,
    windows,
    BrowserWindow: FakeWindow,
    shell: {
      openExternal: async (url: string) => {
        opened.push(url);
      },
    },
  };
});

vi.mock('electron', () => ({ BrowserWindow: electron.BrowserWindow, shell: electron.shell }));

const { createMainWindow, hardenSession, windowOptions } = await import('../../../electron/window');

describe('Content-Security-Policy', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );

  it('allows scripts from the app only, with no eval or inline script', () => {
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|unsafe-inline|\*|https?:/);
  });

  it('denies everything by default, and framing, forms and base changes', () => {
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
  });
});

describe('isSafeExternalUrl', () => {
  it.each(['https://chatgpt.com/', 'http://example.com/help?x=1'])('allows %s', (url) => {
    expect(isSafeExternalUrl(url)).toBe(true);
  });
  it.each([
    'javascript:alert(1)',
    'file:///etc/passwd',
    'data:text/html,hi',
    'smb://server/share',
    'https://user:pw@example.com/',
    'https://user@example.com/',
    'not a url',
    '',
  ])('refuses %j', (url) => {
    expect(isSafeExternalUrl(url)).toBe(false);
  });
});

/** Electron's security checklist, spelled out here (not derived from the code under test). */
const HARDENED = {
  preload: '/app/preload.cjs',
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
} as const;

describe('windowOptions', () => {
  it('isolates and sandboxes the renderer', () => {
    const prefs = windowOptions('/app/preload.cjs').webPreferences;
    expect(prefs).toMatchObject(HARDENED);
  });
});

describe('createMainWindow', () => {
  beforeEach(() => {
    electron.opened.length = 0;
    electron.windows.length = 0;
  });

  const create = () => {
    createMainWindow('/app/preload.cjs');
    const win = electron.windows[0];
    if (!win) throw new Error('no window created');
    return win;
  };

  it('loads the app from app:// with the hardened options', () => {
    const win = create();
    expect(win.loaded).toEqual(['app://access-doctor/index.html']);
    // What BrowserWindow actually received, against the checklist, not against windowOptions() itself.
    expect(win.options).toMatchObject({ show: false, webPreferences: HARDENED });
  });

  it('stays hidden until the renderer is ready to show', () => {
    const win = create();
    expect(win.shown).toBe(0);
    const ready = win.onceListeners.get('ready-to-show');
    expect(ready).toBeTypeOf('function');
    ready?.();
    expect(win.shown).toBe(1);
  });

  it('denies every window.open; only safe links go to the default browser', async () => {
    const win = create();
    const open = win.webContents.openHandler;
    expect(open?.({ url: 'https://help.example.com/1020' })).toEqual({ action: 'deny' });
    expect(open?.({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(open?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    await Promise.resolve();
    expect(electron.opened).toEqual(['https://help.example.com/1020']);
  });

  it('blocks navigation away from the app (but not within it) and webview attachment', () => {
    const win = create();
    const navigate = win.webContents.listeners.get('will-navigate');
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'http://127.0.0.1:8080/']) {
      const ev = {
        prevented: false,
        preventDefault() {
          this.prevented = true;
        },
      };
      navigate?.(ev, url);
      expect(ev.prevented).toBe(true);
    }
    for (const url of ['app://access-doctor/index.html', 'app://access-doctor/index.html#/scan']) {
      const ev = {
        prevented: false,
        preventDefault() {
          this.prevented = true;
        },
      };
      navigate?.(ev, url);
      expect(ev.prevented).toBe(false);
    }
    for (const url of ['app://access-doctor.evil/index.html', 'not a url']) {
      const ev = {
        prevented: false,
        preventDefault() {
          this.prevented = true;
        },
      };
      navigate?.(ev, url);
      expect(ev.prevented).toBe(true);
    }
    const attach = win.webContents.listeners.get('will-attach-webview');
    const ev = {
      prevented: false,
      preventDefault() {
        this.prevented = true;
      },
    };
    attach?.(ev);
    expect(ev.prevented).toBe(true);
  });
});

describe('hardenSession', () => {
  it('denies every permission request and check', () => {
    const answers: boolean[] = [];
    const checks: boolean[] = [];
    hardenSession({
      setPermissionRequestHandler: (handler) => {
        for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read'] as const) {
          handler?.({} as never, permission, (granted) => answers.push(granted), {} as never);
        }
      },
      setPermissionCheckHandler: (handler) => {
        checks.push(handler?.(null, 'media', '', {} as never) ?? true);
      },
    });
    expect(answers).toEqual([false, false, false, false]);
    expect(checks).toEqual([false]);
  });
});
