/**
 * Builds the app's services from a config and a fetch. The one composition point shared by the
 * Electron main process, the CLI and the harness, so all three run the same code.
 */
import type { Config } from '../config';
import { createHttpClient, type FetchLike, type HttpClient } from '../platform/http';
import { probeTarget } from './access/probe';
import { type DiagnoseServices, diagnose } from './diagnose';
import { readPublicIp } from './ip/public-ip';
import { checkServiceStatus } from './status/check';

export interface Services extends DiagnoseServices {
  config: Config;
  http: HttpClient;
  diagnose(
    options: Omit<Parameters<typeof diagnose>[1], 'targets'> & { targets?: string[] },
  ): ReturnType<typeof diagnose>;
}

export function createServices(config: Config, fetchImpl: FetchLike): Services {
  const http = createHttpClient(fetchImpl, { userAgent: config.http.userAgent });
  const services: Services = {
    config,
    http,
    publicIp: (signal) => readPublicIp({ http, config, signal }),
    probe: (target, signal) => probeTarget(target, { http, config, signal }),
    status: (signal) => checkServiceStatus({ http, config, signal }),
    diagnose: (options) => diagnose(services, { ...options, targets: options.targets ?? config.targets }),
  };
  return services;
}
