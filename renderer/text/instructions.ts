/**
 * What the user does by hand, in the words of the program they click in: per browser, per VPN client and
 * per operating system. Data, chosen by what Access Doctor found; every lookup has a general answer, so an
 * unknown browser or client still gets an instruction, never an empty one.
 *
 * The main process already names the exact page (`chrome://extensions`, `about:preferences#privacy`) in
 * each extension's and setting's `where`, and the VPN's by-hand message: these tables add only the menu
 * path to that page and the clicks in the VPN app, and repeat neither.
 */
import type { BrowserId, ProfileBlockingSetting, TunnelInterface } from '../../shared/model';
import { sentence } from '../../shared/text';
import { en } from './en';

export type Os = 'windows' | 'macos' | 'linux' | 'other';

/** AppInfo.os is `process.platform` and the release (`win32 10.0.22631`, `darwin 23.1.0`, `linux 6.1.0`). */
export function osFrom(os: string | null | undefined): Os {
  const platform = (os ?? '').trim().split(' ')[0];
  if (platform === 'win32') return 'windows';
  if (platform === 'darwin') return 'macos';
  if (platform === 'linux') return 'linux';
  return 'other';
}

// ---------------------------------------------------------------------------------------------
// Browsers.

/** Where the list of extensions is, through the browser's own menu. */
const EXTENSIONS_MENU: Record<BrowserId, string> = {
  chrome: '⋮ menu › Extensions › Manage Extensions',
  chromium: '⋮ menu › Extensions › Manage Extensions',
  edge: '… menu › Extensions › Manage extensions',
  brave: '☰ menu › Extensions',
  vivaldi: 'Vivaldi menu › Tools › Extensions',
  opera: 'O menu › Extensions › Extensions',
  firefox: '☰ menu › Add-ons and themes › Extensions',
};

const GENERAL_EXTENSIONS =
  "open the browser's menu, choose Extensions (or Add-ons) and turn the extension's switch off";

type Setting = ProfileBlockingSetting['setting'];
type SettingMenus = Partial<Record<Setting | 'site', string>>;

/** Chrome's layout, which Chromium and Opera share. */
const CHROME_SETTINGS: SettingMenus = {
  cookies: 'Settings › Privacy and security › Site settings › Additional content settings › On-device site data',
  javascript: 'Settings › Privacy and security › Site settings › JavaScript',
  'third-party-cookies': 'Settings › Privacy and security › Third-party cookies',
  site: 'Settings › Privacy and security › Site settings › View permissions and data stored across sites, then the site',
};

/** Where each setting that breaks a site's check is changed, through the browser's menus. */
const SETTINGS_MENU: Record<BrowserId, SettingMenus> = {
  chrome: CHROME_SETTINGS,
  chromium: CHROME_SETTINGS,
  opera: {
    cookies: 'Settings › Privacy & security › Site settings › Additional content settings › On-device site data',
    javascript: 'Settings › Privacy & security › Site settings › JavaScript',
    'third-party-cookies': 'Settings › Privacy & security › Third-party cookies',
    site: 'Settings › Privacy & security › Site settings › View permissions and data stored across sites, then the site',
  },
  edge: {
    cookies: 'Settings › Cookies and site permissions › Manage and delete cookies and site data',
    javascript: 'Settings › Cookies and site permissions › JavaScript',
    'third-party-cookies': 'Settings › Cookies and site permissions › Manage and delete cookies and site data',
    site: 'Settings › Cookies and site permissions › All sites, then the site',
  },
  brave: {
    cookies:
      'Settings › Privacy and security › Site and Shields Settings › Additional content settings › On-device site data',
    javascript: 'Settings › Privacy and security › Site and Shields Settings › JavaScript',
    'third-party-cookies': 'Settings › Privacy and security › Third-party cookies',
    site: 'Settings › Privacy and security › Site and Shields Settings › View permissions and data stored across sites, then the site',
  },
  vivaldi: {
    cookies: 'Settings › Privacy and Security › Cookies',
    javascript: 'Settings › Privacy and Security › Website Permissions › JavaScript',
    'third-party-cookies': 'Settings › Privacy and Security › Cookies',
    site: 'Settings › Privacy and Security › Website Permissions, then the site',
  },
  firefox: {
    cookies: 'Settings › Privacy & Security › Enhanced Tracking Protection › Custom › Cookies',
    'third-party-cookies': 'Settings › Privacy & Security › Enhanced Tracking Protection › Custom › Cookies',
    site: 'Settings › Privacy & Security › Cookies and Site Data › Manage Exceptions',
    javascript: 'type about:config in the address bar, search for javascript.enabled and set it to true',
    'user-agent': 'type about:config in the address bar, search for general.useragent.override and delete it',
    fingerprinting: 'type about:config in the address bar, search for privacy.resistFingerprinting and set it to false',
  },
};

