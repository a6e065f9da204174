/**
 * Status page parsers, chosen by what the answer looks like rather than by URL: Atlassian Statuspage
 * v2 (`summary.json`), incident.io's public widget/proxy JSON (undocumented, so read tolerantly), and
 * RSS 2.0 / Atom feeds as the fallback every provider offers.
 */
import { XMLParser } from 'fast-xml-parser';
import type { ServiceStatus, StatusIncident, StatusIndicator } from '../../../shared/model';
import { decodeXmlText } from '../../core/xml-text';

type Json = Record<string, unknown>;
/** Feed descriptions carry escaped HTML, where `&nbsp;` is common. */
const HTML_EXTRA = { nbsp: ' ' };
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown, max = 300): string | undefined =>
  typeof v === 'string' && v.trim() ? v.trim().slice(0, max) : undefined;
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v.slice(0, 200) : []);

export type StatusParse = { ok: true; status: Omit<ServiceStatus, 'source'> } | { ok: false; reason: string };

export function parseStatusBody(body: string, contentType = ''): StatusParse {
  const text = body.trimStart();
  if (/^[{[]/.test(text) || /json/i.test(contentType)) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { ok: false, reason: 'the status answer is not valid JSON' };
    }
    if (!isObject(json)) return { ok: false, reason: 'the status JSON is not an object' };
    if (isObject(json.status) && typeof json.status.indicator === 'string') return parseStatuspage(json);
    const incidentIo = isObject(json.summary) ? json.summary : json;
    if ('ongoing_incidents' in incidentIo || 'affected_components' in incidentIo) return parseIncidentIo(incidentIo);
    return { ok: false, reason: 'the status JSON has neither the Statuspage nor the incident.io shape' };
  }
  if (/^<(\?xml|rss|feed)/i.test(text)) return parseFeed(text);
  return { ok: false, reason: 'the status answer is neither JSON nor a feed' };
}

const STATUSPAGE_INDICATORS: Record<string, StatusIndicator> = {
  none: 'none',
  minor: 'minor',
  major: 'major',
  critical: 'critical',
  maintenance: 'maintenance',
};

export function parseStatuspage(json: Json): StatusParse {
  const status = isObject(json.status) ? json.status : {};
  const indicator = STATUSPAGE_INDICATORS[String(status.indicator)] ?? 'unknown';
  const degradedComponents = list(json.components)
    .filter(isObject)
    .filter((c) => typeof c.status === 'string' && c.status !== 'operational' && c.group !== true)
    .map((c) => ({ name: str(c.name) ?? 'Unnamed component', status: String(c.status) }));
  const incidents: StatusIncident[] = list(json.incidents)
    .filter(isObject)
    .filter((i) => i.status !== 'resolved' && i.status !== 'postmortem')
    .map((i) => ({
      name: str(i.name) ?? 'Unnamed incident',
      status: str(i.status, 40) ?? 'unknown',
      impact: STATUSPAGE_INDICATORS[String(i.impact)] ?? 'unknown',
      url: safeLink(i.shortlink),
      updatedAt: str(i.updated_at, 40),
    }));
  return {
    ok: true,
    status: {
      format: 'statuspage',
      indicator,
      description: str(status.description) ?? describeIndicator(indicator),
      degradedComponents,
      incidents,
    },
  };
}

/** incident.io impact words → the Statuspage indicator scale the rest of the app speaks. */
const INCIDENT_IO_IMPACT: Record<string, StatusIndicator> = {
  full_outage: 'critical',
  partial_outage: 'major',
  degraded_performance: 'minor',
  operational: 'none',
  under_maintenance: 'maintenance',
};
const SEVERITY: StatusIndicator[] = ['none', 'maintenance', 'minor', 'major', 'critical'];

export function parseIncidentIo(summary: Json): StatusParse {
  const names = componentNames(summary);
  const incidents: StatusIncident[] = list(summary.ongoing_incidents)
    .filter(isObject)
    .filter((i) => !/^(resolved|closed)$/i.test(String(i.status)))
    .map((i) => ({
      name: str(i.name) ?? 'Unnamed incident',
      status: str(i.status, 40) ?? 'ongoing',
      impact: INCIDENT_IO_IMPACT[String(i.current_worst_impact ?? i.impact)] ?? 'unknown',
      url: safeLink(i.url ?? i.permalink),
      updatedAt: str(i.last_update_at ?? i.updated_at, 40),
    }));
  const degradedComponents = list(summary.affected_components)
    .filter(isObject)
    .map((c) => ({
      name: str(c.name) ?? str(c.component_name) ?? names.get(String(c.component_id ?? c.id)) ?? 'Unnamed component',
      status: str(c.status, 40) ?? 'affected',
    }));
  const maintenance = list(summary.in_progress_maintenances).length > 0;
  let indicator: StatusIndicator = maintenance ? 'maintenance' : 'none';
  for (const incident of incidents) {
    const impact = incident.impact === 'unknown' ? 'minor' : incident.impact;
    if (SEVERITY.indexOf(impact) > SEVERITY.indexOf(indicator)) indicator = impact;
  }
  return {
    ok: true,
    status: {
      format: 'incident.io',
      indicator,
      description: describeIndicator(indicator),
      degradedComponents,
      incidents,
    },
  };
}

