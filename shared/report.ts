/**
 * The support report: what a person sends the site's owner (or a helper) when nothing worked. Plain
 * text, built from the diagnosis and what was tried; pure, so the window, a test and later the CLI all
 * write the same report. The public IP can be left out.
 */
import type { Diagnosis } from './model';
import { host } from './text';

export interface TriedStep {
  /** What was tried, e.g. "Reset the router". */
  what: string;
  /** How it ended, in a sentence. */
  result: string;
  at: string;
  /** The wizard step it was tried in, so the step list can show it. */
  view?: string;
  /** For a scan: its outcome, so the wizard can tell what fixed it. */
  outcome?: 'ok' | 'blocked' | 'unknown';
}

export interface ReportInput {
  diagnosis: Diagnosis;
  tried: TriedStep[];
  version: string;
  os: string;
  includeIp: boolean;
  now: Date;
}

const IP_HIDDEN = '(left out)';

export function buildReport(input: ReportInput): string {
  const d = input.diagnosis;
  const ip = (value: string | undefined | null) => (value ? (input.includeIp ? value : IP_HIDDEN) : 'unknown');
  const lines = [
    'Access Doctor support report',
    `Written: ${input.now.toISOString()}`,
    `Scan: ${d.finishedAt} (${d.elapsedMs} ms)`,
    `App: Access Doctor ${input.version} on ${input.os}`,
    '',
    'Sites:',
  ];
  for (const a of d.results.access ?? []) {
    const parts = [
      `  ${host(a.target)}: ${a.verdict}`,
      a.httpStatus !== undefined ? `HTTP ${a.httpStatus}` : null,
      a.vendor ? `vendor ${a.vendor}` : a.viaCloudflare ? 'vendor cloudflare' : null,
      a.cloudflareCode ? `code ${a.cloudflareCode}` : null,
      a.rayId ? `Ray ID ${a.rayId}` : null,
      a.retryAfterSeconds ? `Retry-After ${a.retryAfterSeconds} s` : null,
      a.error ? `error ${a.error.code}` : null,
    ];
    lines.push(parts.filter(Boolean).join(', '));
  }
  if ((d.results.access ?? []).length === 0) lines.push('  none could be checked');
  lines.push('', `Public IPv4: ${ip(d.results.ip?.v4?.ip)}`, `Public IPv6: ${ip(d.results.ip?.v6?.ip)}`);
  const status = d.results.status;
  lines.push(
    `Service status: ${status ? (status.ok ? `${status.status.indicator} (${status.status.description})` : 'could not be read') : 'not checked'}`,
  );
  const router = d.results.router;
  if (router) {
    lines.push(
      `Router: ${router.ok ? `${router.router.gateway.friendlyName ?? 'found'}, ${router.router.connectionStatus ?? 'state unknown'}, WAN ${ip(router.router.externalIp)}` : 'none answered over UPnP'}`,
    );
  }
  lines.push('', 'Checks:');
  for (const c of d.checks) lines.push(`  ${c.label}: ${c.mark} — ${c.detail}`);
  lines.push('', 'What was tried:');
  if (input.tried.length === 0) lines.push('  nothing yet');
  for (const t of input.tried) lines.push(`  ${t.at} ${t.what}: ${t.result}`);
  const text = lines.join('\n');
  // Belt and braces: an address that also appears inside another line (a finding, an error) is hidden too.
  if (input.includeIp) return `${text}\n`;
  let hidden = text;
  for (const value of [d.results.ip?.v4?.ip, d.results.ip?.v6?.ip]) {
    if (value) hidden = hidden.split(value).join(IP_HIDDEN);
  }
  return `${hidden}\n`;
}
