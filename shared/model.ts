/**
 * The data both processes agree on. Plain serialisable objects only: everything here crosses IPC,
 * the harness transport and `--json` output unchanged.
 */

export type IpFamily = 4 | 6;

/** One public address as an outside echo service saw it. */
export interface PublicAddress {
  ip: string;
  family: IpFamily;
  /** Config id or URL of the source that answered. */
  source: string;
  /** Cloudflare trace extras, when the source speaks that format. */
  loc?: string;
  colo?: string;
  /** `warp=on|plus` means traffic already leaves through Cloudflare WARP. */
  warp?: string;
}

export interface SourceFailure {
  source: string;
  error: AppError;
}

export interface PublicIpResult {
  v4?: PublicAddress;
  v6?: PublicAddress;
  /** Every source that failed on the way, in order (fallbacks are normal, so these are informational). */
  failures: SourceFailure[];
}

/** Why a request could not produce an answer. Each one is named so the UI can say it plainly. */
export type NetErrorCode =
  | 'dns'
  | 'tls'
  | 'timeout'
  | 'refused'
  | 'reset'
  | 'too-many-redirects'
  | 'body-too-large'
  | 'bad-response'
  | 'blocked-by-policy'
  | 'network';

export interface AppError {
  /** Stable, machine-readable. */
  code: string;
  /** One sentence a user can read. */
  message: string;
}

/** Edge and bot-protection vendors whose block and challenge pages the classifier tells apart. */
export type EdgeVendor =
  | 'cloudflare'
  | 'akamai'
  | 'cloudfront'
  | 'imperva'
  | 'datadome'
  | 'perimeterx'
  | 'sucuri'
  | 'ddos-guard';

export type AccessVerdict = 'ok' | 'blocked' | 'rate-limited' | 'challenge' | 'down' | 'unreachable';

export interface AccessResult {
  target: string;
  verdict: AccessVerdict;
  httpStatus?: number;
  /** Cloudflare error code such as 1020, when the page or body names one. */
  cloudflareCode?: number;
  rayId?: string;
  /** Seconds the server asked us to wait (Retry-After), for rate limits. */
  retryAfterSeconds?: number;
  /** Why it was unreachable, when it was. */
  error?: AppError;
  /** Whether the answer came through Cloudflare at all (cf-ray / server header). */
  viaCloudflare: boolean;
  /** The edge or bot-protection vendor whose page or headers the answer carries; absent for an ordinary page. */
  vendor?: EdgeVendor;
  /** The answer's HTTP `Date` and when it arrived (ms since the epoch): tells a wrong system clock. */
  serverDate?: { date: string; receivedAt: number };
  elapsedMs: number;
}

export type StatusIndicator = 'none' | 'minor' | 'major' | 'critical' | 'maintenance' | 'unknown';

export interface StatusIncident {
  name: string;
  status: string;
  impact: StatusIndicator;
  url?: string;
  updatedAt?: string;
}

export interface ServiceStatus {
  /** Which shape the answer had; decides nothing downstream, helps support. */
  format: 'statuspage' | 'incident.io' | 'feed';
  source: string;
  indicator: StatusIndicator;
  description: string;
  degradedComponents: { name: string; status: string }[];
  incidents: StatusIncident[];
}

export type StatusResult = { ok: true; status: ServiceStatus } | { ok: false; error: AppError; source: string };

/** One per capability that takes part in the diagnosis; the same name as its folder under electron/services/. */
export type CheckId = 'ip' | 'access' | 'status' | 'router' | 'vpn' | 'proxy' | 'browsers';

/** What a finished check found, not whether it ran: fine, a problem, or nothing to tell (not available). */
export type CheckMark = 'fine' | 'problem' | 'unavailable';

export interface CheckProgress {
  runId: string;
  check: CheckId;
  label: string;
  state: 'running' | 'finished';
  /** Set once finished. */
  mark?: CheckMark;
  /** Short line for the UI while running or when finished. */
  detail?: string;
  elapsedMs?: number;
}

