import { describe, expect, it } from 'vitest';
import { forTerminal, jsonForTerminal } from '../../../electron/cli/terminal';

const ESC = '\u001b';

describe('forTerminal', () => {
  it('leaves ordinary text, tabs, newlines and non-Latin letters alone', () => {
    const text = 'Blocked by Cloudflare (error 1020) at chatgpt.com\n\tRay ID: 8f1a-AMS · Zürich · 東京 ✔';
    expect(forTerminal(text)).toBe(text);
  });

  it.each([
    ['a colour (CSI)', `${ESC}[31mred${ESC}[0m`, 'red'],
    ['a cursor move and erase', `ok${ESC}[2K${ESC}[1Afake`, 'okfake'],
    ['a window title (OSC ended by BEL)', `${ESC}]0;pwned\u0007title`, 'title'],
    ['a hyperlink (OSC ended by ST)', `${ESC}]8;;https://evil.example/${ESC}\\link${ESC}]8;;${ESC}\\`, 'link'],
    ['a device control string', `${ESC}Pq#0;2;0;0;0${ESC}\\after`, 'after'],
    ['a charset switch (nF)', `${ESC}(0lqk${ESC}(B`, 'lqk'],
    ['a reset (ESC c)', `${ESC}cclean`, 'clean'],
    ['an 8-bit CSI', '\u009b31mred', 'red'],
    ['an 8-bit OSC', '\u009d0;t\u009cafter', 'after'],
    ['a carriage return that overwrites the line', 'blocked\rreachable', 'blockedreachable'],
    ['backspaces, NUL and DEL', 'a\b\u0000b\u007fc', 'abc'],
    ['a bidirectional override', 'evil\u202Egnp.exe\u2066x\u2069', 'evilgnp.exex'],
    ['a lone ESC at the end', `end${ESC}`, 'end'],
  ])('strips %s', (_name, input, expected) => {
    expect(forTerminal(input)).toBe(expected);
  });

  it('ends an unterminated control string at the next line, so the rest of the report survives', () => {
    expect(forTerminal(`host ${ESC}]0;swallow everything\nResult: blocked.`)).toBe('host \nResult: blocked.');
  });

  it('is linear on long hostile input', () => {
    const hostile = `${`${ESC}[${'1;'.repeat(200_000)}`.repeat(5)}${ESC}]${'x'.repeat(500_000)}`;
    const started = performance.now();
    expect(forTerminal(hostile)).toBe('');
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('jsonForTerminal', () => {
  it('escapes C0, DEL, C1 and bidi controls while keeping the value', () => {
    const value = { title: `${ESC}]0;x\u0007\u009b31m\u007f\u202e ok`, n: 1 };
    const json = jsonForTerminal(value, 2);
    // Nothing a terminal would act on is left raw.
    for (let i = 0; i < json.length; i++) {
      const c = json.charCodeAt(i);
      expect(c < 0x20 ? c === 0x0a || c === 0x20 : c < 0x7f || c > 0x9f).toBe(true);
    }
    expect(json).not.toContain('\u202e');
    expect(JSON.parse(json)).toEqual(value);
  });
});
