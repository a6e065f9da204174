/**
 * The router service: discovery (cached until the network changes), status, reconnect and the guided
 * power-cycle, over injected doors (HTTP client, UDP sockets, interfaces, clock), so the app, the CLI and
 * the tests run the same code.
 */
import type { NetworkInterfaceInfo } from 'node:os';
import type {
  PowerCycleResult,
  ReconnectResult,
  RouterInfo,
  RouterProgress,
  RouterStatus,
} from '../../../shared/model';
import type { Config } from '../../config';
import { type Clock, systemClock } from '../../core/clock';
import { toAppError } from '../../core/errors';
import { type HttpClient, NetError } from '../../platform/http';
import { RouterError } from './errors';
import { type FoundGateway, findGateway } from './gateway';
import { createIgdClient, type IgdClient } from './igd';
import { analyzeNat } from './nat';
import { powerCycleGuide, watchPowerCycle } from './power-cycle';
import { reconnect } from './reconnect';
import type { UdpSocket } from './ssdp';

export { RouterError, UpnpSoapError } from './errors';

export interface RouterDeps {
  config: Config;
  http: HttpClient;
  createSocket(): UdpSocket;
  networkInterfaces(): NodeJS.Dict<NetworkInterfaceInfo[]>;
  defaultGateway(): Promise<string | null>;
  /** Public IPv4 from the outside echo services; null when unreadable. */
  readPublicIp(signal?: AbortSignal): Promise<string | null>;
  clock?: Clock;
}

export type ProgressSink = (progress: RouterProgress) => void;

export interface RouterService {
  /** The cached gateway, or a fresh discovery when there is none or the network changed. */
  discover(signal?: AbortSignal): Promise<FoundGateway>;
  /** `withPublicIp` (default true) also reads the outside view, for the double-NAT check. */
  status(options?: { signal?: AbortSignal; withPublicIp?: boolean }): Promise<RouterStatus>;
  reset(options: { runId: string; onProgress?: ProgressSink; signal?: AbortSignal }): Promise<ReconnectResult>;
  powerCycle(options: {
    runId: string;
    oldIp?: string | null;
    onProgress?: ProgressSink;
    signal?: AbortSignal;
  }): Promise<PowerCycleResult>;
  invalidate(): void;
}

function networkKey(interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>): string {
  return Object.entries(interfaces)
    .flatMap(([name, list]) => (list ?? []).filter((i) => i.family === 'IPv4').map((i) => `${name}=${i.cidr}`))
    .sort()
    .join(',');
}

