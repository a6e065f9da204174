/**
 * Exposes `window.accessDoctor` (the contract's Bridge) and nothing else. Channel and event names are
 * checked against the contract so the page cannot reach any other IPC channel.
 */
import { contextBridge, type IpcRendererEvent, ipcRenderer } from 'electron';
import { type Bridge, IPC_PREFIX, isChannel, isEventName } from '../shared/ipc';

const bridge: Bridge = {
  invoke(channel, input) {
    if (!isChannel(channel)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'unknown-channel', message: `Unknown request: ${String(channel)}` },
      });
    }
    return ipcRenderer.invoke(`${IPC_PREFIX}${channel}`, input);
  },
  on(event, listener) {
    if (!isEventName(event)) throw new Error(`Unknown event: ${String(event)}`);
    const name = `${IPC_PREFIX}event:${event}`;
    // Strip the IpcRendererEvent: the page gets the payload only.
    const wrapped = (_event: IpcRendererEvent, payload: Parameters<typeof listener>[0]) => listener(payload);
    ipcRenderer.on(name, wrapped);
    return () => {
      ipcRenderer.removeListener(name, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('accessDoctor', bridge);