/**
 * incident.io's summary lists affected components by id only; their names live in `structure` (groups
 * of components), in a flat `components` list, or in each incident's own `affected_components`.
 */
function componentNames(summary: Json): Map<string, string> {
  const names = new Map<string, string>();
  const add = (c: unknown) => {
    if (!isObject(c)) return;
    const id = str(c.component_id, 100) ?? str(c.id, 100);
    const name = str(c.name);
    if (id && name && !names.has(id)) names.set(id, name);
  };
  const structure = isObject(summary.structure) ? summary.structure : {};
  for (const item of list(structure.items).filter(isObject)) {
    add(item.component);
    if (isObject(item.group)) for (const c of list(item.group.components)) add(c);
  }
  for (const c of list(summary.components)) add(c);
  for (const i of list(summary.ongoing_incidents).filter(isObject)) for (const c of list(i.affected_components)) add(c);
  return names;
}

/** How far back a feed entry still counts as "happening now" when it is not marked resolved. */
const FEED_RECENT_MS = 12 * 3600_000;

export function parseFeed(xml: string, now = Date.now()): StatusParse {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) return { ok: false, reason: 'the feed declares a DOCTYPE or entities' };
  let doc: Json;
  try {
    const parser = new XMLParser({ ignoreAttributes: false, processEntities: false, htmlEntities: false });
    doc = parser.parse(xml) as Json;
  } catch {
    return { ok: false, reason: 'the feed is not well-formed XML' };
  }
  const rss = isObject(doc.rss) && isObject(doc.rss.channel) ? doc.rss.channel : undefined;
  const atom = isObject(doc.feed) ? doc.feed : undefined;
  if (!rss && !atom) return { ok: false, reason: 'the XML is neither RSS nor Atom' };
  const rawItems = rss ? rss.item : atom?.entry;
  const items = (Array.isArray(rawItems) ? rawItems : rawItems ? [rawItems] : []).filter(isObject).slice(0, 50);
  const incidents: StatusIncident[] = [];
  for (const item of items) {
    const title = decodeXmlText(textOf(item.title) ?? 'Untitled', HTML_EXTRA);
    const description = textOf(item.description) ?? textOf(item.summary) ?? textOf(item.content) ?? '';
    const date = textOf(item.pubDate) ?? textOf(item.updated) ?? textOf(item.published);
    const when = date ? Date.parse(date) : Number.NaN;
    const resolved = /\b(resolved|completed|postmortem)\b/i.test(`${title} ${firstUpdate(description)}`);
    if (resolved || Number.isNaN(when) || now - when > FEED_RECENT_MS) continue;
    incidents.push({
      name: title.slice(0, 300),
      status: 'ongoing',
      impact: 'unknown',
      url: feedLink(item.link),
      updatedAt: new Date(when).toISOString(),
    });
  }
  const indicator: StatusIndicator = incidents.length > 0 ? 'minor' : 'none';
  return {
    ok: true,
    status: {
      format: 'feed',
      indicator,
      description: incidents.length > 0 ? 'Incident reported in the status feed' : 'No recent unresolved incident',
      degradedComponents: [],
      incidents,
    },
  };
}

function textOf(v: unknown): string | undefined {
  if (typeof v === 'string' || typeof v === 'number') return String(v).trim() || undefined;
  if (isObject(v) && typeof v['#text'] === 'string') return v['#text'].trim() || undefined;
  return undefined;
}

/** RSS `<link>` text, or Atom `<link href>` (one or several; `rel="alternate"` or no rel preferred). */
function feedLink(link: unknown): string | undefined {
  const links = Array.isArray(link) ? link.slice(0, 10) : [link];
  const text = links.map(textOf).find(Boolean);
  if (text) return safeLink(text);
  const atom = links.filter(isObject);
  const preferred = atom.find((l) => l['@_rel'] === undefined || l['@_rel'] === 'alternate') ?? atom[0];
  return safeLink(preferred?.['@_href']);
}

/**
 * Feeds list updates newest first; the first one tells whether the incident is over. Descriptions are
 * escaped HTML (`&lt;strong&gt;Resolved&lt;/strong&gt;`) because entities are not processed: decode the
 * few XML entities by hand (no expansion of anything declared) before stripping tags.
 */
function firstUpdate(description: string): string {
  return (
    decodeXmlText(description.slice(0, 4000), HTML_EXTRA)
      // `[^<>]`, not `[^>]`: an unclosed `<` must not rescan the rest of the text for every later `<`.
      .replace(/<[^<>]*>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 200)
  );
}

function safeLink(v: unknown): string | undefined {
  const s = str(v, 2048);
  return s && /^https:\/\//i.test(s) && URL.canParse(s) ? s : undefined;
}

export function describeIndicator(indicator: StatusIndicator): string {
  switch (indicator) {
    case 'none':
      return 'All systems operational';
    case 'minor':
      return 'Minor service disruption';
    case 'major':
      return 'Major service outage';
    case 'critical':
      return 'Critical service outage';
    case 'maintenance':
      return 'Maintenance in progress';
    default:
      return 'Status unknown';
  }
}
