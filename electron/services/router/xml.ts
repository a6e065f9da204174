/**
 * XML from a device on the LAN is untrusted: no DOCTYPE or entity declarations at all (that closes
 * billion-laughs and external entities), entity processing off in the parser, a nesting limit, and a
 * strict validation pass first so malformed input is a typed error instead of a half-parsed tree.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { decodeXmlText } from '../../core/xml-text';

export { decodeXmlText };

import { RouterError } from './errors';

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: 32,
});

const MAX_XML_CHARS = 512 * 1024;

export type XmlNode = string | XmlObject | XmlNode[];
export interface XmlObject {
  [key: string]: XmlNode;
}

export function parseUntrustedXml(text: string, what: string): XmlObject {
  if (text.length > MAX_XML_CHARS) throw new RouterError('router-bad-xml', `${what} is too large`);
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) {
    throw new RouterError('router-unsafe-xml', `${what} declares a DOCTYPE or entities; refused for safety`);
  }
  let result: unknown;
  try {
    if (XMLValidator.validate(text) !== true) throw new Error('invalid');
    result = parser.parse(text);
  } catch (error) {
    throw new RouterError('router-bad-xml', `${what} is not well-formed XML`, { cause: error });
  }
  if (result === null || typeof result !== 'object' || Array.isArray(result)) {
    throw new RouterError('router-bad-xml', `${what} is empty`);
  }
  return result as XmlObject;
}

export function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

/** A child element's text, or undefined when absent or not text. */
export function textOf(node: XmlNode | undefined): string | undefined {
  if (typeof node === 'string') return decodeXmlText(node);
  if (Array.isArray(node)) return textOf(node[0]);
  return undefined;
}

export function child(node: XmlNode | undefined, name: string): XmlNode | undefined {
  if (node === undefined || typeof node === 'string') return undefined;
  if (Array.isArray(node)) return child(node[0], name);
  return Object.hasOwn(node, name) ? node[name] : undefined;
}

export function children(node: XmlNode | undefined, name: string): XmlNode[] {
  const c = child(node, name);
  if (c === undefined) return [];
  return Array.isArray(c) ? c : [c];
}
