/**
 * The one list of capabilities, in the order their checks are shown and their findings read. Adding a
 * capability is one line here (and its folder); diagnose, the findings and the plan iterate over it.
 */
import { accessCapability } from './access/capability';
import { browsersCapability } from './browsers/capability';
import type { AnyCapability } from './capability';
import type { Services } from './index';
import { ipCapability } from './ip/capability';
import { proxyCapability } from './proxy/capability';
import { reportCapability } from './report/capability';
import { routerCapability } from './router/capability';
import { statusCapability } from './status/capability';
import { vpnCapability } from './vpn/capability';
import { watchCapability } from './watch/capability';

export function createRegistry(s: Services): AnyCapability[] {
  return [
    ipCapability(s.publicIp),
    accessCapability(s.probe),
    statusCapability(s.status),
    routerCapability(
      (signal) => s.router.status({ signal, withPublicIp: false }),
      s.config.router.powerCycle.unplugSeconds,
    ),
    vpnCapability(s.vpn, process.platform),
    proxyCapability(
      () => s.proxy.read(),
      s.proxy.restorers,
      (status, targets, signal) => s.proxy.compareWith(status, targets, signal),
    ),
    browsersCapability(s.browsers),
    watchCapability(),
    reportCapability(),
  ];
}
