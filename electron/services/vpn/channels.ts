/** The VPN's channels: read the path, disconnect (journaled) and reconnect from the record. */
import type { ChannelContext, ChannelHandlers } from '../channels';
import type { VpnService } from './service';

export function vpnChannels(
  vpn: VpnService,
  ctx: ChannelContext,
): ChannelHandlers<'vpn.status' | 'vpn.disconnect' | 'vpn.reconnect'> {
  return {
    'vpn.status': () => vpn.status(),
    'vpn.disconnect': (input) => vpn.disconnect({ name: input.name, journal: ctx.journal }),
    'vpn.reconnect': () => vpn.reconnect({ journal: ctx.journal }),
  };
}
