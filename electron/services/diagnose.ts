/**
 * One diagnosis pass: every capability's check starts at once, each reports its own progress, and the
 * result is one Diagnosis. Checks never throw here: a failing check is marked "not available" with its
 * reason, and the findings say what that means. This file names no capability.
 */
import type { CheckId, CheckProgress, CheckSummary, Diagnosis, DiagnosisResults } from '../../shared/model';
import { outcomeOf } from '../../shared/verdict';
import { toAppError } from '../core/errors';
import type { AnyCapability, Check } from './capability';
import { findingsFor, headlineFor, planFor } from './plan';

export interface DiagnoseOptions {
  runId: string;
  targets: string[];
  onProgress?: (progress: CheckProgress) => void;
  signal?: AbortSignal;
  now?: () => Date;
}

export async function diagnose(capabilities: readonly AnyCapability[], options: DiagnoseOptions): Promise<Diagnosis> {
  const now = options.now ?? (() => new Date());
  const startedAt = now();
  const started = performance.now();
  const signal = options.signal ?? new AbortController().signal;
  const results: DiagnosisResults = {};
  const summaries: CheckSummary[] = [];

  const runCheck = async <K extends CheckId>(check: Check<K>) => {
    const t0 = performance.now();
    const base = { runId: options.runId, check: check.id, label: check.label };
    options.onProgress?.({ ...base, state: 'running' });
    let summary: { mark: CheckSummary['mark']; detail: string };
    try {
      const result = await check.run(
        { targets: options.targets },
        {
          signal,
          progress: (detail) => options.onProgress?.({ ...base, state: 'running', detail }),
        },
      );
      (results as Record<K, unknown>)[check.id] = result;
      summary = check.summarize(result);
    } catch (error) {
      summary = { mark: 'unavailable', detail: toAppError(error).message };
    }
    const elapsedMs = Math.round(performance.now() - t0);
    summaries.push({ check: check.id, label: check.label, ...summary, elapsedMs });
    options.onProgress?.({ ...base, state: 'finished', ...summary, elapsedMs });
  };

  const checks = capabilities.flatMap((c) => (c.check ? [c.check as Check<CheckId>] : []));
  await Promise.all(checks.map((check) => runCheck(check)));
  // Keep the registry's order, not the order checks happened to finish in.
  summaries.sort((a, b) => checks.findIndex((c) => c.id === a.check) - checks.findIndex((c) => c.id === b.check));

  const input = { targets: options.targets, results };
  const findings = findingsFor(capabilities, input);
  const plan = planFor(capabilities, { ...input, findings });
  const outcome = outcomeOf(results.access ?? []);
  return {
    runId: options.runId,
    startedAt: startedAt.toISOString(),
    finishedAt: now().toISOString(),
    elapsedMs: Math.round(performance.now() - started),
    targets: options.targets,
    results,
    checks: summaries,
    findings,
    plan,
    outcome,
    headline: headlineFor({ ...input, findings }, outcome),
  };
}