export type Severity = 'problem' | 'warning' | 'info' | 'good';

export interface Finding {
  /** Stable id, e.g. `blocked:https://chatgpt.com/`; the wizard keys fix steps on `kind`. */
  id: string;
  kind:
    | 'blocked'
    | 'rate-limited'
    | 'challenge'
    | 'site-down'
    | 'unreachable'
    | 'reachable'
    | 'warp'
    | 'outage'
    | 'status-ok'
    | 'status-unknown'
    | 'public-ip-unknown'
    | 'public-ip'
    | 'router'
    | 'router-not-found'
    | 'router-nat'
    | 'risky-extension'
    | 'blocking-setting'
    | 'clock-skew'
    | 'vpn'
    | 'vpn-unknown'
    // proxy
    | 'proxy'
    | 'proxy-unknown'
    | 'proxy-compared'
    | 'browser-site-data';
  severity: Severity;
  title: string;
  detail: string;
  /** Values worth copying into a support request. */
  facts?: { label: string; value: string; copy?: boolean }[];
  /** Pages the user may open (the status page, the site's help center): http(s) only. */
  links?: Link[];
}

export interface Link {
  label: string;
  url: string;
}

export interface CheckSummary {
  check: CheckId;
  label: string;
  mark: CheckMark;
  detail: string;
  elapsedMs: number;
}

/** Each check's result, keyed by its id; a check that did not run has no key. */
export interface DiagnosisResults {
  ip?: PublicIpResult;
  access?: AccessResult[];
  status?: StatusResult;
  router?: RouterStatus;
  vpn?: VpnStatus;
  // proxy: the OS proxy (electron/services/proxy)
  proxy?: ProxyStatus;
  browsers?: BrowsersResult;
}

/** The one line above everything else; derived from the same findings as the rest of the screen. */
export interface Headline {
  tone: 'good' | 'warning' | 'problem';
  text: string;
}

export interface Diagnosis {
  runId: string;
  startedAt: string;
  finishedAt: string;
  elapsedMs: number;
  targets: string[];
  results: DiagnosisResults;
  checks: CheckSummary[];
  findings: Finding[];
  /** What to try next, in order (empty when nothing is wrong). */
  plan: FixStep[];
  /** 'ok' every target reachable, 'blocked' one blocked or rate limited, 'unknown' we could not tell. */
  outcome: 'ok' | 'blocked' | 'unknown';
  headline: Headline;
}

// ---------------------------------------------------------------------------------------------
// Router (UPnP IGD). Everything the router service reports, over IPC, `--json` and the diagnosis.

/** The home router as discovery found it. */
export interface RouterGateway {
  /** The address that answered the M-SEARCH (and that LOCATION points at). */
  address: string;
  /** Our interface address the answer came in on. */
  localAddress: string;
  location: string;
  /** SSDP `SERVER`, e.g. `Debian/12 UPnP/1.1 MiniUPnPd/2.3.1`. */
  server?: string;
  friendlyName?: string;
  manufacturer?: string;
  modelName?: string;
  /** `urn:schemas-upnp-org:service:WANIPConnection:2` and the like, taken from the description. */
  connectionService: string;
  /** True when the responder is this machine's default gateway. */
  isDefaultGateway: boolean;
  /** Milliseconds from the first M-SEARCH to this answer being validated. */
  foundAfterMs: number;
}

/** Why a reconnect may not give a new public IP. */
export interface NatWarning {
  kind: 'cgnat' | 'double-nat' | 'mismatch';
  /** One paragraph a user can read. */
  message: string;
}

export interface RouterLink {
  accessType?: string;
  linkStatus?: string;
  upstreamMaxBps?: number;
  downstreamMaxBps?: number;
}

