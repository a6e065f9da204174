/** The OS proxy's channels; a change says the settings as they are now through `proxyChanged`. */
import type { ChannelContext, ChannelHandlers } from '../channels';
import type { ProxyService } from './index';

export function proxyChannels(
  proxy: ProxyService,
  targets: () => string[],
  ctx: ChannelContext,
): ChannelHandlers<'proxy.status' | 'proxy.compare' | 'proxy.off' | 'proxy.restore'> {
  return {
    'proxy.status': () => proxy.read(),
    'proxy.compare': () => proxy.compare(targets()),
    'proxy.off': async () => {
      const change = await proxy.off();
      ctx.emitProxyChanged?.(change.status);
      return change;
    },
    'proxy.restore': async (input) => {
      const change = await proxy.restore(input.id);
      ctx.emitProxyChanged?.(change.status);
      return change;
    },
  };
}