export function createRouterService(deps: RouterDeps): RouterService {
  const { config, http } = deps;
  const clock = deps.clock ?? systemClock;
  const limits = { timeoutMs: config.router.requestTimeoutMs, maxBytes: config.router.maxBodyBytes };
  let cache: { key: string; found: FoundGateway } | null = null;
  let inflight: Promise<FoundGateway> | null = null;

  const discover = async (signal?: AbortSignal): Promise<FoundGateway> => {
    const key = networkKey(deps.networkInterfaces());
    if (cache && cache.key === key) return cache.found;
    cache = null;
    // Callers at the same moment (diagnose + status) share one discovery.
    inflight ??= (async () => {
      try {
        const { found } = await findGateway(
          { http, createSocket: deps.createSocket, networkInterfaces: deps.networkInterfaces },
          {
            address: config.discovery.ssdpAddress,
            port: config.discovery.ssdpPort,
            mx: config.discovery.mx,
            timeoutMs: config.discovery.timeoutMs,
            allowLoopbackDevices: config.discovery.allowLoopbackDevices,
            preferDefaultGatewayMs: config.discovery.preferDefaultGatewayMs,
            defaultGateway: await deps.defaultGateway().catch(() => null),
            requestTimeoutMs: config.router.requestTimeoutMs,
            maxBodyBytes: config.router.maxBodyBytes,
            signal,
          },
        );
        cache = { key, found };
        return found;
      } finally {
        inflight = null;
      }
    })();
    return inflight;
  };

  /** Runs `work` on the cached gateway; a router that stopped answering is rediscovered once. */
  const withIgd = async <T>(
    signal: AbortSignal | undefined,
    work: (igd: IgdClient, found: FoundGateway) => Promise<T>,
  ) => {
    const found = await discover(signal);
    try {
      return await work(createIgdClient(http, found.services, limits), found);
    } catch (error) {
      const gone = error instanceof NetError && ['refused', 'timeout', 'reset', 'network'].includes(error.netCode);
      if (!gone || signal?.aborted || cache?.found !== found) throw error;
      cache = null;
      const again = await discover(signal);
      return work(createIgdClient(http, again.services, limits), again);
    }
  };

  const settle = async <T>(promise: Promise<T>) =>
    promise.then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error: toAppError(error) }),
    );

  return {
    discover,
    invalidate() {
      cache = null;
    },

    async status(options = {}) {
      const { signal } = options;
      const publicIp = options.withPublicIp === false ? null : deps.readPublicIp(signal).catch(() => null);
      try {
        return await withIgd(signal, async (igd, found) => {
          const [ip, status, type, link, actions] = await Promise.all([
            settle(igd.getExternalIp(signal)),
            settle(igd.getStatusInfo(signal)),
            settle(igd.getConnectionTypeInfo(signal)),
            settle(igd.getCommonLinkProperties(signal)),
            settle(igd.listActions(signal)),
          ]);
          // Every action failing with a network error means the router is gone, not partly broken.
          if (!ip.ok && !status.ok && ip.error.code.startsWith('net-')) {
            throw new NetError('network', ip.error.message);
          }
          const partialErrors: RouterInfo['partialErrors'] = [];
          const note = (action: string, r: { ok: boolean; error?: { code: string; message: string } }) => {
            if (!r.ok && r.error) partialErrors.push({ action, error: r.error });
          };
          note('GetExternalIPAddress', ip);
          note('GetStatusInfo', status);
          note('GetConnectionTypeInfo', type);
          note('GetCommonLinkProperties', link);
          const externalIp = ip.ok ? ip.value : null;
          const outside = publicIp ? await publicIp : null;
          const router: RouterInfo = {
            gateway: found.gateway,
            externalIp,
            connectionStatus: status.ok ? status.value.connectionStatus : null,
            uptimeSeconds: status.ok ? status.value.uptimeSeconds : null,
            lastConnectionError: status.ok ? status.value.lastConnectionError : null,
            connectionType: type.ok ? type.value.connectionType || null : null,
            link: link.ok ? link.value : null,
            reconnect:
              actions.ok && actions.value
                ? actions.value.includes('ForceTermination') && actions.value.includes('RequestConnection')
                  ? 'offered'
                  : 'not-offered'
                : 'unknown',
            publicIp: outside,
            natWarning: analyzeNat(externalIp, outside),
            partialErrors,
          };
          return { ok: true as const, router };
        });
      } catch (error) {
        return { ok: false, error: toAppError(error) };
      }
    },

    async reset({ runId, onProgress, signal }) {
      const emit = (p: Omit<RouterProgress, 'runId'>) => onProgress?.({ runId, ...p });
      emit({ phase: 'discovering', message: 'Looking for your router…', fraction: 0, elapsedMs: 0 });
      try {
        return await withIgd(signal, (igd) =>
          reconnect(
            {
              igd,
              clock,
              readPublicIp: deps.readPublicIp,
              timeoutMs: config.router.reconnectTimeoutMs,
              pollMs: config.router.pollMs,
              unplugSeconds: config.router.powerCycle.unplugSeconds,
            },
            { onProgress: emit, signal },
          ),
        );
      } catch (error) {
        const noRouter = error instanceof RouterError;
        return {
          outcome: noRouter ? 'no-router' : 'failed',
          oldIp: null,
          error: toAppError(error),
          guide: powerCycleGuide(config.router.powerCycle.unplugSeconds),
        };
      }
    },

    async powerCycle({ runId, oldIp, onProgress, signal }) {
      const pc = config.router.powerCycle;
      // The router's own page is the cheapest "is the LAN side up" probe; without one, any answer from the
      // default gateway's port 80 (even a refusal) proves it is powered.
      const known = cache?.found.gateway.location ?? null;
      const gatewayIp = known ? null : await deps.defaultGateway().catch(() => null);
      const probeGateway = async (probeSignal: AbortSignal) => {
        const url = known ?? (gatewayIp ? `http://${gatewayIp}/` : null);
        if (!url) return true;
        try {
          await http.request({ url, timeoutMs: 2000, maxBytes: 1024, maxRedirects: 0, signal: probeSignal });
          return true;
        } catch (error) {
          return error instanceof NetError && error.netCode === 'refused';
        }
      };
      return watchPowerCycle(
        {
          probeGateway,
          readPublicIp: (s) => deps.readPublicIp(s),
          clock,
          pollMs: pc.pollMs,
          timeoutMs: pc.timeoutMs,
          unplugSeconds: pc.unplugSeconds,
        },
        { oldIp: oldIp ?? null, onProgress: (p) => onProgress?.({ runId, ...p }), signal },
      );
    },
  };
}
