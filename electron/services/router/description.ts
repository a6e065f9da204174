/**
 * The device description (the XML behind LOCATION): walk the device tree, collect services with their
 * URLs resolved against URLBase (when present) or LOCATION, and keep only URLs on the same host.
 */
import { RouterError } from './errors';
import { sameHost } from './location-policy';
import { child, children, parseUntrustedXml, textOf, type XmlNode } from './xml';

export interface UpnpService {
  serviceType: string;
  serviceId?: string;
  controlUrl: string;
  eventSubUrl?: string;
  scpdUrl?: string;
}

export interface DeviceDescription {
  deviceType?: string;
  friendlyName?: string;
  manufacturer?: string;
  modelName?: string;
  udn?: string;
  services: UpnpService[];
}

/** In preference order: IGD:2's IP connection, IGD:1's, then PPP. */
export const CONNECTION_SERVICE_PREFIXES = [
  'urn:schemas-upnp-org:service:WANIPConnection:2',
  'urn:schemas-upnp-org:service:WANIPConnection:1',
  'urn:schemas-upnp-org:service:WANPPPConnection:1',
] as const;
export const COMMON_INTERFACE_SERVICE = 'urn:schemas-upnp-org:service:WANCommonInterfaceConfig:1';

const MAX_DEPTH = 8;
const MAX_SERVICES = 64;
const SERVICE_TYPE = /^urn:[A-Za-z0-9.-]+:service:[A-Za-z0-9_.-]+:\d{1,3}$/;

export function parseDescription(xml: string, location: URL): DeviceDescription {
  const doc = parseUntrustedXml(xml, 'The router description');
  const root = child(doc, 'root');
  const device = child(root, 'device');
  if (!root || !device) throw new RouterError('router-bad-response', 'The router description has no <root><device>');
  const urlBaseText = textOf(child(root, 'URLBase'))?.trim();
  let base = location;
  if (urlBaseText && URL.canParse(urlBaseText) && sameHost(urlBaseText, location)) base = new URL(urlBaseText);

  const services: UpnpService[] = [];
  const resolve = (raw: string | undefined): string | undefined => {
    const text = raw?.trim();
    if (!text || !URL.canParse(text, base)) return undefined;
    const href = new URL(text, base).href;
    return sameHost(href, location) ? href : undefined;
  };
  const walk = (node: XmlNode, depth: number) => {
    if (depth > MAX_DEPTH || services.length >= MAX_SERVICES) return;
    for (const service of children(child(node, 'serviceList'), 'service')) {
      const serviceType = textOf(child(service, 'serviceType'))?.trim();
      const controlUrl = resolve(textOf(child(service, 'controlURL')));
      if (!serviceType || !SERVICE_TYPE.test(serviceType) || !controlUrl) continue;
      const entry: UpnpService = { serviceType, controlUrl };
      const serviceId = textOf(child(service, 'serviceId'))?.trim();
      const eventSubUrl = resolve(textOf(child(service, 'eventSubURL')));
      const scpdUrl = resolve(textOf(child(service, 'SCPDURL')));
      if (serviceId) entry.serviceId = serviceId;
      if (eventSubUrl) entry.eventSubUrl = eventSubUrl;
      if (scpdUrl) entry.scpdUrl = scpdUrl;
      if (services.length < MAX_SERVICES) services.push(entry);
    }
    for (const sub of children(child(node, 'deviceList'), 'device')) walk(sub, depth + 1);
  };
  walk(device, 0);

  const out: DeviceDescription = { services };
  const fields = ['deviceType', 'friendlyName', 'manufacturer', 'modelName', 'UDN'] as const;
  for (const field of fields) {
    const value = textOf(child(device, field))?.trim().slice(0, 200);
    if (value) out[field === 'UDN' ? 'udn' : field] = value;
  }
  return out;
}

export interface WanServices {
  connection: UpnpService;
  common?: UpnpService;
}

export function pickWanServices(description: DeviceDescription): WanServices | null {
  for (const type of CONNECTION_SERVICE_PREFIXES) {
    const connection = description.services.find((s) => s.serviceType === type);
    if (connection) {
      const common = description.services.find((s) => s.serviceType === COMMON_INTERFACE_SERVICE);
      return common ? { connection, common } : { connection };
    }
  }
  return null;
}
