/**
 * Reads the public IPv4 and IPv6 address from echo services, in config order, falling back to the
 * next source on any failure. The v4 and v6 chains run side by side.
 */
import type { IpFamily, PublicAddress, PublicIpResult, SourceFailure } from '../../../shared/model';
import type { Config } from '../../config';
import { AppFailure, toAppError } from '../../core/errors';
import type { HttpClient } from '../../platform/http';
import { parseCloudflareTrace, parsePlainIp } from './trace';

export interface PublicIpDeps {
  http: HttpClient;
  config: Pick<Config, 'publicIp' | 'http'>;
  signal?: AbortSignal;
}

type Source = Config['publicIp']['sources'][number];

export async function readPublicIp(deps: PublicIpDeps): Promise<PublicIpResult> {
  const failures: SourceFailure[] = [];
  const [v4, v6] = await Promise.all([firstAnswer(4, deps, failures), firstAnswer(6, deps, failures)]);
  return { v4, v6, failures };
}

async function firstAnswer(
  family: IpFamily,
  deps: PublicIpDeps,
  failures: SourceFailure[],
): Promise<PublicAddress | undefined> {
  const sources = deps.config.publicIp.sources.filter((s) => s.family === family || s.family === 'any');
  for (const source of sources) {
    if (deps.signal?.aborted) break;
    try {
      const address = await askSource(source, deps);
      if (address.family === family) return address;
      // An `any` source answered the other family: fine for that chain, not an error for this one.
      if (source.family !== 'any') {
        failures.push({
          source: source.url,
          error: { code: 'wrong-family', message: `expected IPv${family}, got ${address.ip}` },
        });
      }
    } catch (error) {
      failures.push({ source: source.url, error: toAppError(error) });
    }
  }
  return undefined;
}

export async function askSource(source: Source, deps: PublicIpDeps): Promise<PublicAddress> {
  const res = await deps.http.request({
    url: source.url,
    timeoutMs: deps.config.publicIp.timeoutMs,
    maxBytes: 16 * 1024,
    maxRedirects: 2,
    signal: deps.signal,
    headers: { accept: 'text/plain' },
  });
  if (res.status !== 200) throw new AppFailure('bad-status', `answered HTTP ${res.status}`);
  const parsed = source.format === 'cloudflare-trace' ? parseCloudflareTrace(res.body) : parsePlainIp(res.body);
  if (!parsed.ok) throw new AppFailure('bad-answer', parsed.reason);
  return { ...parsed.value, source: source.url };
}
