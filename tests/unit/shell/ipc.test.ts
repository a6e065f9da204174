import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, isAppUrl, isTrustedSender, registerIpc, type SenderInfo, sendEvent } from '../../../electron/ipc';
import type { Dispatch } from '../../../electron/rpc/dispatch';
import { channelNames, IPC_PREFIX } from '../../../shared/ipc';

const TRUSTED = new Set([7]);
const event = (url: string, opts: { id?: number; parent?: unknown; noFrame?: boolean } = {}): SenderInfo => ({
  sender: { id: opts.id ?? 7 },
  senderFrame: opts.noFrame ? null : { url, parent: opts.parent ?? null },
});

describe('isTrustedSender', () => {
  it("accepts the app's own main frame", () => {
    expect(isTrustedSender(event(`${APP_ORIGIN}/index.html`), TRUSTED)).toBe(true);
    expect(isTrustedSender(event(`${APP_ORIGIN}/index.html#/scan`), TRUSTED)).toBe(true);
  });

  it.each([
    ['https://evil.example/'],
    ['http://127.0.0.1:5173/'],
    ['app://other-app/index.html'],
    ['app://access-doctor.evil/index.html'],
    ['app://user@access-doctor/index.html'],
    ['app://access-doctor:8080/index.html'],
    ['file:///opt/access-doctor/index.html'],
    ['data:text/html,<script>1</script>'],
    ['about:blank'],
    [''],
    ['not a url'],
  ])('refuses a frame at %j', (url) => {
    expect(isTrustedSender(event(url), TRUSTED)).toBe(false);
  });

  it('refuses a subframe, an unknown webContents and a missing frame', () => {
    expect(isTrustedSender(event(`${APP_ORIGIN}/index.html`, { parent: {} }), TRUSTED)).toBe(false);
    expect(isTrustedSender(event(`${APP_ORIGIN}/index.html`, { id: 8 }), TRUSTED)).toBe(false);
    expect(isTrustedSender(event(`${APP_ORIGIN}/index.html`, { noFrame: true }), TRUSTED)).toBe(false);
    expect(isTrustedSender(event(`${APP_ORIGIN}/index.html`), new Set())).toBe(false);
  });

  it('isAppUrl agrees', () => {
    expect(isAppUrl('app://access-doctor/assets/index.js')).toBe(true);
    expect(isAppUrl('https://access-doctor/')).toBe(false);
  });
});

type Handler = (event: IpcMainInvokeEvent, input: unknown) => Promise<unknown>;

function fakeIpcMain() {
  const handlers = new Map<string, Handler>();
  return {
    handlers,
    handle(channel: string, listener: Handler) {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
  };
}

/** registerIpc reads only `sender.id` and `senderFrame`; the rest of a real event is irrelevant here. */
const invokeEvent = (info: SenderInfo) => info as unknown as IpcMainInvokeEvent;

describe('registerIpc', () => {
  it('registers every contract channel under the prefix, and nothing else', () => {
    const ipcMain = fakeIpcMain();
    registerIpc(ipcMain, async () => ({ ok: true, value: null }), TRUSTED);
    expect([...ipcMain.handlers.keys()].sort()).toEqual(channelNames.map((c) => `${IPC_PREFIX}${c}`).sort());
  });

  it('passes a trusted request to the dispatcher with its channel and input', async () => {
    const ipcMain = fakeIpcMain();
    const calls: [unknown, unknown][] = [];
    const dispatch: Dispatch = async (channel, input) => {
      calls.push([channel, input]);
      return { ok: true, value: 'done' };
    };
    registerIpc(ipcMain, dispatch, TRUSTED);
    const handler = ipcMain.handlers.get(`${IPC_PREFIX}diagnose.run`);
    const outcome = await handler?.(invokeEvent(event(`${APP_ORIGIN}/index.html`)), { runId: 'r1' });
    expect(outcome).toEqual({ ok: true, value: 'done' });
    expect(calls).toEqual([['diagnose.run', { runId: 'r1' }]]);
  });

  it('answers an untrusted sender with a typed refusal and never dispatches', async () => {
    const ipcMain = fakeIpcMain();
    let dispatched = 0;
    registerIpc(
      ipcMain,
      async () => {
        dispatched++;
        return { ok: true, value: null };
      },
      TRUSTED,
    );
    const handler = ipcMain.handlers.get(`${IPC_PREFIX}watch.state`);
    for (const info of [
      event('https://evil.example/'),
      event(`${APP_ORIGIN}/index.html`, { parent: {} }),
      event(`${APP_ORIGIN}/index.html`, { id: 99 }),
      event('', { noFrame: true }),
    ]) {
      expect(await handler?.(invokeEvent(info), {})).toEqual({
        ok: false,
        error: { code: 'untrusted-sender', message: 'Request refused: unknown sender' },
      });
    }
    expect(dispatched).toBe(0);
  });
});

describe('sendEvent', () => {
  it('sends on the prefixed event channel, and skips a destroyed window', () => {
    const sent: [string, unknown][] = [];
    const target = (destroyed: boolean) => ({
      isDestroyed: () => destroyed,
      send: (channel: string, payload: unknown) => void sent.push([channel, payload]),
    });
    sendEvent(target(false), 'scanRequested', { source: 'tray' });
    sendEvent(target(true), 'scanRequested', { source: 'tray' });
    expect(sent).toEqual([[`${IPC_PREFIX}event:scanRequested`, { source: 'tray' }]]);
  });
});
