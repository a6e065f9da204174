/**
 * Findings and steps from each profile's extensions and blocking settings (read by extensions.ts and
 * settings.ts). Ids carry the profile, so the same extension in two profiles is two findings.
 */
import type { BrowsersResult, Finding } from '../../../shared/model';
import { sentences } from '../../../shared/text';
import type { RankedStep } from '../capability';
import { extensionFindings } from './extensions';
import { profileRef } from './index';
import { settingsFindings } from './settings';

export const SETTINGS_RANK = 33;
export const EXTENSIONS_RANK = 34;

export function profileFindings(result: BrowsersResult | undefined): Finding[] {
  const findings: Finding[] = [];
  for (const p of result?.profiles ?? []) {
    const ref = profileRef(p);
    const where = `${p.browserName} (${p.name})`;
    const own = [
      ...extensionFindings(p.extensions ?? [], ref),
      ...settingsFindings({ settings: p.blocking ?? [], notRead: [], problems: [] }, ref),
    ];
    for (const f of own) {
      findings.push({
        ...f,
        id: `${p.browser}:${p.id}:${f.id}`,
        facts: [{ label: 'Profile', value: where }, ...(f.facts ?? [])],
      });
    }
  }
  return findings;
}

/** Steps when a site is refused or asks for a check: the settings first (certain), then extensions (likely). */
export function profileFixes(findings: Finding[], needed: boolean): RankedStep[] {
  if (!needed) return [];
  const steps: RankedStep[] = [];
  const settings = findings.filter((f) => f.kind === 'blocking-setting' && f.severity !== 'info');
  if (settings.length > 0) {
    steps.push({
      rank: SETTINGS_RANK,
      id: 'fix-browser-settings',
      title: 'Allow cookies and JavaScript for the site in your browser.',
      why: sentences(
        `${settings.length === 1 ? 'A browser setting blocks' : `${settings.length} browser settings block`} what the site's security check needs`,
        'Each finding below says exactly where to change it',
      ),
    });
  }
  const extensions = findings.filter((f) => f.kind === 'risky-extension' && f.severity !== 'info');
  if (extensions.length > 0) {
    steps.push({
      rank: EXTENSIONS_RANK,
      id: 'check-extensions',
      title: 'Try once with your VPN, proxy or spoofing extensions turned off.',
      why: sentences(
        `${extensions.length === 1 ? 'One extension' : `${extensions.length} extensions`} can get your browser refused`,
        'A private window with extensions off tells in one try whether they are the cause',
      ),
    });
  }
  return steps;
}
