import { describe, expect, it } from 'vitest';
import { profileFindings, profileFixes } from '../../../electron/services/browsers/profile-findings';
import type { BrowsersResult, ProfileSiteData } from '../../../shared/model';
import { followsSentenceRule } from '../../../shared/text';

const profile = (id: string, name: string): ProfileSiteData => ({
  browser: 'chrome',
  browserName: 'Google Chrome',
  family: 'chromium',
  dataDir: '/home/u/.config/google-chrome',
  folder: `/home/u/.config/google-chrome/${id}`,
  id,
  name,
  inUse: true,
  running: false,
  cookies: 3,
  bySite: { 'chatgpt.com': 3 },
  origins: [],
  extensions: [
    {
      id: 'vpnvpnvpnvpnvpnvpnvpnvpnvpnvpnvp',
      name: 'Super VPN',
      enabled: true,
      risk: 'vpn-proxy',
      where: 'chrome://extensions',
    },
    {
      id: 'offoffoffoffoffoffoffoffoffoffof',
      name: 'Old VPN',
      enabled: false,
      risk: 'vpn-proxy',
      where: 'chrome://extensions',
    },
  ],
  blocking: [
    {
      id: 'cookies:site:chatgpt.com',
      setting: 'cookies',
      scope: 'site',
      sites: ['chatgpt.com'],
      severity: 'problem',
      where: 'chrome://settings/content/siteDetails?site=https%3A%2F%2Fchatgpt.com',
    },
  ],
});
const result: BrowsersResult = {
  sites: ['chatgpt.com'],
  profiles: [profile('Default', 'Home'), profile('Profile 1', 'Work')],
};

describe('extensions and blocking settings per profile', () => {
  it('one finding per enabled risky extension and per blocking setting, in each profile, with unique ids', () => {
    const findings = profileFindings(result);
    expect(findings.filter((f) => f.kind === 'risky-extension')).toHaveLength(2);
    expect(findings.filter((f) => f.kind === 'blocking-setting')).toHaveLength(2);
    expect(new Set(findings.map((f) => f.id)).size).toBe(findings.length);
    expect(findings.every((f) => f.facts?.[0]?.label === 'Profile')).toBe(true);
    for (const f of findings) {
      expect(followsSentenceRule(f.title), f.title).toBe(true);
      expect(followsSentenceRule(f.detail), f.detail).toBe(true);
    }
  });

  it('proposes fixing the settings before the extensions, only when a site refuses or challenges', () => {
    const findings = profileFindings(result);
    expect(profileFixes(findings, false)).toEqual([]);
    const steps = profileFixes(findings, true);
    expect(steps.map((s) => s.id)).toEqual(['fix-browser-settings', 'check-extensions']);
    for (const s of steps) expect(followsSentenceRule(s.why), s.why).toBe(true);
  });
});
