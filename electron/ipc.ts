/**
 * The only place that touches `ipcMain` and `webContents.send`. Every contract channel is registered
 * through one wrapper that checks the sender (our window's main frame, loaded from app://) before the
 * shared dispatcher validates the input.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { channelNames, type EventName, IPC_PREFIX, type PayloadOf } from '../shared/ipc';
import type { Dispatch } from './rpc/dispatch';
import { APP_HOST, APP_SCHEME, isAppUrl } from './window-policy';

export { isAppUrl };

export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

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
