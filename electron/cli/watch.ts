/**
 * `access-doctor ip --watch [--until-unblocked]`: a line per change until Ctrl-C. With
 * `--until-unblocked` it exits 0 as soon as every target answers `ok` (2 when interrupted before).
 * `--json` prints one JSON object a line (NDJSON) so scripts can follow it.
 */
import type { AccessChange, IpChange, WatchState } from '../../shared/model';
import { host } from '../../shared/text';
import { isReachable } from '../../shared/verdict';
import type { RunCommand } from '../platform/exec';
import type { Services } from '../services';
import { createHistoryStore } from '../services/ip/history';
import { watchSessionFor } from '../services/watch';
import { EXIT } from './exit-codes';
import { forTerminal, jsonForTerminal } from './terminal';

export interface WatchCliDeps {
  services: Pick<Services, 'config' | 'http' | 'probe' | 'router'>;
  json: boolean;
  untilUnblocked: boolean;
  /** Where the IP history is kept: the app's own file by default (paths.ts), so both see one history. */
  historyFile: string | null;
  stdout(text: string): void;
  /** Messages to the user; the caller strips terminal controls from them. */
  stderr(text: string): void;
  /** Registers the Ctrl-C handler; returns its remover. */
  onInterrupt(handler: () => void): () => void;
  runCommand?: RunCommand;
}

export function formatIpChange(c: IpChange): string {
  return `${c.at} IPv${c.family} ${c.from ?? 'unknown'} → ${c.to} (${c.source})`;
}

export function formatAccessChange(c: AccessChange): string {
  const what = c.from === null ? `first check: ${c.to}` : isReachable(c.to) ? 'reachable again' : `now ${c.to}`;
  return `${c.at} ${host(c.target)} ${c.from ?? '-'} → ${c.to}: ${what}`;
}

export async function runWatch(deps: WatchCliDeps): Promise<number> {
  const history = createHistoryStore({ file: deps.historyFile, size: deps.services.config.watch.historySize });
  const session = watchSessionFor(deps.services, { history, runCommand: deps.runCommand });
  const line = (json: unknown, text: string) =>
    deps.stdout(`${deps.json ? jsonForTerminal(json) : forTerminal(text)}\n`);
  const shown = { v4: null as string | null, v6: null as string | null, mode: '' };

  let finish: (code: number) => void = () => undefined;
  const done = new Promise<number>((resolve) => {
    finish = resolve;
  });
  // Timers of the watch are unref'd; this one holds the process open until we are done.
  const keepAlive = setInterval(() => undefined, 1 << 30);
  const removeInterrupt = deps.onInterrupt(() => finish(deps.untilUnblocked ? EXIT.blocked : EXIT.ok));

  session.on('problem', (message) => deps.stderr(`${message}\n`));
  session.on('ipChanged', (change) => {
    shown[change.family === 4 ? 'v4' : 'v6'] = change.to;
    line({ type: 'ipChanged', ...change }, formatIpChange(change));
  });
  session.on('accessChanged', (change) => {
    const { result, ...rest } = change;
    line({ type: 'accessChanged', ...rest, httpStatus: result.httpStatus }, formatAccessChange(change));
    if (deps.untilUnblocked && session.allReachable()) finish(EXIT.ok);
  });
  session.on('state', (state: WatchState) => {
    // The first address of each family (or the one from history) is shown once as the starting point.
    for (const family of [4, 6] as const) {
      const key = family === 4 ? 'v4' : 'v6';
      const ip = state.current[key];
      if (ip && shown[key] === null) {
        shown[key] = ip;
        line(
          { type: 'current', family, ip, at: new Date().toISOString() },
          `${new Date().toISOString()} IPv${family} ${ip}`,
        );
      }
    }
    if (state.routerMode !== shown.mode) {
      shown.mode = state.routerMode;
      const how = { events: 'router events', polling: 'router polling', none: 'echo sources only' }[state.routerMode];
      deps.stderr(`Watching through ${how}.\n`);
    }
  });

  try {
    deps.stderr(
      `Watching your public IP${deps.untilUnblocked ? ' until every site is reachable' : ''}. Ctrl-C stops.\n`,
    );
    await session.start();
    if (deps.untilUnblocked && session.allReachable()) finish(EXIT.ok);
    return await done;
  } finally {
    removeInterrupt();
    clearInterval(keepAlive);
    await session.stop();
  }
}
