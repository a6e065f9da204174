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

export type CheckId = 'public-ip' | 'access' | 'status' | 'router' | 'clock' | 'vpn' | 'proxy' | 'browsers';
export type CheckState = 'pending' | 'running' | 'done' | 'failed' | 'skipped';

export interface CheckProgress {
  runId: string;
  check: CheckId;
  label: string;
  state: CheckState;
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
    | 'status-unknown'
    | 'public-ip-unknown'
    | 'public-ip';
  severity: Severity;
  title: string;
  detail: string;
  /** Values worth copying into a support request. */
  facts?: { label: string; value: string; copy?: boolean }[];
}

export interface CheckSummary {
  check: CheckId;
  label: string;
  state: CheckState;
  elapsedMs: number;
}

export interface Diagnosis {
  runId: string;
  startedAt: string;
  finishedAt: string;
  elapsedMs: number;
  publicIp: PublicIpResult | null;
  access: AccessResult[];
  status: StatusResult | null;
  checks: CheckSummary[];
  findings: Finding[];
  /** 'ok' every target reachable, 'blocked' one blocked or rate limited, 'unknown' we could not tell. */
  outcome: 'ok' | 'blocked' | 'unknown';
}
