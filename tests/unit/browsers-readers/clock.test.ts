import { describe, expect, it } from 'vitest';
import { clockFinding, clockSkew, parseHttpDate } from '../../../electron/core/clock-skew';
import { followsSentenceRule } from '../../../shared/text';

const T = Date.UTC(2026, 11, 2, 8, 49, 37);

describe('HTTP dates', () => {
  it('reads the three forms RFC 9110 allows', () => {
    expect(parseHttpDate('Wed, 02 Dec 2026 08:49:37 GMT')).toBe(T);
    expect(parseHttpDate('Wednesday, 02-Dec-26 08:49:37 GMT')).toBe(T);
    expect(parseHttpDate('Wed Dec  2 08:49:37 2026')).toBe(T);
  });

  it('refuses anything else', () => {
    for (const bad of [
      '',
      'yesterday',
      'Wed, 02 Dec 2026 08:49:37 PST',
      'Wed, 31 Feb 2026 08:49:37 GMT',
      'Wed, 02 Foo 2026 08:49:37 GMT',
      'Wed, 02 Dec 2026 25:49:37 GMT',
      'Wed, 02 Dec 2026 08:49 GMT',
      'Wed, -2 Dec 2026 08:49:37 GMT',
      `Wed, 02 Dec 2026 08:49:37 GMT${' '.repeat(100)}`,
      '1764665377',
    ]) {
      expect(parseHttpDate(bad), bad).toBeNull();
    }
  });
});

describe('clock skew', () => {
  const header = (offsetSeconds: number) => ({
    date: new Date(T).toUTCString(),
    receivedAt: T + 500 + offsetSeconds * 1000,
  });

  it('is the median of what the sites say, ignoring what does not parse', () => {
    expect(clockSkew([header(120), header(118), header(-5000), { date: 'garbage', receivedAt: T }])).toBe(118);
    expect(clockSkew([header(10), header(20)])).toBe(15);
    expect(clockSkew([header(-90)])).toBe(-90);
    expect(clockSkew([])).toBeNull();
    expect(
      clockSkew([
        { date: 'nope', receivedAt: T },
        { date: new Date(T).toUTCString(), receivedAt: Number.NaN },
      ]),
    ).toBeNull();
  });
});

describe('clock finding', () => {
  it('says nothing within a minute', () => {
    expect(clockFinding(null)).toBeNull();
    expect(clockFinding(59.9)).toBeNull();
    expect(clockFinding(-60)).toBeNull();
    expect(clockFinding(Number.NaN)).toBeNull();
  });

  it('says how far and which way, and where to fix it on each system', () => {
    const ahead = clockFinding(180, 'linux');
    expect(ahead).toMatchObject({ id: 'clock-skew', kind: 'clock-skew', severity: 'warning' });
    expect(ahead?.title).toBe("This computer's clock is 3 min ahead.");
    expect(ahead?.detail).toContain('timedatectl set-ntp true');
    const behind = clockFinding(-7200, 'win32');
    expect(behind?.severity).toBe('problem');
    expect(behind?.title).toBe("This computer's clock is 2 h behind.");
    expect(behind?.detail).toContain('Set time automatically');
    expect(clockFinding(-61, 'darwin')?.detail).toContain('System Settings');
    for (const f of [ahead, behind, clockFinding(61, 'darwin'), clockFinding(86_400 * 30, 'freebsd')]) {
      expect(followsSentenceRule(f?.title ?? ''), f?.title).toBe(true);
      expect(followsSentenceRule(f?.detail ?? ''), f?.detail).toBe(true);
    }
  });
});