const GENERAL_SETTING: Record<Setting, string> = {
  cookies: "open the browser's settings and search for cookies",
  'third-party-cookies': "open the browser's settings and search for third-party cookies",
  javascript: "open the browser's settings and search for JavaScript",
  'user-agent': "open the browser's settings and undo any change to the browser identity (user agent)",
  fingerprinting: "open the browser's settings and turn fingerprinting resistance off",
};

function isBrowserId(browser: string): browser is BrowserId {
  return Object.hasOwn(EXTENSIONS_MENU, browser);
}

/** How to reach the extensions list in this browser; a general way for a browser not in the table. */
export function extensionsMenu(browser: string, browserName: string): string {
  return en.browsers.menuPath(browserName, isBrowserId(browser) ? EXTENSIONS_MENU[browser] : GENERAL_EXTENSIONS);
}

/** How to reach a blocking setting in this browser (a site's own exception, or the default for all sites). */
export function settingMenu(
  browser: string,
  browserName: string,
  setting: Setting,
  scope: ProfileBlockingSetting['scope'],
): string {
  const menus = isBrowserId(browser) ? SETTINGS_MENU[browser] : {};
  // A site's own exception for JavaScript or cookies is changed on the site's page; the rest where they are.
  const own = scope === 'site' && (setting === 'cookies' || setting === 'javascript') ? menus.site : undefined;
  return en.browsers.menuPath(browserName, own ?? menus[setting] ?? GENERAL_SETTING[setting]);
}

// ---------------------------------------------------------------------------------------------
// VPN.

/** The clicks in each VPN app (by the client the tunnel's name points to, as shared/model names it). */
const VPN_APP: Record<string, string> = {
  NordVPN: 'Open the NordVPN app and click Disconnect on its home screen (or Pause, to have it come back by itself).',
  'Proton VPN': 'Open the Proton VPN app and click Disconnect at the top of its window.',
  'Cloudflare WARP':
    'Click the Cloudflare WARP icon (next to the clock, or in the menu bar on a Mac) and turn the big switch off.',
  Tailscale:
    'Click the Tailscale icon, open Exit nodes and choose None: only an exit node sends all your traffic through Tailscale.',
  'Mullvad VPN': 'Open the Mullvad VPN app and click Disconnect.',
  OpenVPN: 'Open OpenVPN Connect (or the OpenVPN GUI icon next to the clock) and turn off the connected profile.',
  WireGuard: 'Open the WireGuard app, select the tunnel and click Deactivate.',
  ZeroTier: 'Click the ZeroTier icon and turn off the network that routes all traffic (Allow Default Route).',
  GlobalProtect: 'Click the GlobalProtect icon next to the clock and click Disconnect.',
  'Cisco Secure Client': 'Open Cisco Secure Client and click Disconnect.',
};

/** The operating system's own VPN switches: for connections set up there, or as the way to check. */
const VPN_OS: Record<Os, string> = {
  windows: 'Or open Settings › Network & internet › VPN, select the connection and click Disconnect.',
  macos: 'Or open System Settings › VPN and turn the connection’s switch off.',
  linux: 'Or open Settings › Network (GNOME) and turn the VPN’s switch off, or click the network icon in the top bar.',
  other: 'Or turn the VPN off in the system’s network settings.',
};

const GENERAL_VPN_APP = 'Open the VPN app that set up the connection and click Disconnect (or turn its switch off).';

/** What to click to disconnect this tunnel by hand: the app first (where known), then the system's settings. */
export function vpnSteps(tunnel: Pick<TunnelInterface, 'client'> | null, os: Os): string[] {
  const app = tunnel?.client ? VPN_APP[tunnel.client] : undefined;
  return [sentence(app ?? GENERAL_VPN_APP), sentence(VPN_OS[os])];
}

// ---------------------------------------------------------------------------------------------
// Router.

/** The restart by hand when no router answered: what to unplug, how long, and what to wait for. */
export function powerCycleSteps(unplugSeconds: number): string[] {
  return [
    // A restart takes longer than a reconnect over UPnP; the main process's guide says the same.
    'This drops the internet connection for everyone on your network for a few minutes.',
    'Pull the power plug of your router (with a separate modem, unplug the modem too).',
    `Leave it unplugged for at least ${unplugSeconds} second${unplugSeconds === 1 ? '' : 's'}, so your provider ends the old session.`,
    'Plug it back in and wait until its internet light is steady again.',
  ];
}
