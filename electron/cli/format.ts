/** Human-readable CLI output. Pure string builders, so they are easy to test. */
import type { CheckMark, CheckProgress, Diagnosis, Finding, PublicIpResult, StatusResult } from '../../shared/model';

const MARK: Record<Finding['severity'], string> = { problem: '✖', warning: '!', info: '•', good: '✔' };

export function formatDiagnosis(d: Diagnosis): string {
  const lines = [`Access Doctor diagnosis (${d.elapsedMs} ms)`, ''];
  for (const finding of d.findings) lines.push(...formatFinding(finding));
  lines.push('', d.headline.text);
  if (d.plan.length > 0) {
    lines.push('', 'What to try next:');
    d.plan.forEach((step, i) => {
      lines.push(`  ${i + 1}. ${step.title}`, `     ${step.why}`);
      if (step.link) lines.push(`     ${step.link.label}: ${step.link.url}`);
    });
  }
  return lines.join('\n');
}

export function formatFinding(f: Finding): string[] {
  const lines = [`${MARK[f.severity]} ${f.title}`, `  ${f.detail}`];
  for (const fact of f.facts ?? []) lines.push(`  ${fact.label}: ${fact.value}`);
  for (const link of f.links ?? []) lines.push(`  ${link.label}: ${link.url}`);
  return lines;
}

const MARK_TEXT: Record<CheckMark, string> = { fine: 'fine', problem: 'problem', unavailable: 'not available' };

export function formatProgress(p: CheckProgress): string {
  const state = p.state === 'running' ? '…' : MARK_TEXT[p.mark ?? 'unavailable'];
  return `  ${p.label}: ${state}${p.detail ? ` — ${p.detail}` : ''}${p.elapsedMs !== undefined ? ` (${p.elapsedMs} ms)` : ''}`;
}

export function formatPublicIp(r: PublicIpResult): string {
  const lines: string[] = [];
  for (const a of [r.v4, r.v6]) {
    if (!a) continue;
    const extra = [a.loc && `location ${a.loc}`, a.colo && `Cloudflare ${a.colo}`, a.warp && `warp=${a.warp}`]
      .filter(Boolean)
      .join(', ');
    lines.push(`IPv${a.family}: ${a.ip}${extra ? ` (${extra})` : ''}  [${a.source}]`);
  }
  if (!r.v4) lines.push('IPv4: unknown');
  if (!r.v6) lines.push('IPv6: none found');
  if (!r.v4 && !r.v6) for (const f of r.failures) lines.push(`  ${f.source}: ${f.error.message}`);
  return lines.join('\n');
}

export function formatStatus(r: StatusResult): string {
  if (!r.ok) return `Service status unknown: ${r.error.message}\n  source: ${r.source}`;
  const s = r.status;
  const lines = [`${s.description} (indicator: ${s.indicator}, from ${s.format})`];
  for (const c of s.degradedComponents) lines.push(`  component ${c.name}: ${c.status}`);
  for (const i of s.incidents) lines.push(`  incident: ${i.name} [${i.status}]${i.url ? ` ${i.url}` : ''}`);
  return lines.join('\n');
}
