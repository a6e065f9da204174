/**
 * Which browser extensions can get a visitor refused by a site's firewall, and why. Data plus one linear
 * keyword matcher; no I/O.
 *
 * - `vpn-proxy`: sends the browser's traffic out through another address, often a data centre a site refuses.
 * - `ua-spoof`: changes what the browser says it is (user agent, canvas, fingerprint), which bot checks distrust.
 * - `blocker`: blocks scripts or requests, and can stop a site's security check from running.
 * - `privacy`: clears or strips cookies and parameters, so a passed check is forgotten.
 */

export type ExtensionRisk = 'vpn-proxy' | 'ua-spoof' | 'blocker' | 'privacy';

/** Well-known ids, Chrome Web Store ids and Firefox add-on ids alike. */
export const RISKY_EXTENSION_IDS: Readonly<Record<string, ExtensionRisk>> = {
  // Blockers.
  cjpalhdlnbpafiamejdnhcphjbkeiagm: 'blocker', // uBlock Origin
  'uBlock0@raymondhill.net': 'blocker',
  ddkjiahejlhfcafbddmgiahcphecmpfh: 'blocker', // uBlock Origin Lite
  gighmmpiobklfepjocnamgkkbiglidom: 'blocker', // AdBlock
  'jid1-NIfFY2CA8fy1tg@jetpack': 'blocker',
  cfhdojbkjhnklbpkdaibdccddilifddb: 'blocker', // Adblock Plus
  '{d10d0bf8-f5b5-c8b4-a8b2-2b9879e08c5d}': 'blocker',
  bgnkhhnnamicmpeenaelnjfhikgbkllg: 'blocker', // AdGuard AdBlocker
  'adguardadblocker@adguard.com': 'blocker',
  mlomiejdfkolichcflejclcbmpeaniij: 'blocker', // Ghostery
  'firefox@ghostery.com': 'blocker',
  doojmbjmlfjjnbmnoijecmcbfeoakpjm: 'blocker', // NoScript
  '{73a6fe31-595d-460b-a920-fcc0f8843232}': 'blocker',
  oiigbmnaadbkfbmpbfijlflahbdbdgdf: 'blocker', // ScriptSafe
  // Privacy.
  pkehgijcmpdhfbdbbnkijodmdjhbjlgp: 'privacy', // Privacy Badger
  'jid1-MnnxcxisBPnSXQ@jetpack': 'privacy',
  fhcgjolkccmbidfldomjliifgaodjagh: 'privacy', // Cookie AutoDelete
  'CookieAutoDelete@kennydo.com': 'privacy',
  ldpochfccmkkmhdbclfhpagapcfdljkj: 'privacy', // Decentraleyes
  'jid1-BoFifL9Vbdl2zQ@jetpack': 'privacy',
  lckanjgmijmafbedllaakclkaicjfmnk: 'privacy', // ClearURLs
  '{74145f27-f039-47ce-a470-a662b129930a}': 'privacy',
  bkdgflcldnnnapblkhphbgpggdiikppg: 'privacy', // DuckDuckGo Privacy Essentials
  'jid1-ZAdIEUB7XOzOJw@jetpack': 'privacy',
  jeoacafpbcihiomhlakheieifhpjdfeo: 'privacy', // Disconnect
  // Identity spoofing.
  'CanvasBlocker@kkapsner.de': 'ua-spoof',
  bhchdcejhohfmigjafbampogmaanbfkg: 'ua-spoof', // User-Agent Switcher and Manager
  '{a6c4a591-f1b2-4f03-b3ff-767e5bedf4e7}': 'ua-spoof',
  djflhoibgkdhkhhcedjiklpkjnoahfmg: 'ua-spoof', // User-Agent Switcher for Chrome
  einpaelgookohagofgnnkcfjbkkgepnp: 'ua-spoof', // Random User-Agent
  '{3579f63b-d8ee-424f-bbb6-6d0ce3285e6a}': 'ua-spoof', // Chameleon
  // VPNs and proxies.
  gkojfkhlekighikafcpjkiklfbnlmeio: 'vpn-proxy', // Hola VPN
  hnmpcagpplmpfojmgmnngilcnanddlhb: 'vpn-proxy', // Windscribe
  '@windscribeff': 'vpn-proxy',
  jplgfhpmjnbigmhklmmbgecoobifkmpa: 'vpn-proxy', // Proton VPN
  'vpn@proton.ch': 'vpn-proxy',
  omghfjlpggmjjaagoclmmobgdodcjboh: 'vpn-proxy', // Browsec
  'browsec@browsec.com': 'vpn-proxy',
  bihmplhobchoageeokmgbdihknkjbknd: 'vpn-proxy', // Touch VPN
  fdcgdnkidjaadafnichfpabhfomcebme: 'vpn-proxy', // ZenMate
  eppiocemhmnlbhjplcgkofciiegomcon: 'vpn-proxy', // Urban VPN
  oofgbpoabipfcfjapgnbbjjaenockbdp: 'vpn-proxy', // SetupVPN
  nlbejmccbhkncgokjcmghpfloaajcffj: 'vpn-proxy', // Hotspot Shield
  fjoaledfpmneenckfbpdfhkmimnjocfa: 'vpn-proxy', // NordVPN
  fgddmllnllkalaagkghckoinaemmogpe: 'vpn-proxy', // ExpressVPN
  padekgcemlokbadohgkifijomclgjgif: 'vpn-proxy', // Proxy SwitchyOmega
  'switchyomega@feliscatus.addons.mozilla.org': 'vpn-proxy',
  gcknhkkoolaabfmlnjonogaaifnjlfnp: 'vpn-proxy', // FoxyProxy
  'foxyproxy@eric.h.jung': 'vpn-proxy',
};

