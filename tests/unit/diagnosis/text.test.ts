import { describe, expect, it } from 'vitest';
import { followsSentenceRule, formatWait, host, sentence, sentences } from '../../../shared/text';

describe('sentence', () => {
  it('adds a full stop unless the text already ends a sentence', () => {
    expect(sentence('It works')).toBe('It works.');
    expect(sentence('It works.')).toBe('It works.');
    expect(sentence('Does it work?')).toBe('Does it work?');
    expect(sentence('It works!')).toBe('It works!');
  });

  it('looks past closing quotes and brackets for the full stop', () => {
    expect(sentence('He said “go.”')).toBe('He said “go.”');
    expect(sentence('(See the guide.)')).toBe('(See the guide.)');
    expect(sentence('It says “All Systems Operational”')).toBe('It says “All Systems Operational”.');
  });

  it('trims, and ends a dangling colon, semicolon or comma instead of stacking marks', () => {
    expect(sentence('  It works  ')).toBe('It works.');
    expect(sentence('Ongoing:')).toBe('Ongoing.');
    expect(sentence('First;')).toBe('First.');
    expect(sentence('First,')).toBe('First.');
  });

  it('leaves an empty text empty', () => {
    expect(sentence('')).toBe('');
    expect(sentence('   ')).toBe('');
  });
});

describe('sentences', () => {
  it('joins parts with one space, each ended, skipping empty and false parts', () => {
    expect(sentences('One', 'Two.', null, undefined, false, '', '  ', 'Three?')).toBe('One. Two. Three?');
  });

  it('of nothing is empty', () => {
    expect(sentences()).toBe('');
    expect(sentences(false, null)).toBe('');
  });

  it('always gives a text that follows the rule when its parts start like sentences', () => {
    for (const parts of [['A'], ['A', 'B'], ['Wait 2 min, then try again'], ['It says “x”', 'Ongoing: a; b']]) {
      expect(followsSentenceRule(sentences(...parts))).toBe(true);
    }
  });
});

describe('followsSentenceRule', () => {
  it.each([
    'It works.',
    'Does it work?',
    'Stop!',
    'One. Two.',
    '127.0.0.1:9 refused the connection.',
    '“Quoted” text starts a sentence.',
    '(See the guide.)',
    'He said “go.”',
  ])('accepts %j', (text) => {
    expect(followsSentenceRule(text)).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['no full stop', 'It works'],
    ['a lower-case start', 'it works.'],
    ['surrounding space', ' It works.'],
    ['a trailing space', 'It works. '],
    ['a double space', 'One.  Two.'],
    ['a space before a mark', 'It works .'],
    ['a space before a comma', 'Wait , then try.'],
    ['a doubled full stop', 'It works..'],
    ['a doubled full stop inside', 'One.. Two.'],
    ['a dangling colon', 'It says:'],
  ])('rejects %s', (_why, text) => {
    expect(followsSentenceRule(text)).toBe(false);
  });
});

describe('formatWait', () => {
  it.each([
    [0, '0 s'],
    [-5, '0 s'],
    [1, '1 s'],
    [30, '30 s'],
    [89, '89 s'],
    [89.4, '89 s'],
    [90, '2 min'],
    [120, '2 min'],
    [600, '10 min'],
    [5399, '90 min'],
    [5400, '1.5 h'],
    [7200, '2 h'],
    [9000, '2.5 h'],
    [48 * 3600 - 1, '48 h'],
    [48 * 3600, '2 days'],
    [7 * 86_400, '7 days'],
  ])('%d s reads %j', (seconds, text) => {
    expect(formatWait(seconds)).toBe(text);
  });

  it('never goes down as the wait goes up', () => {
    const inSeconds = (t: string) => {
      const [n, unit] = t.split(' ');
      return Number(n) * (({ s: 1, min: 60, h: 3600, days: 86_400 } as Record<string, number>)[unit ?? 's'] ?? NaN);
    };
    let last = 0;
    for (let s = 0; s < 4 * 86_400; s += 37) {
      const now = inSeconds(formatWait(s));
      expect(now).toBeGreaterThanOrEqual(last);
      last = now;
    }
  });
});

describe('host', () => {
  it('shows the host with its port, or the text as it is when it is not a URL', () => {
    expect(host('https://chatgpt.com/c/123')).toBe('chatgpt.com');
    expect(host('http://127.0.0.1:8080/site/')).toBe('127.0.0.1:8080');
    expect(host('nonsense')).toBe('nonsense');
  });
});
