/**
 * Notices local network changes (an interface or address added or removed, the default route moving
 * to another gateway or interface) by comparing snapshots every few seconds. Node offers no portable
 * event for this, and a snapshot costs no network traffic: `os.networkInterfaces()` reads the kernel,
 * `ip -j route get 1.1.1.1` computes a route and sends nothing (and sees policy routing, e.g. WireGuard).
 */
import { networkInterfaces as osNetworkInterfaces } from 'node:os';
import { createTimerSet, type Timers } from '../../core/timers';
import type { RunCommand } from '../../platform/exec';

export interface LocalSnapshot {
  /** Sorted `name family address` lines of non-internal addresses (IPv6 link-local left out: it churns). */
  addresses: string[];
  /** `dev gateway prefsrc` of the route to the internet, or null when there is none / it is unknown. */
  route: string | null;
}

export interface LocalChange {
  before: LocalSnapshot;
  after: LocalSnapshot;
  /** Short human description, e.g. `route: eth0 via 192.168.1.1 → wg0`. */
  summary: string;
}

export interface LocalWatcherDeps {
  intervalMs: number;
  timers: Timers;
  /** Defaults to `os.networkInterfaces`. */
  networkInterfaces?: typeof osNetworkInterfaces;
  /** When given (Linux), the default route is part of the snapshot. */
  runCommand?: RunCommand;
  onChange(change: LocalChange): void;
}

export interface LocalWatcher {
  start(): Promise<void>;
  stop(): void;
  snapshot(): LocalSnapshot | null;
  /** True when the machine has no usable address at all (cable out, Wi-Fi off). */
  isOffline(): boolean;
}

export function readAddresses(read: typeof osNetworkInterfaces = osNetworkInterfaces): string[] {
  const lines: string[] = [];
  for (const [name, infos] of Object.entries(read())) {
    for (const info of infos ?? []) {
      if (info.internal) continue;
      if (info.family === 'IPv6' && /^fe80:/i.test(info.address)) continue;
      lines.push(`${name} ${info.family} ${info.address}`);
    }
  }
  return lines.sort();
}

/** Parses `ip -j route get` output; anything unexpected is "unknown" (null), never a throw. */
export function parseRouteGet(stdout: string): string | null {
  try {
    const parsed: unknown = JSON.parse(stdout);
    const first = Array.isArray(parsed) ? (parsed[0] as unknown) : undefined;
    if (!first || typeof first !== 'object') return null;
    const r = first as Record<string, unknown>;
    const str = (v: unknown) => (typeof v === 'string' && v.length <= 64 ? v : '');
    const parts = [str(r.dev), r.gateway ? `via ${str(r.gateway)}` : '', r.prefsrc ? `src ${str(r.prefsrc)}` : ''];
    if (typeof r.table === 'string' || typeof r.table === 'number') parts.push(`table ${String(r.table)}`);
    const text = parts.filter(Boolean).join(' ');
    return text || null;
  } catch {
    return null;
  }
}

export function describeChange(before: LocalSnapshot, after: LocalSnapshot): string {
  const parts: string[] = [];
  const added = after.addresses.filter((a) => !before.addresses.includes(a));
  const removed = before.addresses.filter((a) => !after.addresses.includes(a));
  if (added.length) parts.push(`added ${added.join(', ')}`);
  if (removed.length) parts.push(`removed ${removed.join(', ')}`);
  if (before.route !== after.route) parts.push(`route: ${before.route ?? 'none'} → ${after.route ?? 'none'}`);
  return parts.join('; ') || 'no difference';
}

export function createLocalWatcher(deps: LocalWatcherDeps): LocalWatcher {
  const timers = createTimerSet(deps.timers);
  let current: LocalSnapshot | null = null;
  let running = false;

  const take = async (): Promise<LocalSnapshot> => {
    const addresses = readAddresses(deps.networkInterfaces);
    let route: string | null = null;
    if (deps.runCommand) {
      try {
        const res = await deps.runCommand('ip', ['-j', 'route', 'get', '1.1.1.1'], { timeoutMs: 2000 });
        // "Network is unreachable" (exit 2) is a real state: no route.
        route = res.code === 0 ? parseRouteGet(res.stdout) : null;
      } catch {
        route = current?.route ?? null; // tool missing or slow: keep the last known route, report nothing
      }
    }
    return { addresses, route };
  };

  const tick = async () => {
    if (!running) return;
    try {
      const next = await take();
      if (!running) return;
      const before = current;
      current = next;
      if (before && (before.route !== next.route || before.addresses.join('|') !== next.addresses.join('|'))) {
        deps.onChange({ before, after: next, summary: describeChange(before, next) });
      }
    } catch {
      // A broken snapshot is skipped; the next tick tries again.
    }
    if (running) timers.set('poll', deps.intervalMs, () => void tick());
  };

  return {
    async start() {
      if (running) return;
      running = true;
      current = await take().catch(() => null);
      if (running) timers.set('poll', deps.intervalMs, () => void tick());
    },
    stop() {
      running = false;
      timers.clear();
    },
    snapshot: () => current,
    isOffline: () => current !== null && current.addresses.length === 0,
  };
}