/**
 * Name keywords, as sequences of whole words (lower case, letters and digits only). A name matches when
 * the words appear next to each other in it; `VPN` also matches as the end of a word (`NordVPN`).
 */
export const RISKY_NAME_KEYWORDS: readonly { words: readonly string[]; risk: ExtensionRisk }[] = [
  { words: ['vpn'], risk: 'vpn-proxy' },
  { words: ['proxy'], risk: 'vpn-proxy' },
  { words: ['proxies'], risk: 'vpn-proxy' },
  { words: ['foxyproxy'], risk: 'vpn-proxy' },
  { words: ['switchyomega'], risk: 'vpn-proxy' },
  { words: ['user', 'agent'], risk: 'ua-spoof' },
  { words: ['useragent'], risk: 'ua-spoof' },
  { words: ['ua', 'switcher'], risk: 'ua-spoof' },
  { words: ['fingerprint'], risk: 'ua-spoof' },
  { words: ['fingerprinting'], risk: 'ua-spoof' },
  { words: ['anti', 'fingerprint'], risk: 'ua-spoof' },
  { words: ['canvas', 'blocker'], risk: 'ua-spoof' },
  { words: ['canvasblocker'], risk: 'ua-spoof' },
  { words: ['canvas', 'defender'], risk: 'ua-spoof' },
  { words: ['ublock'], risk: 'blocker' },
  { words: ['adblock'], risk: 'blocker' },
  { words: ['adblocker'], risk: 'blocker' },
  { words: ['ad', 'blocker'], risk: 'blocker' },
  { words: ['ad', 'block'], risk: 'blocker' },
  { words: ['adguard'], risk: 'blocker' },
  { words: ['ghostery'], risk: 'blocker' },
  { words: ['noscript'], risk: 'blocker' },
  { words: ['scriptsafe'], risk: 'blocker' },
  { words: ['script', 'blocker'], risk: 'blocker' },
  { words: ['umatrix'], risk: 'blocker' },
  { words: ['privacy', 'badger'], risk: 'privacy' },
  { words: ['cookie', 'autodelete'], risk: 'privacy' },
  { words: ['cookie', 'auto', 'delete'], risk: 'privacy' },
  { words: ['decentraleyes'], risk: 'privacy' },
  { words: ['localcdn'], risk: 'privacy' },
  { words: ['clearurls'], risk: 'privacy' },
  { words: ['privacy'], risk: 'privacy' },
];

/** When a name matches several kinds, the one most likely to get a visitor refused wins. */
const PRIORITY: readonly ExtensionRisk[] = ['vpn-proxy', 'ua-spoof', 'blocker', 'privacy'];

/** Only the start of a name is looked at; real names are short, hostile ones are not. */
const MAX_NAME_CHARS = 256;

/** Phrases indexed by their first word, so each word of a name is looked up once. */
const BY_FIRST_WORD: ReadonlyMap<string, readonly { words: readonly string[]; risk: ExtensionRisk }[]> = (() => {
  const map = new Map<string, { words: readonly string[]; risk: ExtensionRisk }[]>();
  for (const keyword of RISKY_NAME_KEYWORDS) {
    const first = keyword.words[0];
    if (first === undefined) continue;
    const list = map.get(first) ?? [];
    list.push(keyword);
    map.set(first, list);
  }
  return map;
})();

const IDS_LOWER: ReadonlyMap<string, ExtensionRisk> = new Map(
  Object.entries(RISKY_EXTENSION_IDS).map(([id, risk]) => [id.toLowerCase(), risk]),
);

/** Splits a name into lower-case words of letters and digits, in one pass. */
export function nameWords(name: string): string[] {
  const words: string[] = [];
  let current = '';
  const text = name.slice(0, MAX_NAME_CHARS).toLowerCase();
  for (const ch of text) {
    if (/^[\p{L}\p{N}]$/u.test(ch)) current += ch;
    else if (current !== '') {
      words.push(current);
      current = '';
    }
  }
  if (current !== '') words.push(current);
  return words;
}

/** The risk a name's keywords suggest, or null. Linear in the name's length (phrases are a few words). */
export function riskFromName(name: string): ExtensionRisk | null {
  const words = nameWords(name);
  let best: ExtensionRisk | null = null;
  const better = (risk: ExtensionRisk): void => {
    if (best === null || PRIORITY.indexOf(risk) < PRIORITY.indexOf(best)) best = risk;
  };
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    if (word.length > 3 && word.endsWith('vpn')) better('vpn-proxy');
    for (const phrase of BY_FIRST_WORD.get(word) ?? []) {
      let all = true;
      for (let k = 1; k < phrase.words.length; k++) {
        if (words[i + k] !== phrase.words[k]) {
          all = false;
          break;
        }
      }
      if (all) better(phrase.risk);
    }
  }
  return best;
}

/** The risk of an extension: its id when it is a known one, else its name. */
export function extensionRisk(id: string, name: string): ExtensionRisk | null {
  return IDS_LOWER.get(id.toLowerCase()) ?? riskFromName(name);
}
