/**
 * Canned check results and capabilities built from the real capability constructors with fake check
 * functions: no network, no timers. Shared by the capability, diagnosis and matrix tests.
 */
import { accessCapability } from '../../../electron/services/access/capability';
import type { AnyCapability } from '../../../electron/services/capability';
import { diagnose } from '../../../electron/services/diagnose';
import { ipCapability } from '../../../electron/services/ip/capability';
import { routerCapability } from '../../../electron/services/router/capability';
import { statusCapability } from '../../../electron/services/status/capability';
import { watchCapability } from '../../../electron/services/watch/capability';
import type {
  AccessResult,
  Diagnosis,
  PublicIpResult,
  RouterInfo,
  RouterStatus,
  StatusIndicator,
  StatusResult,
} from '../../../shared/model';
import { host } from '../../../shared/text';

export const SITE = 'https://chatgpt.com/';
export const RAY = '8f1a2b3c4d5e6f70-AMS';
export const PUBLIC_IP = '198.51.100.23';
export const UNPLUG_SECONDS = 30;

export const access = (over: Partial<AccessResult> = {}): AccessResult => ({
  target: SITE,
  verdict: 'ok',
  httpStatus: 200,
  viaCloudflare: true,
  elapsedMs: 87,
  ...over,
});

/** Every verdict the probe can give, as the probe would report it for `target`. */
export const VERDICTS = {
  ok: (target = SITE) => access({ target }),
  'blocked 1020 with Ray ID': (target = SITE) =>
    access({ target, verdict: 'blocked', httpStatus: 403, cloudflareCode: 1020, rayId: RAY, vendor: 'cloudflare' }),
  'blocked without code': (target = SITE) =>
    access({ target, verdict: 'blocked', httpStatus: 403, viaCloudflare: false }),
  'rate-limited 1015 with Retry-After': (target = SITE) =>
    access({
      target,
      verdict: 'rate-limited',
      httpStatus: 429,
      cloudflareCode: 1015,
      rayId: RAY,
      retryAfterSeconds: 600,
    }),
  challenge: (target = SITE) => access({ target, verdict: 'challenge', httpStatus: 403, rayId: RAY }),
  'down 521': (target = SITE) => access({ target, verdict: 'down', httpStatus: 521, cloudflareCode: 521, rayId: RAY }),
  // The messages are worded as electron/platform/http.ts words them.
  'unreachable refused': (target = SITE) =>
    access({
      target,
      verdict: 'unreachable',
      httpStatus: undefined,
      viaCloudflare: false,
      error: { code: 'net-refused', message: `${host(target)} refused the connection` },
    }),
  'unreachable timeout': (target = SITE) =>
    access({
      target,
      verdict: 'unreachable',
      httpStatus: undefined,
      viaCloudflare: false,
      error: { code: 'net-timeout', message: `${host(target)} did not answer within 10 s` },
    }),
} satisfies Record<string, (target?: string) => AccessResult>;
export type VerdictCase = keyof typeof VERDICTS;

export const statusOf = (indicator: StatusIndicator, incidents: string[] = []): StatusResult => ({
  ok: true,
  status: {
    format: 'statuspage',
    source: 'https://status.openai.com/api/v2/summary.json',
    indicator,
    description: indicator === 'none' ? 'All Systems Operational' : 'Partial System Outage',
    degradedComponents: [],
    incidents: incidents.map((name) => ({ name, status: 'identified', impact: indicator })),
  },
});

export const STATUSES = {
  none: () => statusOf('none'),
  minor: () => statusOf('minor', ['Elevated errors']),
  major: () => statusOf('major', ['Elevated errors']),
  critical: () => statusOf('critical', ['Login is failing']),
  unreadable: (): StatusResult => ({
    ok: false,
    source: 'https://status.openai.com/api/v2/summary.json',
    error: { code: 'bad-answer', message: 'The status answer is not valid JSON.' },
  }),
} satisfies Record<string, () => StatusResult>;
export type StatusCase = keyof typeof STATUSES;

