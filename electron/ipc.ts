/**
 * The only place that touches `ipcMain` and `webContents.send`. Every contract channel is registered
 * through one wrapper that checks the sender (our window's main frame, loaded from app://) before the
 * shared dispatcher validates the input.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { channelNames, type EventName, IPC_PREFIX, type PayloadOf } from '../shared/ipc';
import type { Dispatch } from './rpc/dispatch';

export const APP_ORIGIN = 'app://access-doctor';

/** The subset of an invoke event we check; kept structural so tests can pass plain objects. */
export interface SenderInfo {
  sender: Pick<WebContents, 'id'>;
  senderFrame: { url: string; parent: unknown } | null;
}

export function isTrustedSender(event: SenderInfo, trustedIds: ReadonlySet<number>): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  if (!trustedIds.has(event.sender.id)) return false;
  return isAppUrl(frame.url);
}

/**
 * Whether a URL belongs to the app's own `app://access-doctor` pages. Node's WHATWG URL does not know
 * that Electron registered `app:` as a standard scheme, so `new URL('app://access-doctor/').origin` is
 * the opaque `"null"`: compare scheme and host instead of origins.
 */
export function isAppUrl(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const parsed = new URL(url);
  const app = new URL(APP_ORIGIN);
  return (
    parsed.protocol === app.protocol &&
    parsed.host === app.host &&
    !parsed.username &&
    !parsed.password &&
    !parsed.port
  );
}

export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle'>,
  dispatch: Dispatch,
  trustedIds: ReadonlySet<number>,
): void {
  for (const channel of channelNames) {
    ipcMain.handle(`${IPC_PREFIX}${channel}`, async (event: IpcMainInvokeEvent, input: unknown) => {
      if (!isTrustedSender(event, trustedIds)) {
        return { ok: false, error: { code: 'untrusted-sender', message: 'Request refused: unknown sender' } };
      }
      return dispatch(channel, input);
    });
  }
}

/** Typed main → renderer events; a destroyed window is skipped, not an error. */
export function sendEvent<E extends EventName>(
  target: Pick<WebContents, 'isDestroyed' | 'send'>,
  event: E,
  payload: PayloadOf<E>,
): void {
  if (!target.isDestroyed()) target.send(`${IPC_PREFIX}event:${event}`, payload);
}
