/**
 * Builds the app's services from a config and a fetch: what the contract's handlers, the CLI and the
 * watch call. Pure Node; the composition root (electron/compose.ts) adds the journal, the watch and
 * the event forwarding around it.
 */
import { createSocket } from 'node:dgram';
import { readFile } from 'node:fs/promises';
import { homedir, networkInterfaces } from 'node:os';
import { isAbsolute } from 'node:path';
import type { AccessResult, Diagnosis, PublicIpResult, StatusResult } from '../../shared/model';
import type { Config } from '../config';
import { runCommand } from '../platform/exec';
import { createHttpClient, type FetchLike, type HttpClient, type HttpClientOptions } from '../platform/http';
import { createProxyFetch } from '../platform/proxy-fetch';
import { probeTarget } from './access/probe';
import { type BrowsersService, createBrowsersService } from './browsers';
import type { AnyCapability } from './capability';
import { type DiagnoseOptions, diagnose } from './diagnose';
import { readPublicIp } from './ip/public-ip';
import { createProxyService, type ProxyService } from './proxy';
import { createRegistry } from './registry';
import { createRouterService, type RouterService } from './router';
import { readDefaultGateway } from './router/default-gateway';
import { checkServiceStatus } from './status/check';
import { createVpnService, type VpnService } from './vpn';

export interface Services {
  config: Config;
  http: HttpClient;
  router: RouterService;
  browsers: BrowsersService;
  publicIp(signal?: AbortSignal): Promise<PublicIpResult>;
  probe(target: string, signal?: AbortSignal): Promise<AccessResult>;
  status(signal?: AbortSignal): Promise<StatusResult>;
  vpn: VpnService;
  /** The OS proxy: read, turn off, restore (journaled). */
  proxy: ProxyService;
  capabilities: AnyCapability[];
  diagnose(options: Omit<DiagnoseOptions, 'targets'> & { targets?: string[] }): Promise<Diagnosis>;
}

export interface ServicesOptions {
  /**
   * A fetch that never goes through a proxy, for the proxy comparison's "without it" side. Default:
   * `fetchImpl` itself, right for the CLI (Node's fetch reads no proxy settings). The app's fetch goes
   * through Chromium's system proxy, so main.ts passes one over a second session set to
   * `proxy: direct` (see CompareDeps.direct in proxy/compare.ts); null means there is none.
   */
  directFetch?: FetchLike | null;
}

export function createServices(config: Config, fetchImpl: FetchLike, options: ServicesOptions = {}): Services {
  // The user's own endpoints may be local (a router page, a test server): a public site's redirect to
  // one of them is followed; to any other local address it is refused.
  const httpOptions: HttpClientOptions = {
    userAgent: config.http.userAgent,
    allowPrivateRedirectsTo: [
      ...config.targets,
      ...config.publicIp.sources.map((s) => s.url),
      config.status.url,
      ...(config.status.feedUrl ? [config.status.feedUrl] : []),
    ],
  };
  const http = createHttpClient(fetchImpl, httpOptions);
  const directFetch = options.directFetch === undefined ? fetchImpl : options.directFetch;
  const direct = directFetch === fetchImpl ? http : directFetch ? createHttpClient(directFetch, httpOptions) : null;
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
  // ACCESS_DOCTOR_HOME (absolute) stands in for the home folder: a test and support switch.
  const browsers = createBrowsersService({
    home: () => {
      const override = process.env.ACCESS_DOCTOR_HOME;
      return override && isAbsolute(override) ? override : homedir();
    },
    env: process.env,
    platform: process.platform,
    configuredSites: config.browsers.sites ?? null,
    targets: config.targets,
  });
  const services: Services = {
    config,
    http,
    router,
    browsers,
    publicIp,
    probe: (target, signal) => probeTarget(target, { http, config, signal }),
    status: (signal) => checkServiceStatus({ http, config, signal }),
    vpn: createVpnService({ platform: process.platform, run: runCommand }),
    proxy: createProxyService({
      run: runCommand,
      env: process.env,
      platform: process.platform,
      readFile: (p) => readFile(p, 'utf8'),
      compare: {
        // An excepted host goes the way the browser would send it: without any proxy.
        viaProxy: (proxy, bypass) =>
          createHttpClient(
            createProxyFetch(proxy, {
              maxBytes: config.http.maxBodyBytes,
              bypass,
              direct: directFetch ?? ((input, init) => fetch(input, init)),
            }),
            httpOptions,
          ),
        direct,
        config,
      },
    }),
    capabilities: [],
    diagnose: (options) => diagnose(services.capabilities, { ...options, targets: options.targets ?? config.targets }),
  };
  services.capabilities = createRegistry(services);
  return services;
}
