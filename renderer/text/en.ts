/**
 * Every text the window shows on its own (headings, buttons, labels, hints, composed banners), in English.
 * One module so the app can be translated: a translation is another object of the same `UiText` shape.
 * Texts from the main process (findings, errors, progress) arrive already worded and are not here.
 * Texts with values are functions; messages are whole sentences joined by `sentences` (shared/text.ts).
 * Instructions the user follows by hand (per browser, VPN client, OS) are data in ./instructions.ts.
 */
import type { BackupEntry, CheckMark, Finding, FixStep, IpChange, ViewId, WatchState } from '../../shared/model';
import { sentences } from '../../shared/text';

export const en = {
  app: {
    name: 'Access Doctor',
    tagline: 'Fix “Access denied” errors',
    stepsNav: 'Steps',
    stepNav: 'Step navigation',
    back: (title: string) => `← Back to ${title}`,
    skip: (title: string) => `Skip to ${title} →`,
    tried: (result: string) => `Tried: ${result}`,
    unfinished: (count: number) =>
      count === 1
        ? 'A change Access Doctor started did not finish. Its backup is kept, so you can put it back.'
        : `${count} changes Access Doctor started did not finish. Their backups are kept, so you can put them back.`,
    openBackups: 'Open Backups',
    bridgeMissing: 'Access Doctor bridge missing: open the app, or the page served by `npm run harness`.',
    harnessSilent: 'The harness did not answer. Check that it is still running.',
  },

  /** The step list: a title and one line under it per step. */
  steps: {
    scan: { title: 'Scan', purpose: 'Find out what blocks you' },
    browsers: { title: 'Browsers', purpose: 'Cookies, extensions, settings' },
    vpn: { title: 'Network path', purpose: 'VPN or proxy in the way?' },
    router: { title: 'Reset router', purpose: 'Get a new public IP address' },
    watch: { title: 'Watch', purpose: 'Get told when it works again' },
    report: { title: 'Support report', purpose: 'When nothing worked' },
    backups: { title: 'Backups', purpose: 'Undo any change the app made' },
  } satisfies Record<ViewId, { title: string; purpose: string }>,

  common: {
    cancel: 'Cancel',
    readAgain: 'Read again',
    puttingBack: 'Putting back…',
    checking: 'Checking…',
    checkSiteAgain: 'Check the site again',
  },

  copy: {
    label: (what: string) => `Copy ${what}`,
    copy: 'Copy',
    copied: 'Copied',
    failed: 'Select & copy',
    publicIp: 'public IP',
    address: 'address',
    report: 'report',
  },

  link: { openByHand: 'Open this address in your browser:' },

  checks: {
    list: 'Checks',
    running: 'Checking…',
    mark: {
      fine: { icon: '✓', text: 'Fine' },
      problem: { icon: '!', text: 'Problem' },
      unavailable: { icon: '–', text: 'Not available' },
    } satisfies Record<CheckMark, { icon: string; text: string }>,
    elapsed: (ms: number) => ` · ${ms} ms`,
  },

  countdown: {
    over: 'The wait is over: checking the site again…',
    left: (wait: string) => `${wait} left, then Access Doctor checks again.`,
  },

  finding: {
    severity: {
      problem: 'Problem',
      warning: 'Warning',
      info: 'Info',
      good: 'OK',
    } satisfies Record<Finding['severity'], string>,
  },

  plan: {
    title: 'What to try next',
    // An outage the plan puts first is the answer: the steps after it only matter once it is over.
    notYou: (others: number) =>
      sentences(
        'It’s not you: the service itself reports an outage, so the first thing is to wait for it to recover',
        others > 0 && 'The other steps are optional; try them if the site still refuses you once it is over',
      ),
    optional: 'Optional.',
    button: {
      scan: 'Scan again',
      router: 'Open Reset router',
      watch: 'Open Watch',
      backups: 'Open Backups',
      vpn: 'Open Network path',
      browsers: 'Open Browsers',
      report: 'Open the support report',
    } satisfies Record<NonNullable<FixStep['view']>, string>,
  },

  ipBadge: {
    ip: (ip: string) => `Public IP ${ip}`,
    checking: 'Public IP: checking…',
    unknown: 'Public IP unknown',
    mode: { offline: 'offline', watching: 'watching', 'not-watching': 'not watching' },
  },

  sites: {
    form: 'Sites to check',
    remove: 'Remove',
    removeSite: (site: string) => `Remove ${site}`,
    add: 'Add a site',
    addButton: 'Add',
    placeholder: 'chatgpt.com',
    saving: 'Saving…',
    save: 'Save sites',
  },

  scan: {
    /** "the site", "chatgpt.com" or "chatgpt.com, openai.com or example.com". */
    siteList: (sites: string[]) =>
      sites.length === 0
        ? 'the site'
        : sites.length === 1
          ? (sites[0] ?? 'the site')
          : `${sites.slice(0, -1).join(', ')} or ${sites.at(-1)}`,
    title: (sites: string) => `Why can't I open ${sites}?`,
    lead: "Access Doctor checks your public IP address, the site itself and the service's status page at the same time.",
    scanning: 'Scanning…',
    scan: 'Scan',
    scanAgain: 'Scan again',
    changeSites: 'Change sites',
    progress: 'Scan progress',
    failed: (message: string) => sentences('The scan could not run', message),
    triedScan: 'Scan',
  },

  verdict: {
    fixed: 'Done: it works now.',
    fixedBy: (steps: string[]) => `What fixed it: ${steps.join(', then ')}. Keep this in mind if the block comes back.`,
    stillBlocked: (steps: string[]) => `Still not working after: ${steps.join(', ')}.`,
    nextStep: 'The next step below is the one to try now; when none is left, send the support report.',
    openReport: 'Open the support report',
  },

  browsers: {
    title: 'Your browsers',
    lead: "A stale sign-in, an extension or a blocked setting can keep a site refusing you. Access Doctor reads every browser profile; it changes only the site's cookies, after asking, and keeps a backup.",
    reading: 'Reading your browser profiles…',
    theSite: 'the site',
    sitesJoined: (sites: string[]) => sites.join(' and '),
    undone: (backupId: string) => `The cookies are back as they were (backup ${backupId}).`,
    cleared: (count: number, sites: string[], profile: string, backupId: string) =>
      `Removed ${count} cookies of ${sites.join(', ')} from ${profile}. The old file is kept as backup ${backupId}.`,
    undo: 'Undo',
    noProfiles: (site: string) =>
      `No browser profile was found for this user. If you use a portable browser, clear ${site}'s cookies in its settings.`,
    profiles: 'Browser profiles',
    profile: (browserName: string, name: string) => `${browserName} — ${name}`,
    cookies: (count: number | null, sites: string, browserName: string, running: boolean, note?: string) =>
      sentences(
        count === null ? 'Cookies could not be counted.' : `${count} cookies of ${sites}.`,
        running && `${browserName} is running: close it to clear them.`,
        note,
      ),
    localStorage: (items: number) =>
      `${items === 1 ? '1 Local Storage item' : `${items} Local Storage items`} of the site, cleared with the cookies.`,
    risk: {
      'vpn-proxy': 'is a VPN or proxy',
      'ua-spoof': 'changes how the browser identifies itself',
      blocker: 'blocks scripts or requests',
      privacy: 'clears cookies or strips parts of pages',
    },
    riskyExtension: (name: string, risk: string, where: string) =>
      `The extension “${name}” ${risk}: turn it off at ${where} to test.`,
    setting: {
      cookies: 'Cookies are',
      javascript: 'JavaScript is',
      'third-party-cookies': 'Third-party cookies are',
      'user-agent': 'The browser identity is changed and',
      fingerprinting: 'Fingerprinting resistance is on and',
    },
    blocking: (setting: string, sites: string[] | null, where: string) =>
      `${setting} blocked ${sites ? `for ${sites.join(', ')}` : 'everywhere'}: change it at ${where}.`,
    /** The menu path beside the page address, for those who prefer to click their way there. */
    menuPath: (browserName: string, path: string) => `In ${browserName}: ${path}.`,
    clearNow: 'Clear now',
    clearing: 'Clearing…',
    clear: 'Clear',
    clearLabel: (site: string, browserName: string, profile: string) =>
      `Clear ${site}'s cookies in ${browserName} (${profile})`,
    confirm: (site: string, browserName: string, profile: string) =>
      `Access Doctor saves the cookie file first, then removes only ${site}'s cookies from ${browserName} (${profile}). You will be signed out of ${site} there.`,
    privateTitle: 'Private-window test',
    privateLead:
      "A private window starts without your cookies and extensions: if the site loads there, your browser's state is the cause.",
    opening: 'Opening…',
    tryPrivate: (name: string) => `Try a private window (${name})`,
    privateQuestion: (site: string) => `Did ${site} load in the private window?`,
    yes: 'Yes',
    no: 'No',
    causeBrowser:
      "So your browser's cookies or extensions are the cause: clear the site's data or turn the extensions off.",
    causeNetwork: "So the block is not about this browser's state: try the network path or the router.",
    checkNetworkPath: 'Check the network path',
    triedClear: (browserName: string, profile: string) => `Clear the site's cookies in ${browserName} (${profile})`,
    triedClearResult: (count: number, backupId: string) => `Removed ${count} cookies; backup ${backupId}.`,
    triedUndo: 'Put the cookies back',
    triedUndoResult: (backupId: string) => `Backup ${backupId} was put back.`,
    triedPrivate: 'Private window test',
    triedPrivateResult: (site: string, browserName: string, loaded: boolean) =>
      loaded
        ? `${site} loaded in a private ${browserName} window, so the browser's cookies or extensions are the cause.`
        : `${site} did not load in a private ${browserName} window either, so the block is not about this browser's state.`,
  },

  vpn: {
    title: 'Your network path',
    lead: 'Sites often block the exits of VPNs and proxies. Access Doctor asks this computer which connection carries your traffic, and can disconnect the VPN for one test.',
    reading: 'Reading your network path…',
    viaTunnel: (tunnel: string) => `Your traffic leaves through ${tunnel}, a VPN. Sites often block VPN exits.`,
    unknownPath: (reason?: string) =>
      sentences('Access Doctor could not tell which connection carries your traffic', reason),
    direct: (iface: string | null) => `Your traffic leaves through ${iface ?? 'your normal connection'}, not a VPN.`,
    confirm: 'Your traffic will go out without the VPN until you reconnect it here or in the VPN app. Continue?',
    disconnectNow: 'Disconnect now',
    disconnecting: 'Disconnecting…',
    disconnect: 'Disconnect the VPN',
    reconnecting: 'Reconnecting…',
    reconnect: 'Reconnect the VPN',
    byHandTitle: 'Disconnect it by hand',
    /** `toldAlready`: the disconnect's own answer above says Access Doctor cannot; not said twice. */
    byHandLead: (tunnel: string, toldAlready: boolean) =>
      sentences(
        !toldAlready && `Access Doctor cannot disconnect ${tunnel} itself`,
        'Turn it off for one test, then check the site again',
      ),
    triedDisconnect: 'Disconnect the VPN',
    triedReconnect: 'Reconnect the VPN',
  },

  proxy: {
    title: 'System proxy',
    reading: 'Reading the proxy settings…',
    pac: (url: string) => `a proxy script at ${url}`,
    autoDiscovery: 'automatic proxy discovery',
    server: (hostPort: string) => `the proxy ${hostPort}`,
    someProxy: 'a proxy',
    none: 'No system proxy is set: your connection goes to sites directly.',
    active: (reports: { where: string; proxy: string }[], readOnly: boolean) =>
      sentences(
        ...reports.map((r) => `The setting in ${r.where} sends your traffic through ${r.proxy}.`),
        readOnly && 'Access Doctor only reports proxy variables set in your shell or system files; remove them there.',
      ),
    confirm:
      'Access Doctor saves the current setting first, then turns the proxy off. You can put it back here. Continue?',
    turnOffNow: 'Turn it off',
    turningOff: 'Turning off…',
    tryWithout: 'Try without the proxy',
    putBack: 'Put the proxy back',
    triedOff: 'Turn the system proxy off',
    triedOffResult: (backupId: string) => `Turned off; the old setting is backup ${backupId}.`,
    triedRestore: 'Put the system proxy back',
    triedRestoreResult: 'The previous proxy setting is back.',
  },

  router: {
    title: 'Get a new public IP address',
    lead: 'Most home connections get a new public address when the router reconnects. Access Doctor can ask the router to do that, and watches until the new address is there.',
    looking: 'Looking for your router…',
    lookingShort: 'Looking…',
    lookAgain: 'Look for the router again',
    reset: 'Reset router',
    checkAgain: 'Check again',
    warning: 'This drops the internet connection for everyone on your network for up to a minute or two.',
    confirm: (warning: string) => `${warning} Continue?`,
    resetNow: 'Reset now',
    progress: 'Router reset progress',
    starting: 'Starting…',
    newIp: (oldIp: string | null, newIp: string | null, seconds: string) =>
      `New public IP: ${oldIp ?? 'unknown'} → ${newIp} (${seconds} s).`,
    sameIp: (ip: string | null) =>
      `The router reconnected, but your provider gave back the same address (${ip ?? 'unknown'}).`,
    none: (reason: string) =>
      sentences(`No router answered over UPnP: ${reason}`, 'You can still restart it by hand below'),
    yourRouter: 'Your router',
    badge: 'Router',
    at: (name: string, address: string) => `${name} at ${address}`,
    link: 'Internet link',
    unknown: 'unknown',
    wanIp: 'Router WAN IP',
    notReported: 'not reported',
    publicIp: 'Public IP sites see',
    remoteReconnect: 'Remote reconnect',
    reconnect: { offered: 'offered', 'not-offered': 'not offered', unknown: 'unknown' },
    triedReset: 'Reset the router',
    triedResetResult: (ipChanged: boolean) =>
      `Reconnected; the public IP ${ipChanged ? 'changed' : 'stayed the same'}.`,
    triedPowerCycle: 'Restart the router by hand',
  },

  powerCycle: {
    title: 'Restart the router by hand',
    waiting: 'Waiting for the connection to drop…',
    seconds: (s: number) => `${s} s`,
    stop: 'Stop watching',
    start: "I'm ready: watch for the new address",
  },

  watch: {
    title: 'Watch and notify',
    lead: 'Access Doctor can keep watching from the tray: it tells you when your public IP changes and when a blocked site is reachable again.',
    toggle: 'Watch in background',
    checkNow: 'Check now',
    checkingAll: 'Checking your public IP and the sites…',
    lastChecked: (time: string) => `Last checked ${time}.`,
    notYet: 'Not checked yet.',
    turnOn: 'Turn on Watch in background to check.',
    publicIp: 'Public IP',
    ipNotKnown: 'not known yet',
    off: 'watch is off',
    router: 'Router',
    notChecked: 'not checked yet',
    changes: 'IP changes',
    noChange: 'No change seen yet.',
    history: 'IP changes, newest first',
    change: (family: number, from: string | null) => `IPv${family}: ${from ?? 'unknown'} → `,
    source: {
      'router-event': 'reported by your router',
      'router-poll': 'read from your router',
      echo: 'seen from outside',
    } satisfies Record<IpChange['source'], string>,
    routerMode: {
      events: 'tells us about changes at once',
      polling: 'asked every few seconds',
      none: 'not used (none found)',
    } satisfies Record<WatchState['routerMode'], string>,
  },

  report: {
    title: 'Support report',
    lead: 'When nothing worked, send this to the site’s help desk. It says what Access Doctor found and what you tried; nothing is sent by the app itself.',
    noScan: 'There is no scan to report yet. Scan first, then come back here.',
    scanNow: 'Scan now',
    leaveIpOut: 'Leave my IP address out',
    save: 'Save as a file',
    helpCenter: (site: string) => `Open ${site}'s help center`,
    preview: 'Preview',
    unknown: 'unknown',
  },

  backups: {
    title: 'Backups of what Access Doctor changed',
    lead: 'Before Access Doctor changes anything on this computer, it saves what was there. Each change can be put back here, also after a crash.',
    reading: 'Reading…',
    refresh: 'Refresh',
    empty: 'Access Doctor has not changed anything on this computer yet, so there is nothing to put back.',
    list: 'Backups, newest first',
    state: {
      open: 'did not finish',
      applied: 'applied',
      failed: 'failed and was undone',
      'rollback-failed': 'failed, and undoing it failed too',
      restored: 'restored',
      'restore-failed': 'partly restored',
    } satisfies Record<BackupEntry['state'], string>,
    files: (count: number, settings: boolean) => `${count} file(s)${settings ? ' and settings' : ''}`,
    errors: (...parts: (string | undefined)[]) => sentences(...parts),
    putBack: 'Put it back',
    restoring: 'Restoring…',
    restore: 'Restore',
    damaged: 'These backups are damaged and cannot be restored; their files are kept as they are:',
    restored: (id: string, savedAs?: string) =>
      sentences(
        `Backup ${id} was put back.`,
        savedAs && `The files as they were just before were saved as backup ${savedAs}, so this can be undone too.`,
      ),
  },
};

export type UiText = typeof en;
