/**
 * Asks the outside echo sources, politely: per family one source per scheduled ask, rotating; a failing
 * source backs off exponentially, one that sent `Retry-After` is never asked before then; a family that
 * keeps failing is asked less often, and v4 less often still while the router speaks for it. Urgent asks
 * (local or router changes) come in bursts of both families, at most one per `urgentGapMs`.
 */
import type { IpFamily, PublicAddress } from '../../../../shared/model';
import { backoffDelay } from '../../../core/timers';
import { type AskEcho, EchoFailure, type EchoSource } from '../echo';
import type { ChangeReporter } from './change-reporter';
import type { MonitorContext } from './run';

/** What the echo needs to know of the router link. */
export interface RouterView {
  /** The router's events or polls stand for the public v4 (it agreed with an echo). */
  speaksForV4(): boolean;
  /** The router moved the v4 at or after `at`: an echo answer asked before then may be stale. */
  changedSince(at: number): boolean;
  /** An echo's v4 answer, to tell whether the router's WAN address is our public one. */
  echoSaw(ip: string): void;
}

export interface EchoSchedulerDeps {
  ctx: MonitorContext;
  sources: readonly EchoSource[];
  askEcho: AskEcho;
  /** The period per family while all is well. */
  intervalMs: number;
  urgentGapMs: number;
  random?: () => number;
  reporter: Pick<ChangeReporter, 'observe'>;
  router: RouterView;
}

export interface EchoScheduler {
  /** Both families now (start-up), opening an urgent gap. */
  askNow(): void;
  /** Both families soon: one burst per urgent gap, later calls merge into it. */
  askSoon(): void;
  /** "Check now": asks even a backing-off source, never one inside its `Retry-After`. */
  checkNow(): Promise<void>;
  isChecking(): boolean;
}

type AskMode = 'scheduled' | 'urgent' | 'forced';

interface SourceState {
  source: EchoSource;
  failures: number;
  /** Error backoff: skipped by scheduled asks until then. */
  notBefore: number;
  /** What the source itself asked for (`Retry-After`): never asked before then. */
  honourUntil: number;
}

interface FamilyState {
  family: IpFamily;
  sources: SourceState[];
  cursor: number;
  failedTicks: number;
  inFlight: boolean;
  /** An urgent ask arrived while one was in flight: run again when it ends. */
  again: boolean;
}

/** Longest `Retry-After` we honour, so one odd header cannot silence a source for weeks. */
const MAX_HONOUR_MS = 24 * 3_600_000;

export function createEchoScheduler(deps: EchoSchedulerDeps): EchoScheduler {
  const { ctx, router } = deps;
  const interval = deps.intervalMs;
  const families: Record<IpFamily, FamilyState> = { 4: familyState(4), 6: familyState(6) };
  let checking = 0;
  let lastUrgentAt = Number.NEGATIVE_INFINITY;

  function familyState(family: IpFamily): FamilyState {
    const sources = deps.sources
      .filter((s) => s.family === family || s.family === 'any')
      .map((source) => ({ source, failures: 0, notBefore: 0, honourUntil: 0 }));
    return { family, sources, cursor: 0, failedTicks: 0, inFlight: false, again: false };
  }

  const sourceBackoff = (failures: number) =>
    backoffDelay(failures, { baseMs: interval, maxMs: interval * 12, jitter: 0.2, random: deps.random });
  /** v4 is asked 3× less often while the router's events/polls stand for it. */
  const familyPeriod = (f: FamilyState) =>
    interval * (f.family === 4 && router.speaksForV4() ? 3 : 1) * Math.min(2 ** f.failedTicks, 6);

  function pickSource(f: FamilyState, force: boolean, skip?: SourceState): SourceState | undefined {
    const now = ctx.now();
    for (let i = 0; i < f.sources.length; i++) {
      const s = f.sources[(f.cursor + i) % f.sources.length];
      if (!s || s === skip || s.honourUntil > now || (!force && s.notBefore > now)) continue;
      f.cursor = (f.cursor + i + 1) % f.sources.length;
      return s;
    }
    return undefined;
  }

  async function askOne(s: SourceState): Promise<PublicAddress | null> {
    try {
      const answer = await ctx.withSignal((signal) => deps.askEcho(s.source, signal));
      s.failures = 0;
      s.notBefore = 0;
      return answer;
    } catch (error) {
      if (!ctx.isRunning()) return null;
      s.failures += 1;
      const now = ctx.now();
      const retryAfter = error instanceof EchoFailure ? error.retryAfterMs : undefined;
      if (retryAfter !== undefined) s.honourUntil = now + Math.min(retryAfter, MAX_HONOUR_MS);
      s.notBefore = now + Math.max(sourceBackoff(s.failures), retryAfter ?? 0);
      return null;
    }
  }

  /** One ask of one family: scheduled asks try one source; urgent ones may fall back to a second. */
  async function tick(family: IpFamily, mode: AskMode): Promise<void> {
    const f = families[family];
    if (!ctx.isRunning() || f.sources.length === 0) return;
    if (f.inFlight) {
      if (mode !== 'scheduled') f.again = true;
      return;
    }
    f.inFlight = true;
    const startedAt = ctx.now();
    checking += 1;
    ctx.publishState();
    try {
      const first = pickSource(f, mode === 'forced');
      let answer = first ? await askOne(first) : null;
      if (!answer && first && mode !== 'scheduled' && ctx.isRunning()) {
        const second = pickSource(f, mode === 'forced', first);
        if (second) answer = await askOne(second);
      }
      if (answer && ctx.isRunning() && !(answer.family === 4 && router.changedSince(startedAt))) {
        deps.reporter.observe(answer.family, answer.ip, 'echo');
        if (answer.family === 4) router.echoSaw(answer.ip);
      }
      if (first) f.failedTicks = answer?.family === family ? 0 : f.failedTicks + 1;
    } finally {
      f.inFlight = false;
      checking -= 1;
    }
    if (!ctx.isRunning()) return;
    schedule(f);
    ctx.publishState();
    if (f.again) {
      f.again = false;
      await tick(family, 'urgent');
    }
  }

  function schedule(f: FamilyState) {
    const now = ctx.now();
    // Never earlier than the family period; if every source is holding off, wait for the first to be free.
    const free = Math.min(...f.sources.map((s) => Math.max(s.notBefore, s.honourUntil)));
    const due = Math.max(now + familyPeriod(f), Number.isFinite(free) ? free : now);
    ctx.timers.set(`echo${f.family}`, due - now, () => void tick(f.family, 'scheduled').catch(ctx.onBug));
  }

  function askNow() {
    lastUrgentAt = ctx.now();
    void tick(4, 'urgent').catch(ctx.onBug);
    void tick(6, 'urgent').catch(ctx.onBug);
  }

  function askSoon() {
    if (!ctx.isRunning()) return;
    const wait = lastUrgentAt + deps.urgentGapMs - ctx.now();
    if (wait > 0) {
      if (!ctx.timers.has('urgent')) ctx.timers.set('urgent', wait, askSoon);
      return;
    }
    askNow();
  }

  return {
    askNow,
    askSoon,
    async checkNow() {
      lastUrgentAt = ctx.now();
      await Promise.all([tick(4, 'forced'), tick(6, 'forced')]);
    },
    isChecking: () => checking > 0,
  };
}
