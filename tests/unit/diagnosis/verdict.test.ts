import { describe, expect, it } from 'vitest';
import type { AccessVerdict } from '../../../shared/model';
import { isReachable, isRefused, outcomeOf } from '../../../shared/verdict';
import { access } from './fakes';

const ALL: AccessVerdict[] = ['ok', 'blocked', 'rate-limited', 'challenge', 'down', 'unreachable'];

describe('isReachable and isRefused', () => {
  it('reachable is ok or a challenge a person passes; refused is a block or a rate limit', () => {
    expect(ALL.filter(isReachable)).toEqual(['ok', 'challenge']);
    expect(ALL.filter(isRefused)).toEqual(['blocked', 'rate-limited']);
  });

  it('down and unreachable are neither reachable nor refused', () => {
    for (const v of ['down', 'unreachable'] as const) {
      expect(isReachable(v)).toBe(false);
      expect(isRefused(v)).toBe(false);
    }
  });

  it('no verdict yet is neither', () => {
    for (const v of [null, undefined]) {
      expect(isReachable(v)).toBe(false);
      expect(isRefused(v)).toBe(false);
    }
  });

  it('no verdict is both', () => {
    for (const v of ALL) expect(isReachable(v) && isRefused(v)).toBe(false);
  });
});

describe('outcomeOf', () => {
  const of = (...verdicts: AccessVerdict[]) =>
    outcomeOf(verdicts.map((verdict, i) => access({ target: `https://s${i}.test/`, verdict })));

  it('a refusal anywhere is blocked, whatever else answered', () => {
    expect(of('ok', 'blocked')).toBe('blocked');
    expect(of('rate-limited', 'unreachable')).toBe('blocked');
    expect(of('down', 'rate-limited', 'challenge')).toBe('blocked');
  });

  it('ok needs every target reachable; a challenge is not a block', () => {
    expect(of('ok')).toBe('ok');
    expect(of('challenge')).toBe('ok');
    expect(of('ok', 'challenge')).toBe('ok');
  });

  it('unknown when some target could not be told and none refused, or no target at all', () => {
    expect(of('ok', 'unreachable')).toBe('unknown');
    expect(of('down')).toBe('unknown');
    expect(of('challenge', 'down')).toBe('unknown');
    expect(of()).toBe('unknown');
  });
});
