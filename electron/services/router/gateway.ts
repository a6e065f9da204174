/**
 * From SSDP answers to a usable gateway: each answer's LOCATION passes the policy, its description is
 * fetched (capped, time-limited, no redirects) and must name a WAN connection service. The first valid
 * one wins at once when it is the default gateway (or the default gateway is unknown); otherwise we give
 * the default gateway a short grace to answer too.
 */
import type { RouterGateway } from '../../../shared/model';
import { isPrivateV4 } from '../../core/addresses';
import type { HttpClient } from '../../platform/http';
import { type DeviceDescription, parseDescription, pickWanServices, type WanServices } from './description';
import { RouterError } from './errors';
import { checkLocation } from './location-policy';
import { discover, type SsdpAnswer, type SsdpDeps } from './ssdp';

export interface FoundGateway {
  gateway: RouterGateway;
  services: WanServices;
  description: DeviceDescription;
}

export interface FindGatewayOptions {
  address: string;
  port: number;
  mx: number;
  timeoutMs: number;
  allowLoopbackDevices: boolean;
  preferDefaultGatewayMs: number;
  defaultGateway: string | null;
  requestTimeoutMs: number;
  maxBodyBytes: number;
  signal?: AbortSignal;
}

export interface Ignored {
  from: string;
  location: string;
  reason: string;
}

export async function describeGateway(
  http: HttpClient,
  answer: SsdpAnswer,
  options: Pick<FindGatewayOptions, 'allowLoopbackDevices' | 'requestTimeoutMs' | 'maxBodyBytes' | 'signal'>,
): Promise<{ services: WanServices; description: DeviceDescription; location: URL }> {
  const verdict = checkLocation(answer.reply.location, answer.from, { allowLoopback: options.allowLoopbackDevices });
  if (!verdict.ok) throw new RouterError('router-location-refused', verdict.reason);
  const res = await http.request({
    url: verdict.url.href,
    timeoutMs: options.requestTimeoutMs,
    maxBytes: options.maxBodyBytes,
    maxRedirects: 0,
    signal: options.signal,
  });
  if (res.status !== 200) throw new RouterError('router-bad-response', `The description answered HTTP ${res.status}`);
  if (res.truncated) throw new RouterError('router-bad-response', 'The description is larger than allowed');
  const description = parseDescription(res.body, verdict.url);
  const services = pickWanServices(description);
  if (!services) throw new RouterError('router-no-wan-service', 'The device offers no WAN connection service');
  return { services, description, location: verdict.url };
}

export async function findGateway(
  deps: SsdpDeps & { http: HttpClient },
  options: FindGatewayOptions,
): Promise<{ found: FoundGateway; ignored: Ignored[] }> {
  // Waiting for the default gateway only makes sense when it could answer: a private address, asked by
  // multicast. A unicast target (tests) or a public gateway (no home router) means take the first valid one.
  const multicast = /^2(2[4-9]|3\d)\./.test(options.address);
  const preferred =
    multicast && options.defaultGateway && isPrivateV4(options.defaultGateway) ? options.defaultGateway : null;
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  const started = performance.now();
  const ignored: Ignored[] = [];
  const pending = new Set<Promise<void>>();
  // Held in an object: they are set from callbacks, which control-flow narrowing does not see.
  const pick: { best: FoundGateway | null; winner: FoundGateway | null } = { best: null, winner: null };
  let graceTimer: NodeJS.Timeout | undefined;

  const consider = (answer: SsdpAnswer) =>
    describeGateway(deps.http, answer, { ...options, signal }).then(
      ({ services, description, location }) => {
        const isDefaultGateway = answer.from === options.defaultGateway;
        const gateway: RouterGateway = {
          address: answer.from,
          localAddress: answer.localAddress,
          location: location.href,
          connectionService: services.connection.serviceType,
          isDefaultGateway,
          foundAfterMs: Math.round(performance.now() - started),
        };
        if (answer.reply.server) gateway.server = answer.reply.server.slice(0, 200);
        if (description.friendlyName) gateway.friendlyName = description.friendlyName;
        if (description.manufacturer) gateway.manufacturer = description.manufacturer;
        if (description.modelName) gateway.modelName = description.modelName;
        const found = { gateway, services, description };
        if (isDefaultGateway || preferred === null) {
          pick.winner ??= found;
          stop.abort();
        } else if (!pick.best) {
          pick.best = found;
          graceTimer = setTimeout(() => stop.abort(), options.preferDefaultGatewayMs);
        }
      },
      (error: unknown) => {
        if (!signal.aborted || !(error instanceof Error) || !/cancel/i.test(error.message)) {
          ignored.push({ from: answer.from, location: answer.reply.location, reason: (error as Error).message });
        }
      },
    );

  try {
    for await (const answer of discover(deps, { ...options, includeLoopback: options.allowLoopbackDevices, signal })) {
      const job = consider(answer).finally(() => pending.delete(job));
      pending.add(job);
    }
    // The window closed (or a winner stopped it): let descriptions already on the way finish.
    while (pending.size > 0 && !pick.winner) await Promise.race(pending);
  } finally {
    clearTimeout(graceTimer);
    stop.abort();
  }
  const found = pick.winner ?? pick.best;
  if (!found) {
    const why = ignored.length
      ? ` Ignored: ${ignored
          .slice(0, 3)
          .map((i) => `${i.from} (${i.reason})`)
          .join('; ')}.`
      : '';
    throw new RouterError(
      'router-not-found',
      `No UPnP router answered within ${options.timeoutMs} ms. UPnP may be switched off on the router.${why}`,
    );
  }
  return { found, ignored };
}