export interface RouterInfo {
  gateway: RouterGateway;
  /** Null when the router reports none (not connected, or a reserved/private WAN address it hides). */
  externalIp: string | null;
  /** `Connected`, `Disconnected`, `Connecting`, … as the router says it. */
  connectionStatus: string | null;
  uptimeSeconds: number | null;
  lastConnectionError: string | null;
  connectionType: string | null;
  link: RouterLink | null;
  /** Whether the WAN service lists ForceTermination + RequestConnection (a router may still refuse them). */
  reconnect: 'offered' | 'not-offered' | 'unknown';
  /** The public IP seen from outside at the same time, when it could be read. */
  publicIp: string | null;
  natWarning: NatWarning | null;
  /** Actions that failed while reading the state; the rest of the info still stands. */
  partialErrors: { action: string; error: AppError }[];
}

export type RouterStatus = { ok: true; router: RouterInfo } | { ok: false; error: AppError };

/** What to tell the user when the router cannot be reconnected remotely. */
export interface PowerCycleGuide {
  unplugSeconds: number;
  steps: string[];
}

export type ReconnectResult =
  | {
      outcome: 'reconnected';
      oldIp: string | null;
      newIp: string | null;
      ipChanged: boolean;
      /** From the first request to the new IP being confirmed. */
      durationMs: number;
      /** From the first request to the router first reporting Connected with an address. */
      connectedAfterMs: number;
      /** Where the new IP was confirmed: the router only, or also an outside echo service. */
      confirmedBy: 'router' | 'echo';
      natWarning: NatWarning | null;
    }
  | {
      /** The router refuses a remote reconnect (not implemented, not authorized, access control). */
      outcome: 'not-allowed' | 'failed' | 'timeout' | 'no-router';
      oldIp: string | null;
      error: AppError;
      /** UPnP error code when the router sent one (606, 401, …). */
      upnpCode?: number;
      guide: PowerCycleGuide;
    };

export type RouterPhase =
  | 'discovering'
  | 'reading'
  | 'terminating'
  | 'requesting'
  | 'waiting'
  | 'confirming'
  | 'done'
  | 'unplug'
  | 'down'
  | 'plug-in'
  | 'coming-back';

export interface RouterProgress {
  runId: string;
  phase: RouterPhase;
  message: string;
  /** 0..1 where it can be estimated. */
  fraction?: number;
  /** Countdown for the guided power-cycle. */
  remainingSeconds?: number;
  elapsedMs: number;
}

export interface PowerCycleResult {
  /** `back`: the connection returned, but the old address was unknown, so a change cannot be told. */
  outcome: 'ip-changed' | 'same-ip' | 'back' | 'timeout' | 'cancelled';
  oldIp: string | null;
  newIp: string | null;
  /** Whether we saw the connection go away (a very short drop can be missed). */
  sawDrop: boolean;
  durationMs: number;
  message: string;
}

// ---------------------------------------------------------------------------------------------
// Watch (issue 4): public-IP changes, "you're unblocked" alerts, and the state the tray shows.

/** Where a change was noticed first: the router's own event, a router poll, or an outside echo service. */
export type IpChangeSource = 'router-event' | 'router-poll' | 'echo';

/** One public-IP change. `from` is null when the previous address of that family was not known. */
export interface IpChange {
  from: string | null;
  to: string;
  family: IpFamily;
  /** ISO time the change was noticed. */
  at: string;
  source: IpChangeSource;
}

/** A target's verdict moving, e.g. blocked → ok ("chatgpt.com is reachable again"). */
export interface AccessChange {
  target: string;
  from: AccessVerdict | null;
  to: AccessVerdict;
  at: string;
  result: AccessResult;
}

export interface WatchedTarget {
  target: string;
  /** Null until the first probe answered. */
  verdict: AccessVerdict | null;
  checkedAt: string | null;
  /** When the next slow re-probe is due (blocked targets only). */
  nextCheckAt: string | null;
}

/** How the monitor hears about changes; `none` when no router answers and only echo sources remain. */
export type RouterWatchMode = 'events' | 'polling' | 'none';

/** What the IP monitor knows. */
export interface MonitorState {
  current: { v4: string | null; v6: string | null };
  lastChange: IpChange | null;
  lastCheckedAt: string | null;
  routerMode: RouterWatchMode;
  /** A check is running right now (the tray shows "checking"). */
  checking: boolean;
  /** No interface with an address, or the router says it is disconnected. */
  offline: boolean;
}

