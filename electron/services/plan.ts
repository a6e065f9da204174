/**
 * Findings → an ordered plan of fix steps. Pure, so the order is unit-tested. Each later capability
 * (browser site data, VPN, proxy) adds its steps here, in the place a support person would try them.
 */
import type { AccessResult, Diagnosis, FixStep, RouterStatus, StatusResult } from '../../shared/model';
import { host } from './findings';

export interface PlanInput {
  access: AccessResult[];
  status: StatusResult | null;
  router: RouterStatus | null;
  /** Whether the router's WAN address already differs from what sites see (double NAT / CGNAT). */
  routerBehindAnotherNat?: boolean;
}

export function planFixes(input: PlanInput): FixStep[] {
  const steps: FixStep[] = [];
  const blocked = input.access.filter((a) => a.verdict === 'blocked');
  const limited = input.access.filter((a) => a.verdict === 'rate-limited');
  const challenged = input.access.filter((a) => a.verdict === 'challenge');
  const outage =
    input.status?.ok && (input.status.status.indicator === 'major' || input.status.status.indicator === 'critical');

  if (outage) {
    steps.push({
      id: 'wait-outage',
      title: 'Wait for the service to recover',
      why: 'The status page reports an outage; nothing on your side will fix that. Access Doctor can tell you when the site answers again.',
      view: 'watch',
    });
  }
  for (const c of challenged) {
    steps.push({
      id: 'open-in-browser',
      title: `Open ${host(c.target)} in your browser and let the check finish`,
      why: 'The site asks for a browser check (a challenge), which only a real browser with JavaScript and cookies can pass.',
    });
  }
  if (limited.length > 0) {
    const wait = Math.max(...limited.map((l) => l.retryAfterSeconds ?? 0));
    steps.push({
      id: 'wait-rate-limit',
      title: wait > 0 ? `Wait about ${Math.ceil(wait / 60)} min, then try again` : 'Wait a few minutes, then try again',
      why: 'Rate limits lift by themselves; new requests meanwhile can extend them. Watch tells you when it is lifted.',
      view: 'watch',
    });
  }
  if (blocked.length > 0 || limited.length > 0) {
    const router = input.router?.ok ? input.router.router : null;
    const nat = input.routerBehindAnotherNat
      ? ' Your router is behind another NAT (your provider’s), so a new address is not certain.'
      : '';
    if (router && router.reconnect !== 'not-offered') {
      steps.push({
        id: 'reset-router',
        title: 'Reset your router for a new public IP address',
        why: `Blocks are usually tied to your address; most home lines get a new one on reconnect.${nat}`,
        view: 'router',
      });
    } else {
      steps.push({
        id: 'power-cycle',
        title: 'Restart your router by hand for a new public IP address',
        why: `${router ? 'Your router does not offer a remote reconnect.' : 'No router answered over UPnP.'} Unplugging it for 30 s usually gets a new address; Access Doctor watches for it.${nat}`,
        view: 'router',
      });
    }
    steps.push({
      id: 'watch',
      title: 'Let Access Doctor watch and tell you when it works',
      why: 'It re-checks the site after every IP change and notifies you when it is reachable again.',
      view: 'watch',
    });
  }
  for (const b of blocked) {
    if (!b.rayId) continue;
    steps.push({
      id: 'contact-site',
      title: `Still blocked? Contact ${host(b.target)} with the Ray ID ${b.rayId}`,
      why: 'The Ray ID lets the site find the exact rule that blocked you.',
    });
  }
  return steps;
}

export function planFor(d: Pick<Diagnosis, 'access' | 'status' | 'router' | 'findings'>): FixStep[] {
  return planFixes({
    access: d.access,
    status: d.status,
    router: d.router ?? null,
    routerBehindAnotherNat: d.findings.some((f) => f.kind === 'router-nat'),
  });
}
