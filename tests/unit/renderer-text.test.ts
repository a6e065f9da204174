import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../renderer/text/en';
import { followsSentenceRule } from '../../shared/text';
import { strayTexts } from './renderer-text-scan';

const root = join(import.meta.dirname, '..', '..');
const rendererDir = join(root, 'renderer');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return path === join(rendererDir, 'text') ? [] : sourceFiles(path);
    return entry.name.endsWith('.tsx') || (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) ? [path] : [];
  });
}

describe('renderer texts live in renderer/text', () => {
  it('no renderer source outside renderer/text writes user-visible text itself', () => {
    const files = sourceFiles(rendererDir);
    // The walk must see the components, or an empty list would pass for the wrong reason.
    expect(files.some((f) => f.endsWith('BrowsersStep.tsx'))).toBe(true);
    expect(files.length).toBeGreaterThan(20);
    const stray = files.flatMap((f) =>
      strayTexts(f, readFileSync(f, 'utf8')).map((s) => `${relative(root, f)}:${s.line} ${s.why} “${s.text}”`),
    );
    expect(stray).toEqual([]);
  });

  it('finds JSX text, text props and prose literals', () => {
    const source = `
      const LABELS = { fine: 'Fine' };
      export function X({ n }: { n: number }) {
        return (
          <div className="banner banner-good" aria-label="Sites to check">
            Removed {n} cookies
            <input placeholder={'chatgpt.com'} />
            <p>{n > 1 ? \`\${n} changes did not finish\` : 'one change'}</p>
          </div>
        );
      }`;
    const found = strayTexts('x.tsx', source).map((s) => `${s.why}:${s.text}`);
    expect(found).toEqual([
      'literal:Fine',
      'text-prop:Sites to check',
      'jsx-text:Removed',
      'jsx-text:cookies',
      'text-prop:chatgpt.com',
      'literal:changes did not finish',
      'literal:one change',
    ]);
  });

  it('leaves names for code alone: classes, keys, ids, comparisons, imports, types', () => {
    const source = `
      import { a } from './some module';
      type Mode = 'Not A Text';
      const keyed = { 'Key Name': 1 };
      function f(key: string, step: string) {
        if (key === 'ArrowDown') return \`#\${step}-title\`;
        console.warn('request failed, see above');
        return fetch('/x', { method: 'POST' });
      }
      export const Y = () => (
        <p className={\`banner banner-\${'good'}\`} data-state="Open Thing" aria-keyshortcuts="Alt+1" role="status">
          {' · '}
          {'→'}
        </p>
      );`;
    expect(strayTexts('y.tsx', source)).toEqual([]);
  });

  it('every fixed text that ends like a sentence follows the sentence rule (no stray blanks either)', () => {
    const leaves = (value: unknown, path: string): [string, string][] =>
      typeof value === 'string'
        ? [[path, value]]
        : value !== null && typeof value === 'object'
          ? Object.entries(value).flatMap(([key, v]) => leaves(v, `${path}.${key}`))
          : [];
    const all = leaves(en, 'en');
    expect(all.length).toBeGreaterThan(150);
    // Icons (`!`) are symbols, not sentences.
    const sentencesOnly = all.filter(([, s]) => s.length > 1 && '.?!'.includes(s.trim().slice(-1)));
    expect(sentencesOnly.length).toBeGreaterThan(20);
    for (const [path, s] of sentencesOnly) expect(followsSentenceRule(s), `${path}: ${s}`).toBe(true);
    for (const [path, s] of all) expect(s.trim() === s || s.startsWith(' · '), `${path}: “${s}”`).toBe(true);
  });

  it('words composed messages as whole sentences', () => {
    const messages = [
      en.app.unfinished(1),
      en.app.unfinished(3),
      en.scan.failed('The connection was refused.'),
      en.vpn.unknownPath(),
      en.vpn.unknownPath('The routing table could not be read.'),
      en.vpn.viaTunnel('wg0'),
      en.vpn.direct(null),
      en.router.none('Nothing answered the search.'),
      en.router.sameIp(null),
      en.browsers.cookies(3, 'chatgpt.com', 'Firefox', true, 'The database is locked.'),
      en.browsers.cookies(null, 'chatgpt.com', 'Firefox', false),
      en.browsers.blocking(en.browsers.setting.cookies, ['chatgpt.com'], 'chrome://settings/content/cookies'),
      en.proxy.active([{ where: 'GNOME settings', proxy: en.proxy.server('10.0.0.1:3128') }], true),
      en.backups.restored('b1'),
      en.backups.restored('b1', 'b2'),
      en.backups.errors('It failed.', undefined, 'Undoing it failed'),
      en.verdict.fixedBy(['Reset the router']),
      en.verdict.stillBlocked(['Reset the router', 'Disconnect the VPN']),
      en.vpn.byHandLead('wg0', false),
      en.vpn.byHandLead('wg0', true),
      en.countdown.left('2 min'),
    ];
    for (const m of messages) expect(followsSentenceRule(m), m).toBe(true);
    // After the disconnect's own answer said so, the guide does not say it again.
    expect(en.vpn.byHandLead('wg0', false)).toContain('cannot disconnect wg0');
    expect(en.vpn.byHandLead('wg0', true)).not.toContain('cannot disconnect');
  });
});