/** The watch as the window and the tray see it: the monitor's state, whether it runs, and each target. */
export interface WatchState extends MonitorState {
  enabled: boolean;
  targets: WatchedTarget[];
}

/** One entry of the change journal: what was backed up before a change, and where it stands. */
export interface BackupEntry {
  id: string;
  createdAt: string;
  updatedAt: string;
  kind: string;
  description: string;
  state: BackupState;
  files: { path: string; existed: boolean; size?: number }[];
  hasSettings: boolean;
  /** Why the change failed (states `failed` and `rollback-failed`). */
  error?: string;
  /** Why undoing the failed change failed too (state `rollback-failed`). */
  rollbackError?: string;
  /** Why the last restore failed; with state `restore-failed` it was only partly done. */
  restoreError?: string;
  /** The backup of the files as they were just before the last restore wrote over them. */
  savedAs?: string;
}

/**
 * Where a journal entry stands: `open` (the change never finished), `applied`, `failed` (the change
 * failed and was undone), `rollback-failed` (the change failed and undoing it failed too), `restored`,
 * `restore-failed` (a restore stopped partway and could not put everything back).
 */
export type BackupState = 'open' | 'applied' | 'failed' | 'rollback-failed' | 'restored' | 'restore-failed';

/** A journal entry whose record cannot be read or trusted: listed by id, never restored. */
export interface DamagedBackup {
  id: string;
  /** Whole sentences saying what is wrong. */
  problem: string;
}

/** What `backups list` shows: every readable entry, and every damaged one by id with what is wrong. */
export interface BackupListing {
  entries: BackupEntry[];
  damaged: DamagedBackup[];
}

/**
 * A view of the window: a wizard step. One name everywhere: the step registry (renderer/steps), the plan's
 * buttons, the `navigate` event and the tray's notifications.
 */
export type ViewId = 'scan' | 'browsers' | 'vpn' | 'router' | 'watch' | 'report' | 'backups';

/** One thing to try next, in the order the plan suggests. Steps are data: the wizard renders them. */
export interface FixStep {
  id:
    | 'open-in-browser'
    | 'wait-rate-limit'
    | 'reset-router'
    | 'power-cycle'
    | 'watch'
    | 'wait-outage'
    | 'wait-site'
    | 'check-connection'
    | 'look-at-status'
    | 'contact-site'
    | 'support-report'
    | 'fix-clock'
    | 'disconnect-vpn'
    // proxy
    | 'try-without-proxy'
    | 'clear-site-data'
    | 'check-extensions'
    | 'fix-browser-settings';
  title: string;
  why: string;
  /** The wizard view that does it, when one does. */
  view?: ViewId;
  /** A page that helps with it (the status page, the site's help center). */
  link?: Link;
  /** For a wait (a rate limit's Retry-After): seconds from the diagnosis's end; the wizard counts down and re-checks. */
  waitSeconds?: number;
}

// ---------------------------------------------------------------------------------------------
// VPN (issue 9): which path the traffic takes, and disconnecting where a program can.

/** How a tunnel-like interface was recognised: its kernel kind, or a name VPN clients use. */
export type TunnelKind = 'tun' | 'tap' | 'wireguard' | 'ppp' | 'ipsec' | 'vpn';

export interface TunnelInterface {
  name: string;
  kind: TunnelKind;
  /** The VPN app its name points to ("Cloudflare WARP", "Tailscale"), when the name tells. */
  client: string | null;
}

/** The program that can disconnect (and reconnect) a connection. */
export type VpnDriver = 'networkmanager' | 'warp-cli' | 'wg-quick' | 'scutil' | 'rasdial';

export interface VpnConnection {
  driver: VpnDriver;
  /** The name the user knows it by. */
  name: string;
  /** What the driver's command takes: a NetworkManager UUID, an interface, a service or entry name. */
  id: string;
  /** The interface it brings up, when known. */
  device: string | null;
}

