/**
 * A watch session over the app's services: the router service finds the gateway (cached per network)
 * and the gateway is spoken to over SOAP (the WAN address) and GENA (its events).
 */
import type { networkInterfaces as osNetworkInterfaces } from 'node:os';
import type { Config } from '../../config';
import type { Timers } from '../../core/timers';
import type { RunCommand } from '../../platform/exec';
import type { HttpClient } from '../../platform/http';
import type { Services } from '../index';
import type { HistoryStore } from '../ip/history';
import type { RouterAccess } from '../ip/monitor';
import { RouterError } from '../router/errors';
import type { FoundGateway } from '../router/gateway';
import { genaEvents } from '../router/gena';
import { createIgdClient } from '../router/igd';
import { createWatchSession, type WatchSession } from './session';

/** A `RouterAccess` for a discovered gateway: GetExternalIPAddress over SOAP, events over GENA. */
export function routerAccessFor(
  found: FoundGateway,
  http: HttpClient,
  config: Pick<Config, 'router'>,
  timers?: Timers,
): RouterAccess {
  const igd = createIgdClient(http, found.services, {
    timeoutMs: config.router.requestTimeoutMs,
    maxBytes: config.router.maxBodyBytes,
  });
  const eventSubUrl = found.services.connection.eventSubUrl;
  return {
    readExternalIp: (signal) => igd.getExternalIp(signal),
    events: eventSubUrl
      ? genaEvents({
          eventSubUrl,
          routerAddress: found.gateway.address,
          localAddress: found.gateway.localAddress,
          timers,
        })
      : undefined,
  };
}

/** A session over the app's services: the router service finds the gateway (cached per network). */
export function watchSessionFor(
  services: Pick<Services, 'config' | 'http' | 'probe' | 'router'> & Partial<Pick<Services, 'vpn' | 'proxy'>>,
  options: {
    history: HistoryStore;
    targets?: string[];
    runCommand?: RunCommand;
    timers?: Timers;
    networkInterfaces?: typeof osNetworkInterfaces;
    /** Tell the window when the VPN path or the proxy settings change (the app; `ip --watch` does not ask). */
    watchPath?: boolean;
  },
): WatchSession {
  const { vpn, proxy } = services;
  let asked = false;
  return createWatchSession({
    config: services.config,
    http: services.http,
    probe: (target, signal) => services.probe(target, signal),
    targets: options.targets ?? services.config.targets,
    history: options.history,
    runCommand: options.runCommand,
    timers: options.timers,
    networkInterfaces: options.networkInterfaces,
    readVpn: options.watchPath && vpn ? () => vpn.status() : undefined,
    readProxy: options.watchPath && proxy ? () => proxy.read() : undefined,
    findRouter: async (signal) => {
      // Asked again means the network changed or the router stopped answering: do not trust the cache.
      if (asked) services.router.invalidate();
      asked = true;
      try {
        return routerAccessFor(await services.router.discover(signal), services.http, services.config, options.timers);
      } catch (error) {
        if (error instanceof RouterError) return null;
        throw error;
      }
    },
  });
}
