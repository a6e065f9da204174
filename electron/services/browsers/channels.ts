/** The browsers' channels: list profiles, clear a site's data (only with a journal), private window. */
import { AppFailure } from '../../core/errors';
import type { ChannelContext, ChannelHandlers } from '../channels';
import type { BrowsersService } from './index';

export function browsersChannels(
  browsers: BrowsersService,
  firstTarget: () => string | undefined,
  ctx: ChannelContext,
): ChannelHandlers<'browsers.list' | 'browsers.clear' | 'browsers.privateWindow'> {
  return {
    'browsers.list': () => browsers.list(),
    'browsers.clear': async (input) => {
      if (!ctx.journal) {
        throw new AppFailure('journal-unavailable', 'Access Doctor cannot back up files here, so nothing was cleared.');
      }
      return browsers.clear({ browser: input.browser, profile: input.profile, sites: input.sites }, ctx.journal);
    },
    'browsers.privateWindow': (input) =>
      browsers.privateWindow({ browser: input.browser, target: input.target ?? firstTarget() }),
  };
}
