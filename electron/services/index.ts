/**
 * Builds the app's services from a config and a fetch. The one composition point shared by the
 * Electron main process, the CLI and the harness, so all three run the same code.
 */
import { createSocket } from 'node:dgram';
import { readFile } from 'node:fs/promises';
import { networkInterfaces } from 'node:os';
import type { Config } from '../config';
import { runCommand } from '../platform/exec';
import { createHttpClient, type FetchLike, type HttpClient } from '../platform/http';
import { probeTarget } from './access/probe';
import { type DiagnoseServices, diagnose } from './diagnose';
import { readPublicIp } from './ip/public-ip';
import { createRouterService, type RouterService } from './router';
import { readDefaultGateway } from './router/default-gateway';
import { checkServiceStatus } from './status/check';

export interface Services extends DiagnoseServices {
  config: Config;
  http: HttpClient;
  router: RouterService;
  diagnose(
    options: Omit<Parameters<typeof diagnose>[1], 'targets'> & { targets?: string[] },
  ): ReturnType<typeof diagnose>;
}

export function createServices(config: Config, fetchImpl: FetchLike): Services {
  const http = createHttpClient(fetchImpl, { userAgent: config.http.userAgent });
  const publicIp = (signal?: AbortSignal) => readPublicIp({ http, config, signal });
  const router = createRouterService({
    config,
    http,
    createSocket: () => createSocket({ type: 'udp4', reuseAddr: false }),
    networkInterfaces,
    defaultGateway: () =>
      readDefaultGateway({ platform: process.platform, readFile: (p) => readFile(p, 'utf8'), run: runCommand }),
    readPublicIp: async (signal) => (await publicIp(signal)).v4?.ip ?? null,
  });
  const services: Services = {
    config,
    http,
    router,
    publicIp,
    routerStatus: (signal) => router.status({ signal, withPublicIp: false }),
    probe: (target, signal) => probeTarget(target, { http, config, signal }),
    status: (signal) => checkServiceStatus({ http, config, signal }),
    diagnose: (options) => diagnose(services, { ...options, targets: options.targets ?? config.targets }),
  };
  return services;
}
