import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../../../electron/core/http-dates';

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-25T10:00:00Z');

  it('reads delta-seconds, tolerating surrounding spaces', () => {
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter(' 120 ', now)).toBe(120);
  });

  it('turns an HTTP date into seconds from now, rounding up', () => {
    expect(parseRetryAfter('Wed, 25 Nov 2026 10:05:00 GMT', now)).toBe(300);
    expect(parseRetryAfter('Wed, 25 Nov 2026 10:00:00 GMT', now + 500)).toBe(0);
  });

  it('ignores what is absent, past, negative, unreadable or absurd', () => {
    for (const value of [undefined, '', '   ', 'soon', '-5', '1.5', '99999999999', 'Wed, 25 Nov 2026 09:00:00 GMT']) {
      expect(parseRetryAfter(value, now)).toBeUndefined();
    }
    expect(parseRetryAfter('Fri, 01 Jan 2100 00:00:00 GMT', now)).toBeUndefined();
  });
});
