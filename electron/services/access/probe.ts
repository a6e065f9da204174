/** Probes one target the way a browser's first request would, and classifies the answer. */
import type { AccessResult } from '../../../shared/model';
import type { Config } from '../../config';
import { toAppError } from '../../core/errors';
import type { HttpClient } from '../../platform/http';
import { classifyAnswer } from './cloudflare';

export interface ProbeDeps {
  http: HttpClient;
  config: Pick<Config, 'http'>;
  signal?: AbortSignal;
}

export async function probeTarget(target: string, deps: ProbeDeps): Promise<AccessResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const res = await deps.http.request({
      url: target,
      timeoutMs: deps.config.http.timeoutMs,
      maxBytes: deps.config.http.maxBodyBytes,
      maxRedirects: deps.config.http.maxRedirects,
      signal: deps.signal,
      headers: {
        accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
        'accept-language': 'en-US,en;q=0.9',
      },
    });
    const result = classifyAnswer(res);
    const date = res.headers.date;
    // Bounded: a Date header is ~29 characters; anything much longer is not one.
    const serverDate = date && date.length <= 64 ? { date, receivedAt: Date.now() } : undefined;
    return { target, httpStatus: res.status, ...result, ...(serverDate ? { serverDate } : {}), elapsedMs: elapsed() };
  } catch (error) {
    return {
      target,
      verdict: 'unreachable',
      error: toAppError(error),
      viaCloudflare: false,
      elapsedMs: elapsed(),
    };
  }
}
