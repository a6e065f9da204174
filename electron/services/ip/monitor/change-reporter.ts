/**
 * Turns sightings of our public address into reported changes: per family, the first change is reported
 * at once and the rest of a storm once at the window's end (the latest wins); a first sighting with no
 * history is a baseline, not a change. Every reported change is appended to the history.
 */
import type { IpChange, IpChangeSource, IpFamily } from '../../../../shared/model';
import { describeError } from '../../../core/errors';
import { createCoalescer } from '../../../core/timers';
import type { HistoryStore } from '../history';
import type { MonitorContext } from './run';

interface Observation {
  ip: string;
  source: IpChangeSource;
  at: number;
}

export interface ChangeReporterDeps {
  ctx: MonitorContext;
  coalesceMs: number;
  history: Pick<HistoryStore, 'append'>;
  onChange(change: IpChange): void;
}

export interface ChangeReporter {
  /** Starts from the persisted history: its last address per family is the current one. */
  seed(changes: readonly IpChange[]): void;
  /** `ip` was seen now by `source`. */
  observe(family: IpFamily, ip: string, source: IpChangeSource): void;
  /** A look that found no usable address still counts as a check. */
  checked(): void;
  /** The last address seen, even one still held in a coalescing window. */
  latest(family: IpFamily): string | null;
  current(): { v4: string | null; v6: string | null };
  lastChange(): IpChange | null;
  lastCheckedAt(): number | null;
  /** Reports what a window still holds (on stop). */
  flush(): void;
}

export function createChangeReporter(deps: ChangeReporterDeps): ChangeReporter {
  const { ctx } = deps;
  /** What was reported. */
  const current: Record<IpFamily, string | null> = { 4: null, 6: null };
  /** What was seen: differs from `current` while a window holds a change. */
  const latest: Record<IpFamily, string | null> = { 4: null, 6: null };
  const hadHistory: Record<IpFamily, boolean> = { 4: false, 6: false };
  let lastChange: IpChange | null = null;
  let lastCheckedAt: number | null = null;

  /** Returns whether a change was reported (only those open a coalescing window). */
  function report(family: IpFamily, o: Observation): boolean {
    const from = current[family];
    if (from === o.ip) return false;
    current[family] = o.ip;
    if (from === null && !hadHistory[family]) {
      ctx.publishState();
      return false;
    }
    const change: IpChange = { from, to: o.ip, family, at: new Date(o.at).toISOString(), source: o.source };
    lastChange = change;
    deps.history.append(change).catch((error: unknown) => ctx.problem(`IP history not saved: ${describeError(error)}`));
    deps.onChange(change);
    ctx.publishState();
    return true;
  }

  const coalescers = {
    4: createCoalescer<Observation>(ctx.timers, 'coalesce4', deps.coalesceMs, (o) => report(4, o)),
    6: createCoalescer<Observation>(ctx.timers, 'coalesce6', deps.coalesceMs, (o) => report(6, o)),
  };

  return {
    seed(changes) {
      for (const change of changes) {
        current[change.family] = change.to;
        latest[change.family] = change.to;
        hadHistory[change.family] = true;
        lastChange = change;
      }
    },
    observe(family, ip, source) {
      lastCheckedAt = ctx.now();
      if (latest[family] === ip) return;
      latest[family] = ip;
      coalescers[family].push({ ip, source, at: ctx.now() });
    },
    checked() {
      lastCheckedAt = ctx.now();
    },
    latest: (family) => latest[family],
    current: () => ({ v4: current[4], v6: current[6] }),
    lastChange: () => lastChange,
    lastCheckedAt: () => lastCheckedAt,
    flush() {
      coalescers[4].flush();
      coalescers[6].flush();
    },
  };
}
