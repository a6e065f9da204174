/** The IGD actions Access Doctor needs, over one WAN connection service (+ the common interface one). */
import type { RouterLink } from '../../../shared/model';
import { ipFamily } from '../../core/addresses';
import type { HttpClient } from '../../platform/http';
import type { UpnpService, WanServices } from './description';
import { RouterError } from './errors';
import { soapCall } from './soap';
import { child, children, parseUntrustedXml, textOf } from './xml';

export interface IgdLimits {
  timeoutMs: number;
  maxBytes: number;
}

export interface StatusInfo {
  connectionStatus: string;
  lastConnectionError: string | null;
  uptimeSeconds: number | null;
}

export interface IgdClient {
  readonly services: WanServices;
  /** Null when the router answers an empty or invalid address (not connected, or a WAN address it hides). */
  getExternalIp(signal?: AbortSignal): Promise<string | null>;
  getStatusInfo(signal?: AbortSignal): Promise<StatusInfo>;
  getConnectionTypeInfo(signal?: AbortSignal): Promise<{ connectionType: string; possibleTypes: string[] }>;
  /** Null when the router has no WANCommonInterfaceConfig service. */
  getCommonLinkProperties(signal?: AbortSignal): Promise<RouterLink | null>;
  /** Action names the WAN connection service's SCPD lists; null when it has no SCPD URL. */
  listActions(signal?: AbortSignal): Promise<string[] | null>;
  forceTermination(signal?: AbortSignal): Promise<void>;
  requestConnection(signal?: AbortSignal): Promise<void>;
}

const clean = (value: string | undefined, max = 64): string => (value ?? '').trim().slice(0, max);

function optionalInt(value: string | undefined): number | null {
  const text = clean(value);
  return /^\d{1,12}$/.test(text) ? Number(text) : null;
}

export function createIgdClient(http: HttpClient, services: WanServices, limits: IgdLimits): IgdClient {
  const call = (service: UpnpService, action: string, signal?: AbortSignal) =>
    soapCall(http, {
      controlUrl: service.controlUrl,
      serviceType: service.serviceType,
      action,
      timeoutMs: limits.timeoutMs,
      maxBytes: limits.maxBytes,
      signal,
    });
  const wan = services.connection;
  return {
    services,
    async getExternalIp(signal) {
      const out = await call(wan, 'GetExternalIPAddress', signal);
      const ip = clean(out.NewExternalIPAddress);
      return ipFamily(ip) === 4 && ip !== '0.0.0.0' ? ip : null;
    },
    async getStatusInfo(signal) {
      const out = await call(wan, 'GetStatusInfo', signal);
      const error = clean(out.NewLastConnectionError);
      return {
        connectionStatus: clean(out.NewConnectionStatus) || 'Unknown',
        lastConnectionError: error && error !== 'ERROR_NONE' ? error : null,
        uptimeSeconds: optionalInt(out.NewUptime),
      };
    },
    async getConnectionTypeInfo(signal) {
      const out = await call(wan, 'GetConnectionTypeInfo', signal);
      return {
        connectionType: clean(out.NewConnectionType),
        possibleTypes: clean(out.NewPossibleConnectionTypes, 256)
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      };
    },
    async getCommonLinkProperties(signal) {
      if (!services.common) return null;
      const out = await call(services.common, 'GetCommonLinkProperties', signal);
      const link: RouterLink = {};
      const accessType = clean(out.NewWANAccessType);
      const linkStatus = clean(out.NewPhysicalLinkStatus);
      const up = optionalInt(out.NewLayer1UpstreamMaxBitRate);
      const down = optionalInt(out.NewLayer1DownstreamMaxBitRate);
      if (accessType) link.accessType = accessType;
      if (linkStatus) link.linkStatus = linkStatus;
      if (up !== null) link.upstreamMaxBps = up;
      if (down !== null) link.downstreamMaxBps = down;
      return link;
    },
    async listActions(signal) {
      if (!wan.scpdUrl) return null;
      const res = await http.request({
        url: wan.scpdUrl,
        timeoutMs: limits.timeoutMs,
        maxBytes: limits.maxBytes,
        maxRedirects: 0,
        signal,
      });
      if (res.status !== 200 || res.truncated) {
        throw new RouterError('router-bad-response', `The service description answered HTTP ${res.status}`);
      }
      const doc = parseUntrustedXml(res.body, 'The service description');
      return children(child(child(doc, 'scpd'), 'actionList'), 'action')
        .map((action) => textOf(child(action, 'name'))?.trim() ?? '')
        .filter((name) => /^[A-Za-z_]\w{0,63}$/.test(name));
    },
    async forceTermination(signal) {
      await call(wan, 'ForceTermination', signal);
    },
    async requestConnection(signal) {
      await call(wan, 'RequestConnection', signal);
    },
  };
}
