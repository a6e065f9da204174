import { describe, expect, it } from 'vitest';
import { requests } from '../../../shared/ipc';

describe('browsers IPC contract', () => {
  const clear = requests['browsers.clear'].input;
  it('clear needs an explicit confirmation, a known browser and plain domains', () => {
    expect(clear.safeParse({ browser: 'chrome', profile: 'Default', confirmed: true }).success).toBe(true);
    expect(
      clear.safeParse({ browser: 'chrome', profile: 'Default', sites: ['chatgpt.com'], confirmed: true }).success,
    ).toBe(true);
    expect(clear.safeParse({ browser: 'chrome', profile: 'Default' }).success).toBe(false);
    expect(clear.safeParse({ browser: 'chrome', profile: 'Default', confirmed: false }).success).toBe(false);
    expect(clear.safeParse({ browser: 'safari', profile: 'Default', confirmed: true }).success).toBe(false);
    expect(clear.safeParse({ browser: 'chrome', profile: '', confirmed: true }).success).toBe(false);
    for (const site of ['com', '*.chatgpt.com', 'chatgpt.com/', 'https://chatgpt.com']) {
      expect(
        clear.safeParse({ browser: 'chrome', profile: 'Default', sites: [site], confirmed: true }).success,
        site,
      ).toBe(false);
    }
    expect(requests['browsers.list'].input.safeParse({}).success).toBe(true);
  });
});
