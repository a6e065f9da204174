/** Shared pieces for the watch unit tests: configs, a scripted echo source and an in-memory history. */
import { type Config, parseConfig } from '../../../electron/config';
import { NetError } from '../../../electron/platform/http';
import { type AskEcho, EchoFailure, type EchoSource } from '../../../electron/services/ip/echo';
import { createHistoryStore, type HistoryStore } from '../../../electron/services/ip/history';
import type { IpChange, PublicAddress } from '../../../shared/model';

export const SOURCES = [
  'http://echo-a.test/cdn-cgi/trace',
  'http://echo-b.test/ip',
  'http://echo-c.test/cdn-cgi/trace',
];
export const V6_SOURCE = 'http://echo6.test/cdn-cgi/trace';

export function watchConfig(watch: Record<string, unknown> = {}, withV6 = true): Config {
  return parseConfig({
    targets: ['http://site.test/'],
    publicIp: {
      sources: [
        { url: SOURCES[0], format: 'cloudflare-trace', family: 4 },
        { url: SOURCES[1], format: 'text', family: 4 },
        { url: SOURCES[2], format: 'cloudflare-trace', family: 4 },
        ...(withV6 ? [{ url: V6_SOURCE, format: 'cloudflare-trace', family: 6 }] : []),
      ],
      timeoutMs: 5000,
    },
    watch,
  });
}

export type Behaviour = 'ok' | 'timeout' | '5xx' | '429' | 'garbage';

export interface ScriptedEcho {
  ask: AskEcho;
  calls: { url: string; at: number; behaviour: Behaviour }[];
  ip: { v4: string; v6: string };
  signals: AbortSignal[];
}

/** An echo whose answer per call is decided by `decide(url, callIndex)`; timeouts take the real timeout. */
export function scriptedEcho(decide: (url: string, n: number) => Behaviour, timeoutMs = 5000): ScriptedEcho {
  const echo: ScriptedEcho = {
    calls: [],
    ip: { v4: '198.51.100.23', v6: '2001:db8::23' },
    signals: [],
    ask: null as never,
  };
  echo.ask = async (source: EchoSource, signal?: AbortSignal): Promise<PublicAddress> => {
    const behaviour = decide(source.url, echo.calls.length);
    echo.calls.push({ url: source.url, at: Date.now(), behaviour });
    if (signal) echo.signals.push(signal);
    switch (behaviour) {
      case 'ok': {
        const v6 = source.url === V6_SOURCE;
        return { ip: v6 ? echo.ip.v6 : echo.ip.v4, family: v6 ? 6 : 4, source: source.url };
      }
      case 'timeout':
        await new Promise((resolve) => setTimeout(resolve, timeoutMs));
        throw new NetError('timeout', 'did not answer in time');
      case '5xx':
        throw new EchoFailure('bad-status', 'answered HTTP 503');
      case '429':
        throw new EchoFailure('rate-limited', 'answered HTTP 429', 2 * 3_600_000);
      case 'garbage':
        throw new EchoFailure('bad-answer', 'not an IP address: <html>');
    }
  };
  return echo;
}

export function memoryHistory(initial: IpChange[] = [], size = 50): HistoryStore {
  const store = createHistoryStore({ file: null, size });
  const load = store.load.bind(store);
  let seeded = false;
  return {
    ...store,
    async load() {
      await load();
      if (!seeded) {
        seeded = true;
        for (const change of initial) await store.append(change);
      }
      return { changes: store.list() };
    },
  };
}

export const HOUR = 3_600_000;
export const MIN = 60_000;