export interface VpnStatus {
  /** True when the kernel's route to the internet goes through a tunnel; null when it cannot be told. */
  viaTunnel: boolean | null;
  /** The interface that carries traffic to the internet. */
  interface: string | null;
  gateway: string | null;
  /** The routing table that decided, when a policy rule picked one (wg-quick's 51820). */
  table: string | null;
  tunnels: TunnelInterface[];
  /** Connections a program here can disconnect. */
  connections: VpnConnection[];
  /** Why the route could not be read. */
  error?: AppError;
}

export interface VpnActionResult {
  action: 'disconnect' | 'reconnect';
  /** `by-hand`: no program here can do it, `message` says how. */
  outcome: 'done' | 'nothing-to-do' | 'by-hand' | 'failed';
  connection: VpnConnection | null;
  /** The interface carrying traffic before and after. */
  before: string | null;
  after: string | null;
  pathChanged: boolean;
  message: string;
  /** The journal entry recording what was disconnected (restoring it reconnects). */
  backupId?: string;
}

// ---------------------------------------------------------------------------------------------
// Proxy (the OS proxy: GNOME, KDE, Windows, macOS, environment variables). electron/services/proxy.

/** Where a proxy setting was read: a desktop's settings, the OS's, or environment variables. */
export type ProxySource = 'gnome' | 'kde' | 'windows' | 'macos' | 'env' | 'winhttp';

/** none: direct; manual: fixed servers; auto: a PAC URL or automatic discovery. */
export type ProxyMode = 'none' | 'manual' | 'auto';

export interface ProxyServer {
  /** Which traffic it carries. */
  kind: 'http' | 'https' | 'ftp' | 'socks' | 'all';
  host: string;
  port: number | null;
}

/** One place's proxy setting, as read. */
export interface ProxyReport {
  source: ProxySource;
  mode: ProxyMode;
  servers: ProxyServer[];
  pacUrl: string | null;
  /** Automatic discovery (WPAD) is on. */
  autoDetect: boolean;
  ignoreHosts: string[];
  /** Only reported: Access Doctor does not change it (environment variables, WinHTTP). */
  readOnly: boolean;
  /** A readable place name: "GNOME settings", "Wi-Fi", "~/.bashrc". */
  where: string;
}

export interface ProxyStatus {
  /** The desktop or OS whose settings apply, or null when none could be told. */
  system: ProxySource | null;
  reports: ProxyReport[];
  /** Places that could not be read, in sentences. */
  failures: { source: ProxySource; error: AppError }[];
  /** A manual proxy's probe once through it and once without it (the diagnosis's proxy check, `proxy compare`). */
  comparison?: ProxyComparison;
}

/** One target probed through the proxy and directly. */
export interface ProxyComparisonRow {
  target: string;
  viaProxy: AccessResult;
  direct: AccessResult;
  /**
   * The exception-list entry (ignore-hosts, NoProxyFor, ProxyOverride, no_proxy…) that sends this
   * target around the proxy, so "through the proxy" went direct too, as the browser would.
   */
  bypassedBy?: string;
}

/**
 * compared: a manual proxy was tried both ways; pac: a PAC script decides (not run, so not compared);
 * unsupported: a proxy this transport cannot speak (SOCKS, an https:// proxy) or no direct route here;
 * none: no proxy is set.
 */
export type ProxyComparison =
  | { kind: 'compared'; proxy: string; where: string; rows: ProxyComparisonRow[] }
  | { kind: 'pac'; pacUrl: string | null; where: string }
  | { kind: 'unsupported'; proxy: string; where: string; reason: string }
  | { kind: 'none' };

/** What `proxy off` and `proxy restore` report. */
export interface ProxyChange {
  backupId: string;
  source: ProxySource;
  status: ProxyStatus;
}

// ---------------------------------------------------------------------------------------------
// Browsers (issue 10): installed browsers, their profiles, and a site's cookies in each.

export type BrowserId = 'chrome' | 'chromium' | 'edge' | 'brave' | 'vivaldi' | 'opera' | 'firefox';

