import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../../../electron/core/clock';
import type { HttpClient, HttpRequest, HttpResponse } from '../../../electron/platform/http';
import { FIXTURES } from '../../support/paths';

export const routerFixture = (name: string) => readFileSync(join(FIXTURES, 'router', name), 'utf8');

/** A captured `curl -i` exchange: status and body. */
export function httpFixture(name: string): { status: number; body: string } {
  const text = routerFixture(name);
  const split = text.indexOf('\r\n\r\n');
  const status = Number(/^HTTP\/1\.1 (\d+)/.exec(text)?.[1]);
  return { status, body: text.slice(split + 4) };
}

export type Route = (req: HttpRequest) => Partial<HttpResponse> | Promise<Partial<HttpResponse>>;

export function fakeHttp(route: Route): HttpClient & { requests: HttpRequest[] } {
  const requests: HttpRequest[] = [];
  return {
    requests,
    async request(req) {
      requests.push(req);
      const res = await route(req);
      return {
        url: req.url,
        status: 200,
        headers: {},
        body: '',
        truncated: false,
        redirects: 0,
        elapsedMs: 1,
        ...res,
      };
    },
  };
}

/** Time that only moves when someone sleeps: loops run instantly and deterministically. */
export function fakeClock(): Clock & { advance(ms: number): void } {
  let t = 0;
  return {
    now: () => t,
    advance(ms) {
      t += ms;
    },
    async sleep(ms, signal) {
      signal?.throwIfAborted();
      t += ms;
      await Promise.resolve();
    },
  };
}

export { prng } from '../../support/prng';