export const routerInfo = (over: Partial<RouterInfo> = {}): RouterInfo => ({
  gateway: {
    address: '192.168.1.1',
    localAddress: '192.168.1.20',
    location: 'http://192.168.1.1:5000/rootDesc.xml',
    friendlyName: 'FRITZ!Box 7590',
    connectionService: 'urn:schemas-upnp-org:service:WANIPConnection:1',
    isDefaultGateway: true,
    foundAfterMs: 40,
  },
  externalIp: PUBLIC_IP,
  connectionStatus: 'Connected',
  uptimeSeconds: 7200,
  lastConnectionError: null,
  connectionType: 'IP_Routed',
  link: null,
  reconnect: 'offered',
  publicIp: null,
  natWarning: null,
  partialErrors: [],
  ...over,
});

/** `absent`: the router check gave no result at all (it failed), so `results.router` has no key. */
export const ROUTERS = {
  'found, connected, offers reconnect': (): RouterStatus => ({ ok: true, router: routerInfo() }),
  'found, does not offer reconnect': (): RouterStatus => ({
    ok: true,
    router: routerInfo({ reconnect: 'not-offered' }),
  }),
  'not found': (): RouterStatus => ({
    ok: false,
    error: { code: 'router-not-found', message: 'No UPnP router answered.' },
  }),
  'answered but broken': (): RouterStatus => ({
    ok: false,
    error: { code: 'router-bad-xml', message: 'The router description is not well-formed XML.' },
  }),
  absent: null,
} satisfies Record<string, (() => RouterStatus) | null>;
export type RouterCase = keyof typeof ROUTERS;

export const IPS = {
  known: (): PublicIpResult => ({
    v4: { ip: PUBLIC_IP, family: 4, source: 'trace', loc: 'NL', colo: 'AMS', warp: 'off' },
    failures: [],
  }),
  unknown: (): PublicIpResult => ({
    failures: [{ source: 'trace', error: { code: 'net-timeout', message: 'The echo service did not answer.' } }],
  }),
} satisfies Record<string, () => PublicIpResult>;
export type IpCase = keyof typeof IPS;

export interface Fakes {
  /** Per target, or one answer for every target; a function may throw to fail the check. */
  probe?: (target: string) => AccessResult | Promise<AccessResult>;
  status?: () => StatusResult | Promise<StatusResult>;
  /** Null: the router check fails as a whole (no result); `omitRouter` leaves the capability out. */
  router?: (() => RouterStatus | Promise<RouterStatus>) | null;
  omitRouter?: boolean;
  ip?: () => PublicIpResult | Promise<PublicIpResult>;
  unplugSeconds?: number;
}

/** The registry's capabilities, in the registry's order, with fake check functions. */
export function capabilities(f: Fakes = {}): AnyCapability[] {
  const list: (AnyCapability | null)[] = [
    ipCapability(async () => (f.ip ?? IPS.known)()),
    accessCapability(async (target) => (f.probe ? f.probe(target) : access({ target }))),
    statusCapability(async () => (f.status ?? STATUSES.none)()),
    f.omitRouter
      ? null
      : routerCapability(async () => {
          if (f.router === null) throw new Error('The router check failed.');
          return (f.router ?? ROUTERS['not found'])();
        }, f.unplugSeconds ?? UNPLUG_SECONDS),
    watchCapability(),
  ];
  return list.filter((c): c is AnyCapability => c !== null);
}

let run = 0;
export function runDiagnosis(f: Fakes = {}, targets: string[] = [SITE]): Promise<Diagnosis> {
  run += 1;
  return diagnose(capabilities(f), {
    runId: `test-${run}`,
    targets,
    now: () => new Date('2026-11-25T10:00:00.000Z'),
  });
}

export interface Message {
  where: string;
  text: string;
}

/** Every text of a diagnosis the user reads: the headline, each finding's title and detail, each step's title and why. */
export function messagesOf(d: Pick<Diagnosis, 'headline' | 'findings' | 'plan'>): Message[] {
  return [
    { where: 'headline', text: d.headline.text },
    ...d.findings.flatMap((f) => [
      { where: `finding ${f.id} title`, text: f.title },
      { where: `finding ${f.id} detail`, text: f.detail },
    ]),
    ...d.plan.flatMap((s) => [
      { where: `step ${s.id} title`, text: s.title },
      { where: `step ${s.id} why`, text: s.why },
    ]),
  ];
}
