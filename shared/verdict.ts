/**
 * One meaning per word (DESIGN.md §7). `reachable` means a person with a browser gets the site: it
 * answered, or it asks for a check they can pass (a challenge). This one predicate decides it for the
 * CLI's exit code, the tray, the watch (`--until-unblocked`) and the wizard.
 */
import type { AccessResult, AccessVerdict, Diagnosis } from './model';

export function isReachable(verdict: AccessVerdict | null | undefined): boolean {
  return verdict === 'ok' || verdict === 'challenge';
}

/** Refused by the site or its firewall, for now: a block or a rate limit (not down, not unreachable). */
export function isRefused(verdict: AccessVerdict | null | undefined): boolean {
  return verdict === 'blocked' || verdict === 'rate-limited';
}

/** 'ok' every target reachable, 'blocked' one refused, 'unknown' we could not tell for every target. */
export function outcomeOf(access: readonly AccessResult[]): Diagnosis['outcome'] {
  if (access.some((a) => isRefused(a.verdict))) return 'blocked';
  if (access.length > 0 && access.every((a) => isReachable(a.verdict))) return 'ok';
  return 'unknown';
}
