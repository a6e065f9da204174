/**
 * UPnP control over SOAP: the envelope (every argument XML-escaped), the response's out-arguments, and
 * faults turned into UpnpSoapError with the UPnP code kept. Requests never follow redirects, are
 * time-limited and size-capped.
 */
import type { HttpClient } from '../../platform/http';
import { RouterError, UpnpSoapError } from './errors';
import { child, escapeXml, parseUntrustedXml, textOf, type XmlNode, type XmlObject } from './xml';

const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const SERVICE_TYPE = /^urn:[A-Za-z0-9.-]+:service:[A-Za-z0-9_.-]+:\d{1,3}$/;

export function buildSoapEnvelope(serviceType: string, action: string, args: Record<string, string> = {}): string {
  if (!NAME.test(action)) throw new RouterError('router-bad-response', `Invalid action name ${action.slice(0, 40)}`);
  if (!SERVICE_TYPE.test(serviceType)) throw new RouterError('router-bad-response', 'Invalid service type');
  const body = Object.entries(args)
    .map(([name, value]) => {
      if (!NAME.test(name)) throw new RouterError('router-bad-response', `Invalid argument name ${name.slice(0, 40)}`);
      return `<${name}>${escapeXml(value)}</${name}>`;
    })
    .join('');
  return (
    '<?xml version="1.0" encoding="utf-8"?>\r\n' +
    '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" s:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/">' +
    `<s:Body><u:${action} xmlns:u="${escapeXml(serviceType)}">${body}</u:${action}></s:Body></s:Envelope>\r\n`
  );
}

function bodyOf(doc: XmlObject): XmlNode | undefined {
  return child(child(doc, 'Envelope'), 'Body');
}

/** `{ code, description }` of a UPnP fault, or null when the body holds none. */
export function parseSoapFault(xml: string): { code: number | null; description: string } | null {
  let doc: XmlObject;
  try {
    doc = parseUntrustedXml(xml, 'The router answer');
  } catch {
    return null;
  }
  const fault = child(bodyOf(doc), 'Fault');
  if (fault === undefined) return null;
  const upnpError = child(child(fault, 'detail'), 'UPnPError');
  const codeText = textOf(child(upnpError, 'errorCode'))?.trim();
  const code = codeText && /^\d{1,4}$/.test(codeText) ? Number(codeText) : null;
  const description = (textOf(child(upnpError, 'errorDescription')) ?? textOf(child(fault, 'faultstring')) ?? '')
    .trim()
    .slice(0, 200);
  return { code, description };
}

/** The out-arguments of `<ActionResponse>`, as strings; a missing response element is a protocol error. */
export function parseSoapResponse(xml: string, action: string): Record<string, string> {
  const doc = parseUntrustedXml(xml, 'The router answer');
  const response = child(bodyOf(doc), `${action}Response`);
  if (response === undefined) {
    throw new RouterError('router-bad-response', `The router answer to ${action} has no ${action}Response`);
  }
  const out: Record<string, string> = {};
  if (typeof response === 'object' && !Array.isArray(response)) {
    for (const [name, value] of Object.entries(response)) {
      const text = textOf(value);
      if (NAME.test(name) && text !== undefined) out[name] = text.slice(0, 1024);
    }
  }
  return out;
}

export interface SoapCall {
  controlUrl: string;
  serviceType: string;
  action: string;
  args?: Record<string, string>;
  timeoutMs: number;
  maxBytes: number;
  signal?: AbortSignal;
}

export async function soapCall(http: HttpClient, call: SoapCall): Promise<Record<string, string>> {
  const res = await http.request({
    url: call.controlUrl,
    method: 'POST',
    headers: {
      'content-type': 'text/xml; charset="utf-8"',
      soapaction: `"${call.serviceType}#${call.action}"`,
    },
    body: buildSoapEnvelope(call.serviceType, call.action, call.args),
    timeoutMs: call.timeoutMs,
    maxBytes: call.maxBytes,
    maxRedirects: 0,
    signal: call.signal,
  });
  if (res.truncated) throw new RouterError('router-bad-response', `The router answer to ${call.action} is too large`);
  if (res.status >= 200 && res.status < 300) return parseSoapResponse(res.body, call.action);
  const fault = parseSoapFault(res.body);
  throw new UpnpSoapError(call.action, fault?.code ?? null, fault?.description ?? '', res.status);
}
