import { describe, expect, it } from 'vitest';
import { AppFailure, INTERNAL_MESSAGE } from '../../../electron/core/errors';
import { createDispatch } from '../../../electron/rpc/dispatch';
import { channelNames, type Handlers } from '../../../shared/ipc';
import type { Diagnosis } from '../../../shared/model';

/** Every channel of the contract (it grows), answering "not used" unless a test gives it a handler. */
function handlers(overrides: Partial<Handlers> = {}): Handlers & { calls: unknown[] } {
  const calls: unknown[] = [];
  const unused = async (): Promise<never> => {
    throw new Error('not used in this test');
  };
  const base = Object.fromEntries(channelNames.map((channel) => [channel, unused])) as unknown as Handlers;
  return {
    ...base,
    calls,
    'app.info': async (input) => {
      calls.push(input);
      return {
        version: '1.2.3',
        shell: 'harness',
        targets: ['https://chatgpt.com/'],
        os: 'linux 6.1',
        supportLinks: {},
      };
    },
    'diagnose.run': async (input) => {
      calls.push(input);
      return { runId: input.runId } as Diagnosis;
    },
    ...overrides,
  };
}

describe('createDispatch', () => {
  it('runs the handler with the validated input and wraps the value', async () => {
    const h = handlers();
    const dispatch = createDispatch(h);
    expect(await dispatch('app.info', {})).toEqual({
      ok: true,
      value: {
        version: '1.2.3',
        shell: 'harness',
        targets: ['https://chatgpt.com/'],
        os: 'linux 6.1',
        supportLinks: {},
      },
    });
    expect(await dispatch('diagnose.run', { runId: 'ui-1', targets: ['https://a.test/'] })).toEqual({
      ok: true,
      value: { runId: 'ui-1' },
    });
    expect(h.calls).toEqual([{}, { runId: 'ui-1', targets: ['https://a.test/'] }]);
  });

  it.each([['no.such.channel'], ['__proto__'], ['toString'], [42], [null]])(
    'refuses the unknown channel %j without calling anything',
    async (channel) => {
      const h = handlers();
      const outcome = await createDispatch(h)(channel, {});
      expect(outcome).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
      expect(h.calls).toEqual([]);
    },
  );

  it('cuts a huge channel name in the message', async () => {
    const outcome = await createDispatch(handlers())('x'.repeat(10_000), {});
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error.message.length).toBeLessThan(120);
  });

  it('refuses invalid input with the schema message, naming the field, before the handler runs', async () => {
    const h = handlers();
    const dispatch = createDispatch(h);
    const bad = await dispatch('diagnose.run', { runId: 'has spaces and ;' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    if (!bad.ok) expect(bad.error.message).toContain('runId');
    const badUrl = await dispatch('diagnose.run', { runId: 'r1', targets: ['javascript:alert(1)'] });
    expect(badUrl).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    if (!badUrl.ok) expect(badUrl.error.message).toContain('must be an http(s) URL');
    const extra = await dispatch('app.info', { evil: true });
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(await dispatch('app.info', undefined)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(h.calls).toEqual([]);
  });

  it('turns an AppFailure into its code and message', async () => {
    const dispatch = createDispatch(
      handlers({
        'watch.state': async () => {
          throw new AppFailure('net-timeout', 'echo.test did not answer within 5 s');
        },
      }),
    );
    expect(await dispatch('watch.state', {})).toEqual({
      ok: false,
      error: { code: 'net-timeout', message: 'echo.test did not answer within 5 s' },
    });
  });

  it('turns any other throw into `internal`, never a rejected promise', async () => {
    const dispatch = createDispatch(
      handlers({
        'router.status': async () => {
          throw new RangeError('index out of range');
        },
        'watch.state': () => Promise.reject('a bare string'),
      }),
    );
    expect(await dispatch('router.status', {})).toEqual({
      ok: false,
      error: { code: 'internal', message: INTERNAL_MESSAGE },
    });
    expect(await dispatch('watch.state', {})).toEqual({
      ok: false,
      error: { code: 'internal', message: INTERNAL_MESSAGE },
    });
  });
});
