/**
 * The IPC contract: one table of request channels and one of events. Main's handlers, the preload's
 * client, the harness transport and the renderer's typings are all derived from these two tables, so
 * a wrong channel name or argument shape fails `tsc` on every side.
 */
import { z } from 'zod';
import type {
  AccessChange,
  AppError,
  BackupEntry,
  BackupListing,
  BrowsersResult,
  CheckProgress,
  ClearSiteDataResult,
  Diagnosis,
  IpChange,
  PowerCycleResult,
  PrivateWindowResult,
  ProxyChange,
  ProxyStatus,
  ReconnectResult,
  RouterProgress,
  RouterStatus,
  ViewId,
  VpnActionResult,
  VpnStatus,
  WatchState,
} from './model';

/** A compile-time-only marker carrying a result or payload type. */
export interface Typed<T> {
  readonly __type?: T;
}
const typed = <T>(): Typed<T> => ({});

const targetUrl = z
  .string()
  .max(2048)
  .refine((s) => /^https?:\/\//i.test(s) && URL.canParse(s), 'must be an http(s) URL');

const siteDomain = z
  .string()
  .max(253)
  .regex(/^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/);

const runIdSchema = z.string().regex(/^[\w-]{1,64}$/);

export interface AppInfo {
  version: string;
  /** 'electron' in the app, 'harness' when served to a browser by the dev harness, 'cli' in the command. */
  shell: 'electron' | 'harness' | 'cli';
  targets: string[];
  /** The operating system and its release, for the support report (e.g. `linux 6.1.0`). */
  os: string;
  /** Where each site's owner takes reports, by host (config `supportLinks`). */
  supportLinks: Record<string, string>;
}

export const requests = {
  'app.info': { input: z.object({}).strict(), result: typed<AppInfo>() },
  /** Changes the sites being checked; saved to the app's config.json, validated like the file. */
  'config.setTargets': {
    input: z.object({ targets: z.array(targetUrl).min(1).max(20) }).strict(),
    result: typed<AppInfo>(),
  },
  'diagnose.run': {
    input: z
      .object({ runId: z.string().regex(/^[\w-]{1,64}$/), targets: z.array(targetUrl).max(20).optional() })
      .strict(),
    result: typed<Diagnosis>(),
  },
  'shell.openExternal': { input: z.object({ url: targetUrl }).strict(), result: typed<{ opened: boolean }>() },
  /** Finds the router (cached until the network changes) and reads its WAN state. */
  'router.status': { input: z.object({}).strict(), result: typed<RouterStatus>() },
  /** Drops the connection for everyone on the network: the renderer must have asked the user first. */
  'router.reset': {
    input: z.object({ runId: runIdSchema, confirmed: z.literal(true) }).strict(),
    result: typed<ReconnectResult>(),
  },
  /** Watches a power-cycle the user does by hand; progress comes as `routerProgress` events. */
  'router.powerCycle': {
    input: z.object({ runId: runIdSchema, oldIp: z.ipv4().nullable().optional() }).strict(),
    result: typed<PowerCycleResult>(),
  },
  'router.cancel': { input: z.object({ runId: runIdSchema }).strict(), result: typed<{ cancelled: boolean }>() },
  /** The last public-IP changes (newest last), persisted across restarts. */
  'ip.history': { input: z.object({}).strict(), result: typed<IpChange[]>() },
  /** The background watch: current IP, router mode, targets; live updates come as `watchState` events. */
  'watch.state': { input: z.object({}).strict(), result: typed<WatchState>() },
  /** "Watch in background" on/off. */
  'watch.set': { input: z.object({ enabled: z.boolean() }).strict(), result: typed<WatchState>() },
  /** Every backup the app made before changing something on this machine, newest first. */
  'backups.list': { input: z.object({}).strict(), result: typed<BackupListing>() },
  /** Puts a backup back (files byte for byte, settings to their previous values). */
  'backups.restore': {
    input: z.object({ id: z.string().regex(/^[0-9]{8}T[0-9]{6}-[0-9a-f]{8}$/) }).strict(),
    result: typed<BackupEntry>(),
  },
  /** Installed browsers, their profiles, and how many cookies of the sites each holds. */
  'browsers.list': { input: z.object({}).strict(), result: typed<BrowsersResult>() },
  /** Deletes the sites' cookies from one profile (backed up first): the renderer must have asked the user. */
  'browsers.clear': {
    input: z
      .object({
        browser: z.enum(['chrome', 'chromium', 'edge', 'brave', 'vivaldi', 'opera', 'firefox']),
        profile: z.string().min(1).max(300),
        sites: z.array(siteDomain).min(1).max(20).optional(),
        confirmed: z.literal(true),
      })
      .strict(),
    result: typed<ClearSiteDataResult>(),
  },
  /**
   * Opens a target (default: the first configured) in a private window of the browser with extensions
   * off where honoured; when the program is not found, the result says how to open it by hand.
   */
  'browsers.privateWindow': {
    input: z
      .object({
        browser: z.enum(['chrome', 'chromium', 'edge', 'brave', 'vivaldi', 'opera', 'firefox']),
        target: targetUrl.optional(),
      })
      .strict(),
    result: typed<PrivateWindowResult>(),
  },
  /** Re-reads the IP and re-probes the targets now (respects a source's Retry-After). */
  'watch.check': { input: z.object({}).strict(), result: typed<WatchState>() },
  /** Which interface carries traffic to the internet, the tunnels and the connections that can be dropped. */
  'vpn.status': { input: z.object({}).strict(), result: typed<VpnStatus>() },
  /** Disconnects the named VPN (or the one carrying traffic), recorded in the journal: ask the user first. */
  'vpn.disconnect': {
    input: z.object({ name: z.string().min(1).max(128).optional(), confirmed: z.literal(true) }).strict(),
    result: typed<VpnActionResult>(),
  },
  /** Reconnects the VPN the newest disconnect record names. */
  'vpn.reconnect': { input: z.object({}).strict(), result: typed<VpnActionResult>() },
  // proxy: the OS proxy (electron/services/proxy)
  /** The system proxy (the desktop's or the OS's) and proxy environment variables. */
  'proxy.status': { input: z.object({}).strict(), result: typed<ProxyStatus>() },
  /** The proxy settings with the configured targets probed through a manual proxy and without it (`comparison`). */
  'proxy.compare': { input: z.object({}).strict(), result: typed<ProxyStatus>() },
  /** Backs the proxy setting up, then turns it off: the renderer must have asked the user first. */
  'proxy.off': { input: z.object({ confirmed: z.literal(true) }).strict(), result: typed<ProxyChange>() },
  /** Puts a proxy backup back; without an id, the newest one not restored yet. */
  'proxy.restore': {
    input: z
      .object({
        id: z
          .string()
          .regex(/^[0-9]{8}T[0-9]{6}-[0-9a-f]{8}$/)
          .optional(),
      })
      .strict(),
    result: typed<ProxyChange>(),
  },
} as const;

export const events = {
  progress: typed<CheckProgress>(),
  /** The tray's "Check now": the window runs a scan as if the user had clicked Scan. */
  scanRequested: typed<{ source: 'tray' }>(),
  /** Steps of a router reset or guided power-cycle, with a fraction or a countdown. */
  routerProgress: typed<RouterProgress>(),
  /** The public IP changed (already coalesced: no storms). */
  ipChanged: typed<IpChange>(),
  /** A watched target's verdict moved, e.g. blocked → ok. */
  accessChanged: typed<AccessChange>(),
  watchState: typed<WatchState>(),
  /** Show a view, e.g. after a click on a notification ("chatgpt.com is reachable again"). */
  navigate: typed<{ view: ViewId; rescan?: boolean }>(),
  // proxy
  /**
   * The system proxy settings changed: turned off or put back here, or changed elsewhere (the watch
   * reads them every `watch.localPollMs` while it runs).
   */
  proxyChanged: typed<ProxyStatus>(),
  // vpn
  /** The tunnel carrying the traffic changed (the watch re-reads it after a local network change). */
  vpnChanged: typed<VpnStatus>(),
} as const;

export type Requests = typeof requests;
export type Channel = keyof Requests;
export type EventName = keyof typeof events;

export type InputOf<K extends Channel> = z.input<Requests[K]['input']>;
export type ParsedInputOf<K extends Channel> = z.output<Requests[K]['input']>;
export type ResultOf<K extends Channel> = Requests[K]['result'] extends Typed<infer R> ? R : never;
export type PayloadOf<E extends EventName> = (typeof events)[E] extends Typed<infer P> ? P : never;

/** What crosses the bridge: never a thrown string, always one of these. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: AppError };

/** Main side: one async function per channel; it may throw, the dispatcher turns that into an Outcome. */
export type Handlers = { [K in Channel]: (input: ParsedInputOf<K>) => Promise<ResultOf<K>> };

/** Renderer side: what `window.accessDoctor` offers, whatever carries it (Electron IPC or the harness). */
export interface Bridge {
  invoke<K extends Channel>(channel: K, input: InputOf<K>): Promise<Outcome<ResultOf<K>>>;
  /** Subscribe to an event; returns the function that unsubscribes. */
  on<E extends EventName>(event: E, listener: (payload: PayloadOf<E>) => void): () => void;
}

export const channelNames = Object.keys(requests) as Channel[];
export const eventNames = Object.keys(events) as EventName[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(requests, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}

/** Prefix for Electron IPC channel strings, so the preload never forwards a foreign channel. */
export const IPC_PREFIX = 'access-doctor:';
