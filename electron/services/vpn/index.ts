/** The VPN capability's public face: its service, its capability and the CLI's text. */
export { VPN_RANK, vpnCapability } from './capability';
export { DEFAULT_ROUTE_TARGET, readVpnStatus } from './detect';
export { formatVpnAction, formatVpnStatus } from './format';
export { createVpnService, VPN_JOURNAL_KIND, type VpnService } from './service';
