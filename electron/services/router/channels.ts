/**
 * The router's channels. One AbortController per running job (by runId), so the window can cancel a
 * long power-cycle watch, and a second job with the same runId replaces the first.
 */
import type { ChannelContext, ChannelHandlers } from '../channels';
import type { RouterService } from './index';

export function routerChannels(
  router: RouterService,
  ctx: ChannelContext,
): ChannelHandlers<'router.status' | 'router.reset' | 'router.powerCycle' | 'router.cancel'> {
  const jobs = new Map<string, AbortController>();
  const job = async <T>(runId: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    jobs.get(runId)?.abort();
    const controller = new AbortController();
    jobs.set(runId, controller);
    try {
      return await work(controller.signal);
    } finally {
      if (jobs.get(runId) === controller) jobs.delete(runId);
    }
  };
  const onProgress = (p: Parameters<NonNullable<ChannelContext['emitRouterProgress']>>[0]) =>
    ctx.emitRouterProgress?.(p);
  return {
    'router.status': () => router.status(),
    'router.reset': (input) => job(input.runId, (signal) => router.reset({ runId: input.runId, onProgress, signal })),
    'router.powerCycle': (input) =>
      job(input.runId, (signal) =>
        router.powerCycle({ runId: input.runId, oldIp: input.oldIp ?? null, onProgress, signal }),
      ),
    'router.cancel': async (input) => {
      const running = jobs.get(input.runId);
      running?.abort();
      return { cancelled: Boolean(running) };
    },
  };
}
