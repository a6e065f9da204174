/**
 * Transport-independent request dispatch: checks the channel, validates the input against the
 * contract's schema, runs the handler and turns every outcome, thrown or not, into an `Outcome`.
 * Electron IPC (electron/ipc.ts) and the harness's HTTP transport both sit on this.
 */
import { z } from 'zod';
import { type Handlers, isChannel, type Outcome, requests } from '../../shared/ipc';
import { toAppError } from '../core/errors';

export type Dispatch = (channel: unknown, input: unknown) => Promise<Outcome<unknown>>;

export function createDispatch(handlers: Handlers): Dispatch {
  return async (channel, input) => {
    if (!isChannel(channel)) {
      return {
        ok: false,
        error: { code: 'unknown-channel', message: `Unknown request: ${String(channel).slice(0, 80)}` },
      };
    }
    const parsed = requests[channel].input.safeParse(input);
    if (!parsed.success) {
      return { ok: false, error: { code: 'invalid-input', message: z.prettifyError(parsed.error) } };
    }
    try {
      const handler = handlers[channel] as (input: unknown) => Promise<unknown>;
      return { ok: true, value: await handler(parsed.data) };
    } catch (error) {
      return { ok: false, error: toAppError(error) };
    }
  };
}
