import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../electron/config';
import { browsersCapability } from '../../../electron/services/browsers/capability';
import { defaultSites } from '../../../electron/services/browsers/index';
import type { BrowsersResult, DiagnosisResults, ProfileSiteData } from '../../../shared/model';
import { followsSentenceRule } from '../../../shared/text';
import { access, VERDICTS } from '../diagnosis/fakes';

const profile = (over: Partial<ProfileSiteData> = {}): ProfileSiteData => ({
  browser: 'chrome',
  browserName: 'Google Chrome',
  family: 'chromium',
  dataDir: '/home/u/.config/google-chrome',
  folder: '/home/u/.config/google-chrome/Profile 1',
  id: 'Profile 1',
  name: 'Work',
  inUse: true,
  running: false,
  cookies: 12,
  bySite: { 'chatgpt.com': 12, 'openai.com': 0 },
  origins: [],
  ...over,
});

const result = (profiles: ProfileSiteData[]): BrowsersResult => ({ sites: ['chatgpt.com', 'openai.com'], profiles });

describe('browsers capability', () => {
  const cap = browsersCapability({ list: async () => result([]), profiles: async () => [] });
  const draw = (results: DiagnosisResults) => {
    const findings = cap.findings?.({ targets: ['https://chatgpt.com/'], results }) ?? [];
    return { findings, fixes: cap.fixes?.({ targets: ['https://chatgpt.com/'], results, findings }) ?? [] };
  };

  it('a profile with only Local Storage of the site: a finding that says so, and the clear step', () => {
    const { findings, fixes } = draw({
      access: [VERDICTS['blocked 1020 with Ray ID']()],
      browsers: result([
        profile({ cookies: 0, bySite: {}, localStorage: { origins: ['https://chatgpt.com'], items: 3 } }),
        profile({ id: 'Default', name: 'Person 1', cookies: 0, bySite: {} }),
      ]),
    });
    const data = findings.filter((f) => f.kind === 'browser-site-data');
    expect(data).toHaveLength(1);
    expect(data[0]?.title).toBe('The site keeps data in Google Chrome (Work).');
    expect(data[0]?.detail).toContain('3 Local Storage items of the site');
    expect(followsSentenceRule(data[0]?.detail ?? '')).toBe(true);
    expect(fixes.find((f) => f.id === 'clear-site-data')?.title).toBe(
      'Clear chatgpt.com’s stored data in your browser.',
    );
  });

  it('marks: unavailable with no browser, fine otherwise, with the count', () => {
    if (cap.check?.id !== 'browsers') throw new Error('no check');
    expect(cap.check.summarize(result([]))).toEqual({ mark: 'unavailable', detail: 'No browser found.' });
    expect(cap.check.summarize(result([profile()]))).toEqual({
      mark: 'fine',
      detail: '12 cookies of chatgpt.com in 1 profile.',
    });
  });

  it('a refused target with cookies: a warning per profile and the clear step before the router', () => {
    const { findings, fixes } = draw({
      access: [VERDICTS['blocked 1020 with Ray ID']()],
      browsers: result([
        profile(),
        profile({ id: 'Default', name: 'Person 1', cookies: 0, bySite: {} }),
        profile({
          browser: 'firefox',
          browserName: 'Firefox',
          name: 'default-release',
          id: 'x.default-release',
          running: true,
          cookies: 3,
          bySite: { 'chatgpt.com': 2, 'openai.com': 1 },
          origins: ['storage/default/https+++chatgpt.com'],
        }),
      ]),
    });
    expect(findings.map((f) => [f.severity, f.title])).toEqual([
      ['warning', 'chatgpt.com has 12 cookies in Google Chrome (Work).'],
      ['warning', 'chatgpt.com and openai.com have 3 cookies in Firefox (default-release).'],
    ]);
    expect(findings[1]?.detail).toContain('Close Firefox before clearing them.');
    expect(findings[1]?.detail).toContain('which clearing removes too');
    for (const f of findings) expect(followsSentenceRule(f.detail)).toBe(true);
    expect(fixes).toEqual([expect.objectContaining({ id: 'clear-site-data', rank: 32 })]);
    expect(fixes[0]?.rank).toBeLessThan(50);
    expect(followsSentenceRule(fixes[0]?.why ?? '')).toBe(true);
    expect(fixes[0]?.why).toContain('Close Firefox first.');
  });

  it('no step when every target is reachable or no profile has cookies; findings are then info', () => {
    const ok = draw({ access: [access()], browsers: result([profile()]) });
    expect(ok.fixes).toEqual([]);
    expect(ok.findings.map((f) => f.severity)).toEqual(['info']);
    expect(
      draw({ access: [VERDICTS['blocked 1020 with Ray ID']()], browsers: result([profile({ cookies: 0 })]) }).fixes,
    ).toEqual([]);
    const uncounted = draw({
      browsers: result([
        profile({ cookies: null, note: 'Close Firefox once so it saves its cookies, then try again.' }),
      ]),
    });
    expect(uncounted.findings[0]?.detail).toBe('Close Firefox once so it saves its cookies, then try again.');
  });

  it('refuses to restore a backup of a running profile’s files, and lets others through', async () => {
    const running = profile({ running: true });
    const guarded = browsersCapability({ list: async () => result([]), profiles: async () => [running] });
    const entry = (path: string) => ({ kind: 'browser-site-data', files: [{ path }] });
    await expect(guarded.restoreGuard?.(entry(`${running.folder}/Network/Cookies`))).rejects.toThrow(
      'Google Chrome is running with the profile “Work”, whose files this backup would write. Close Google Chrome, then restore it again; nothing was restored.',
    );
    await expect(guarded.restoreGuard?.(entry(`${running.folder} 2/Cookies`))).resolves.toBeUndefined();
    await expect(guarded.restoreGuard?.(entry('/home/u/.config/kioslaverc'))).resolves.toBeUndefined();
  });

  it('sites: the targets’ domains and their sign-in domains, or the config’s list', () => {
    expect(defaultSites(['https://chatgpt.com/', 'https://www.example.org:8443/x', 'http://127.0.0.1:9/'])).toEqual([
      'chatgpt.com',
      'openai.com',
      'example.org',
    ]);
    expect(parseConfig({ browsers: { sites: ['chatgpt.com'] } }).browsers.sites).toEqual(['chatgpt.com']);
    expect(parseConfig({}).browsers.sites).toBeUndefined();
    for (const bad of ['com', 'https://chatgpt.com', 'ChatGPT.com', 'chatgpt.com:443', '.chatgpt.com']) {
      expect(() => parseConfig({ browsers: { sites: [bad] } }), bad).toThrow();
    }
  });
});
