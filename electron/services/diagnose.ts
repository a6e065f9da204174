/**
 * One diagnosis pass: every check starts at once, each reports its own progress, and the result is
 * one Diagnosis. Checks never throw here; a failing check is a finding, not a failed scan.
 */
import type {
  AccessResult,
  CheckId,
  CheckProgress,
  CheckSummary,
  Diagnosis,
  PublicIpResult,
  RouterStatus,
  StatusResult,
} from '../../shared/model';
import { buildFindings, host, outcomeOf } from './findings';
import { planFor } from './plan';

export interface DiagnoseServices {
  publicIp(signal?: AbortSignal): Promise<PublicIpResult>;
  probe(target: string, signal?: AbortSignal): Promise<AccessResult>;
  status(signal?: AbortSignal): Promise<StatusResult>;
  /** Optional: without it the diagnosis has no router check. */
  routerStatus?(signal?: AbortSignal): Promise<RouterStatus>;
}

export interface DiagnoseOptions {
  runId: string;
  targets: string[];
  onProgress?: (progress: CheckProgress) => void;
  signal?: AbortSignal;
  now?: () => Date;
}

export const CHECK_LABELS: Record<CheckId, string> = {
  'public-ip': 'Public IP address',
  access: 'Site access',
  status: 'Service status',
  router: 'Home router',
  clock: 'System clock',
  vpn: 'VPN',
  proxy: 'System proxy',
  browsers: 'Browsers',
};

export async function diagnose(services: DiagnoseServices, options: DiagnoseOptions): Promise<Diagnosis> {
  const now = options.now ?? (() => new Date());
  const startedAt = now();
  const started = performance.now();
  const summaries: CheckSummary[] = [];

  const run = async <T>(check: CheckId, work: () => Promise<T>, summarize: (r: T) => [boolean, string]) => {
    const label = CHECK_LABELS[check];
    const t0 = performance.now();
    options.onProgress?.({ runId: options.runId, check, label, state: 'running' });
    let result: T | null = null;
    let ok = false;
    let detail: string;
    try {
      result = await work();
      [ok, detail] = summarize(result);
    } catch (error) {
      detail = error instanceof Error ? error.message : String(error);
    }
    const elapsedMs = Math.round(performance.now() - t0);
    const state = ok ? 'done' : 'failed';
    summaries.push({ check, label, state, elapsedMs });
    options.onProgress?.({ runId: options.runId, check, label, state, detail, elapsedMs });
    return result;
  };

  const routerStatus = services.routerStatus?.bind(services);
  const routerCheck = routerStatus
    ? run(
        'router',
        () => routerStatus(options.signal),
        (r): [boolean, string] =>
          r.ok
            ? [
                true,
                `${r.router.gateway.friendlyName ?? r.router.gateway.address}: ${r.router.connectionStatus ?? 'status unknown'}${r.router.externalIp ? `, WAN ${r.router.externalIp}` : ''}`,
              ]
            : [false, r.error.message],
      )
    : Promise.resolve(undefined);

  const [publicIp, access, status, router] = await Promise.all([
    run(
      'public-ip',
      () => services.publicIp(options.signal),
      (r) => {
        const ips = [r.v4?.ip, r.v6?.ip].filter(Boolean).join(', ');
        return [Boolean(ips), ips || 'No echo service answered'];
      },
    ),
    run(
      'access',
      () => Promise.all(options.targets.map((t) => services.probe(t, options.signal))),
      (rs) => [
        rs.every((r) => r.verdict !== 'unreachable'),
        rs.map((r) => `${host(r.target)}: ${r.verdict}${r.cloudflareCode ? ` ${r.cloudflareCode}` : ''}`).join(', '),
      ],
    ),
    run(
      'status',
      () => services.status(options.signal),
      (r) => (r.ok ? [true, r.status.description] : [false, r.error.message]),
    ),
    routerCheck,
  ]);

  const accessResults = access ?? [];
  const findings = buildFindings({ publicIp, access: accessResults, status, router: router ?? null });
  const finishedAt = now();
  return {
    runId: options.runId,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    elapsedMs: Math.round(performance.now() - started),
    publicIp,
    access: accessResults,
    status,
    ...(routerStatus ? { router: router ?? null } : {}),
    checks: summaries,
    findings,
    plan: planFor({ access: accessResults, status, router: router ?? null, findings }),
    outcome: outcomeOf(accessResults),
  };
}
