/**
 * The shape every capability folder fills (DESIGN.md §6). `diagnose`, the findings list and the plan
 * iterate over the registry's capabilities and name none of them; a new capability adds its folder and
 * one registry line.
 */
import type { CheckId, CheckMark, DiagnosisResults, Finding, FixStep } from '../../shared/model';

export interface CheckIo {
  signal: AbortSignal;
  /** A short line while the check runs ("asking 1.1.1.1…"). */
  progress(detail: string): void;
}

export interface CheckContext {
  targets: string[];
}

/** A capability's part of the diagnosis: its result goes under `results[id]`. */
export interface Check<K extends CheckId> {
  id: K;
  label: string;
  run(ctx: CheckContext, io: CheckIo): Promise<NonNullable<DiagnosisResults[K]>>;
  /** What the mark beside the check says: what it found, in a few words. */
  summarize(result: NonNullable<DiagnosisResults[K]>): { mark: CheckMark; detail: string };
}

/** Everything the diagnosis knows when findings and fixes are drawn: every check's result. */
export interface FindingInput {
  targets: string[];
  results: DiagnosisResults;
}

export interface FixInput extends FindingInput {
  findings: Finding[];
}

/** Where a step goes in the plan: lower first. Ranks are spaced so a new capability slots between. */
export interface RankedStep extends FixStep {
  rank: number;
}

/** A check of any capability: the list of them holds checks whose results differ in type. */
export type AnyCheck = { [K in CheckId]: Check<K> }[CheckId];

export interface Capability {
  id: string;
  check?: AnyCheck;
  /** Its own wording of what its result (and the others') means. */
  findings?(input: FindingInput): Finding[];
  /** The steps it proposes for these findings. */
  fixes?(input: FixInput): RankedStep[];
  /** Journal kinds it can put back, e.g. `proxy-gnome` → restore(previous values). */
  restorers?: Record<string, (previous: Record<string, unknown>) => Promise<void>>;
  /** Asked before any backup is restored; throws (a sentence) when its files may not be written now. */
  restoreGuard?(entry: { kind: string; files: { path: string }[] }): Promise<void>;
}

export type AnyCapability = Capability;
