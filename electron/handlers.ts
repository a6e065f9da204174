/** The contract's handlers over the services. Shell-specific effects (opening a URL) are passed in. */
import type { AppInfo, Handlers, PayloadOf } from '../shared/ipc';
import type { Services } from './services';

export interface HandlerDeps {
  services: Services;
  shell: AppInfo['shell'];
  version: string;
  emitProgress(payload: PayloadOf<'progress'>): void;
  openExternal(url: string): Promise<boolean>;
}

export function createHandlers(deps: HandlerDeps): Handlers {
  const { services } = deps;
  return {
    'app.info': async () => ({ version: deps.version, shell: deps.shell, targets: services.config.targets }),
    'diagnose.run': (input) =>
      services.diagnose({ runId: input.runId, targets: input.targets, onProgress: deps.emitProgress }),
    'ip.current': () => services.publicIp(),
    'status.check': () => services.status(),
    'shell.openExternal': async (input) => ({ opened: await deps.openExternal(input.url) }),
  };
}
