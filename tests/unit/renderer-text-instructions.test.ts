import { describe, expect, it } from 'vitest';
import { extensionsMenu, osFrom, powerCycleSteps, settingMenu, vpnSteps } from '../../renderer/text/instructions';
import type { BrowserId, ProfileBlockingSetting } from '../../shared/model';
import { followsSentenceRule } from '../../shared/text';

const BROWSERS: [BrowserId, string][] = [
  ['chrome', 'Google Chrome'],
  ['chromium', 'Chromium'],
  ['edge', 'Microsoft Edge'],
  ['brave', 'Brave'],
  ['vivaldi', 'Vivaldi'],
  ['opera', 'Opera'],
  ['firefox', 'Firefox'],
];
const SETTINGS: ProfileBlockingSetting['setting'][] = [
  'cookies',
  'javascript',
  'third-party-cookies',
  'user-agent',
  'fingerprinting',
];
const GENERAL_EXTENSIONS = extensionsMenu('some-new-browser', 'Some Browser');

describe('where the user turns an extension off', () => {
  it.each(BROWSERS)('%s gets its own menu path, named after the browser', (id, name) => {
    const menu = extensionsMenu(id, name);
    expect(followsSentenceRule(menu), menu).toBe(true);
    expect(menu.startsWith(`In ${name}: `)).toBe(true);
    expect(menu.replace(name, 'Some Browser')).not.toBe(GENERAL_EXTENSIONS);
  });

  it('names each browser’s own menu words', () => {
    expect(extensionsMenu('firefox', 'Firefox')).toContain('Add-ons and themes');
    expect(extensionsMenu('edge', 'Microsoft Edge')).toContain('Manage extensions');
    expect(extensionsMenu('vivaldi', 'Vivaldi')).toContain('Tools › Extensions');
    expect(extensionsMenu('chrome', 'Google Chrome')).toContain('Manage Extensions');
  });

  it('an unknown browser gets a general instruction, never an empty one', () => {
    expect(followsSentenceRule(GENERAL_EXTENSIONS), GENERAL_EXTENSIONS).toBe(true);
    expect(GENERAL_EXTENSIONS).toContain('Extensions (or Add-ons)');
    // A name that only looks like a key of the table's prototype is unknown too.
    expect(extensionsMenu('toString', 'X')).toBe(GENERAL_EXTENSIONS.replace('Some Browser', 'X'));
  });
});

describe('where the user changes a blocking setting', () => {
  it('every browser × setting × scope gives a whole sentence', () => {
    for (const [id, name] of [...BROWSERS, ['unknown', 'Other'] as const])
      for (const setting of SETTINGS)
        for (const scope of ['everywhere', 'site'] as const) {
          const menu = settingMenu(id, name, setting, scope);
          expect(followsSentenceRule(menu), `${id} ${setting} ${scope}: ${menu}`).toBe(true);
          expect(menu.length).toBeGreaterThan(`In ${name}: `.length + 10);
        }
  });

  it('each browser points to its own place', () => {
    expect(settingMenu('chrome', 'Google Chrome', 'javascript', 'everywhere')).toContain(
      'Privacy and security › Site settings › JavaScript',
    );
    expect(settingMenu('chrome', 'Google Chrome', 'third-party-cookies', 'everywhere')).toContain(
      'Privacy and security › Third-party cookies',
    );
    expect(settingMenu('edge', 'Microsoft Edge', 'javascript', 'everywhere')).toContain(
      'Cookies and site permissions › JavaScript',
    );
    expect(settingMenu('brave', 'Brave', 'javascript', 'everywhere')).toContain('Site and Shields Settings');
    expect(settingMenu('firefox', 'Firefox', 'javascript', 'everywhere')).toContain('javascript.enabled');
    expect(settingMenu('firefox', 'Firefox', 'fingerprinting', 'everywhere')).toContain('privacy.resistFingerprinting');
    expect(settingMenu('firefox', 'Firefox', 'cookies', 'everywhere')).toContain('Enhanced Tracking Protection');
  });

  it('a site’s own exception is changed on the site’s page, the default where all sites are set', () => {
    const site = settingMenu('chrome', 'Google Chrome', 'cookies', 'site');
    const everywhere = settingMenu('chrome', 'Google Chrome', 'cookies', 'everywhere');
    expect(site).toContain('then the site');
    expect(everywhere).not.toBe(site);
    expect(settingMenu('firefox', 'Firefox', 'cookies', 'site')).toContain('Manage Exceptions');
  });

  it('an unknown browser is told to search its settings for the setting', () => {
    expect(settingMenu('arc', 'Arc', 'javascript', 'everywhere')).toBe(
      "In Arc: open the browser's settings and search for JavaScript.",
    );
  });
});

describe('disconnecting a VPN by hand', () => {
  const CLIENTS = ['NordVPN', 'Proton VPN', 'Cloudflare WARP', 'Tailscale', 'Mullvad VPN', 'OpenVPN', 'WireGuard'];

  it.each(CLIENTS)('%s: the clicks in its own app first, then the OS settings', (client) => {
    const steps = vpnSteps({ client }, 'windows');
    expect(steps).toHaveLength(2);
    for (const s of steps) expect(followsSentenceRule(s), s).toBe(true);
    // Every client's own app is named (OpenVPN's is OpenVPN Connect).
    expect(steps[0]).toContain(client);
    expect(steps[0]).not.toBe(vpnSteps(null, 'windows')[0]);
  });

  it('each OS names its own settings', () => {
    expect(vpnSteps(null, 'windows')[1]).toContain('Settings › Network & internet › VPN');
    expect(vpnSteps(null, 'macos')[1]).toContain('System Settings › VPN');
    expect(vpnSteps(null, 'linux')[1]).toContain('Settings › Network');
    expect(new Set((['windows', 'macos', 'linux', 'other'] as const).map((os) => vpnSteps(null, os)[1])).size).toBe(4);
  });

  it('an unknown client or none gets a general instruction, never an empty one', () => {
    for (const tunnel of [null, { client: null }, { client: 'Brand New VPN' }]) {
      const steps = vpnSteps(tunnel, 'other');
      expect(steps).toHaveLength(2);
      for (const s of steps) expect(followsSentenceRule(s), s).toBe(true);
      expect(steps[0]).toContain('VPN app');
    }
  });

  it('reads the OS from the app info', () => {
    expect(osFrom('win32 10.0.22631')).toBe('windows');
    expect(osFrom('darwin 23.1.0')).toBe('macos');
    expect(osFrom('linux 6.1.0-13-amd64')).toBe('linux');
    expect(osFrom('freebsd 14.0')).toBe('other');
    expect(osFrom(undefined)).toBe('other');
  });
});

describe('restarting the router by hand', () => {
  it('says what to unplug and for how long, in whole sentences', () => {
    const steps = powerCycleSteps(30);
    for (const s of steps) expect(followsSentenceRule(s), s).toBe(true);
    expect(steps.join(' ')).toContain('Pull the power plug of your router');
    expect(steps.join(' ')).toContain('at least 30 seconds');
    expect(powerCycleSteps(1).join(' ')).toContain('at least 1 second,');
  });
});
