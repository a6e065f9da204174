/** The renderer's only way out: named calls over `window.accessDoctor`, whichever shell provides it. */
import type { Bridge, Channel, EventName, InputOf, Outcome, PayloadOf, ResultOf } from '../shared/ipc';
import type { BrowserId } from '../shared/model';
import { text } from './text';

function bridge(): Bridge {
  const b = window.accessDoctor;
  if (!b) throw new Error(text.app.bridgeMissing);
  return b;
}

async function call<K extends Channel>(channel: K, input: InputOf<K>): Promise<Outcome<ResultOf<K>>> {
  try {
    return await bridge().invoke(channel, input);
  } catch (error) {
    return { ok: false, error: { code: 'bridge', message: error instanceof Error ? error.message : String(error) } };
  }
}

export const api = {
  appInfo: () => call('app.info', {}),
  setTargets: (targets: string[]) => call('config.setTargets', { targets }),
  diagnose: (runId: string, targets?: string[]) => call('diagnose.run', { runId, targets }),
  openExternal: (url: string) => call('shell.openExternal', { url }),
  routerStatus: () => call('router.status', {}),
  routerReset: (runId: string) => call('router.reset', { runId, confirmed: true }),
  routerPowerCycle: (runId: string, oldIp: string | null) => call('router.powerCycle', { runId, oldIp }),
  routerCancel: (runId: string) => call('router.cancel', { runId }),
  ipHistory: () => call('ip.history', {}),
  watchState: () => call('watch.state', {}),
  setWatch: (enabled: boolean) => call('watch.set', { enabled }),
  watchCheck: () => call('watch.check', {}),
  backups: () => call('backups.list', {}),
  vpnStatus: () => call('vpn.status', {}),
  vpnDisconnect: () => call('vpn.disconnect', { confirmed: true }),
  vpnReconnect: () => call('vpn.reconnect', {}),
  proxyStatus: () => call('proxy.status', {}),
  browsersList: () => call('browsers.list', {}),
  browsersClear: (browser: BrowserId, profile: string) => call('browsers.clear', { browser, profile, confirmed: true }),
  browsersPrivateWindow: (browser: BrowserId, target?: string) =>
    call('browsers.privateWindow', target ? { browser, target } : { browser }),
  proxyOff: () => call('proxy.off', { confirmed: true }),
  proxyRestore: (id?: string) => call('proxy.restore', id ? { id } : {}),
  restoreBackup: (id: string) => call('backups.restore', { id }),
  on<E extends EventName>(event: E, listener: (payload: PayloadOf<E>) => void): () => void {
    return bridge().on(event, listener);
  },
};