export interface BrowserProfile {
  browser: BrowserId;
  /** "Google Chrome", "Firefox", … */
  browserName: string;
  family: 'chromium' | 'firefox';
  /** The browser's data folder (Chromium's user data dir, Firefox's profiles root). */
  dataDir: string;
  /** The profile's folder, absolute. */
  folder: string;
  /** The profile's folder as the browser names it: `Default`, `Profile 1`, `Profiles/abcd.default-release`. */
  id: string;
  /** The name the user gave it (`Local State` info_cache, `profiles.ini` Name). */
  name: string;
  /** Firefox: the profile the install starts with (installs.ini); Chromium: the last one used. */
  inUse: boolean;
  /** Whether the browser runs with this profile now (its lock is held by a live process). */
  running: boolean;
}

/** A profile's data for the configured sites: how many cookies, which origin folders. */
export interface ProfileSiteData extends BrowserProfile {
  /** Null when the cookies could not be counted (`note` says why). */
  cookies: number | null;
  /** Per site (the configured domain), how many of its and its subdomains' cookies. */
  bySite: Record<string, number>;
  /** Origin storage folders of the sites (IndexedDB, `storage/default`), relative to the profile; cleared with the cookies. */
  origins: string[];
  /** The sites' Local Storage in a Chromium profile (origins and items), cleared with the cookies; absent when none. */
  localStorage?: { origins: string[]; items: number };
  /** Whole sentences: why the cookies were not counted, or what stands in the way of clearing. */
  note?: string;
  /** The profile's extensions (enabled or not) and the risk of each, when they could be read. */
  extensions?: ProfileExtension[];
  /** Settings of the profile that break the sites' checks (cookies or JavaScript blocked …). */
  blocking?: ProfileBlockingSetting[];
}

export interface ProfileExtension {
  id: string;
  name: string;
  version?: string;
  enabled: boolean;
  /** vpn-proxy, user-agent or fingerprint spoofers, ad/script blockers, privacy tools; null when harmless. */
  risk: 'vpn-proxy' | 'ua-spoof' | 'blocker' | 'privacy' | null;
  /** Where it is turned off: `chrome://extensions`, `about:addons`. */
  where: string;
}

export interface ProfileBlockingSetting {
  id: string;
  setting: 'cookies' | 'javascript' | 'third-party-cookies' | 'user-agent' | 'fingerprinting';
  scope: 'everywhere' | 'site';
  sites: string[];
  severity: Severity;
  /** Exactly where to change it. */
  where: string;
  value?: string;
}

export interface BrowsersResult {
  /** The sites whose data is counted (domains, e.g. `chatgpt.com`, `openai.com`). */
  sites: string[];
  profiles: ProfileSiteData[];
}

/** What `browsers.clear` did: the backup that keeps the originals, and what was removed. */
export interface ClearSiteDataResult {
  browser: BrowserId;
  profile: string;
  profileName: string;
  sites: string[];
  /** The journal entry holding the original files. */
  backupId: string;
  removedCookies: number;
  bySite: Record<string, number>;
  /** Origin storage folders removed (their files are in the backup), relative to the profile. */
  removedOrigins: string[];
  /** Origin storage folders found and left in place (a link inside, or too large to back up). */
  originsLeft: string[];
  /** Chromium: the sites' origins removed from the shared Local Storage database, and their items. */
  removedLocalStorage?: { origins: string[]; items: number };
  /** Whole sentences: why the sites' Local Storage was left in place (damaged, not as expected). */
  localStorageLeft?: string;
  elapsedMs: number;
}

/** What `browsers.privateWindow` did: the window it opened, or what the user does by hand. */
export interface PrivateWindowResult {
  browser: BrowserId;
  browserName: string;
  /** The page asked for (an http(s) URL). */
  target: string;
  launched: boolean;
  /** The program and its arguments as started; empty when nothing was started. */
  command: string[];
  /** Whole sentences: what opened and the question, or how to open the window by hand. */
  message: string;
}
