/** Double NAT / CGNAT: when a router reconnect cannot change the address sites see, and why. */
import type { NatWarning } from '../../../shared/model';
import { isCgnatV4, isPrivateV4, isPublicV4 } from '../../core/addresses';

export function analyzeNat(routerExternalIp: string | null, publicIp: string | null): NatWarning | null {
  if (routerExternalIp && isCgnatV4(routerExternalIp)) {
    return {
      kind: 'cgnat',
      message: `Your router's internet address ${routerExternalIp} is in the carrier-grade NAT range (100.64.0.0/10): your provider shares one public address among many customers. Reconnecting the router may not change the address sites see, and others on that address can get you blocked.`,
    };
  }
  if (routerExternalIp && isPrivateV4(routerExternalIp)) {
    return {
      kind: 'double-nat',
      message: `Your router's internet address ${routerExternalIp} is a private one: it sits behind another router (double NAT). Reconnecting this router will not change your public address; the outer router (often the provider's modem) has to reconnect instead.`,
    };
  }
  if (routerExternalIp && publicIp && isPublicV4(routerExternalIp) && routerExternalIp !== publicIp) {
    return {
      kind: 'mismatch',
      message: `Your router says its internet address is ${routerExternalIp}, but sites see ${publicIp}. Something between (a provider NAT, a VPN or a proxy) changes it, so a router reconnect may not change what sites see.`,
    };
  }
  return null;
}
