/**
 * The tray as data: icon state, tooltip and menu items are a pure function of the watch state, and
 * notifications a pure function of one (coalesced) change. Items carry action ids instead of
 * callbacks, so this file imports nothing from Electron and is unit-tested as is; electron/tray.ts maps
 * ids to handlers and items to `Menu.buildFromTemplate`.
 */
import type { PayloadOf } from '../shared/ipc';
import type { AccessChange, IpChange, WatchState } from '../shared/model';
import { host } from '../shared/text';
import { isReachable } from '../shared/verdict';

export type TrayIconState = 'reachable' | 'blocked' | 'checking' | 'offline' | 'unknown';

export type TrayAction = 'copyIp' | 'checkNow' | 'open' | 'toggleWatch' | 'toggleStartAtLogin' | 'quit';

export type TrayItem =
  | { type: 'separator' }
  | { type: 'normal'; id: string; label: string; enabled: boolean; action?: TrayAction; copyText?: string }
  | { type: 'checkbox'; id: string; label: string; enabled: boolean; checked: boolean; action: TrayAction };

export interface TrayModelInput {
  watch: WatchState;
  startAtLogin: boolean;
  /** For "5 min ago"; pass the clock so the function stays pure. */
  now: number;
}

export interface TrayModel {
  icon: TrayIconState;
  tooltip: string;
  items: TrayItem[];
}

export function trayIconState(watch: WatchState): TrayIconState {
  if (watch.offline) return 'offline';
  if (watch.checking) return 'checking';
  const verdicts = watch.targets.map((t) => t.verdict);
  if (verdicts.some((v) => v !== null && !isReachable(v))) return 'blocked';
  if (verdicts.length > 0 && verdicts.every((v) => isReachable(v))) return 'reachable';
  return 'unknown';
}

const ICON_TEXT: Record<TrayIconState, string> = {
  reachable: 'every site reachable',
  blocked: 'a site is blocked',
  checking: 'checking…',
  offline: 'offline',
  unknown: 'not checked yet',
};

export function ago(iso: string, now: number): string {
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (!Number.isFinite(seconds)) return 'unknown';
  if (seconds < 60) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} days ago`;
}

export function trayModel(input: TrayModelInput): TrayModel {
  const { watch } = input;
  const icon = trayIconState(watch);
  const ip = watch.current.v4 ?? watch.current.v6;
  const ips = [watch.current.v4, watch.current.v6].filter((x): x is string => Boolean(x));
  // Windows caps tooltips at 127 characters: keep it short.
  const tooltip = `Access Doctor — ${ip ? `IP ${ip}` : 'IP unknown'} — ${ICON_TEXT[icon]}`.slice(0, 127);

  const items: TrayItem[] = [];
  if (ips.length === 0) {
    items.push({ type: 'normal', id: 'ip', label: 'Public IP: unknown', enabled: false });
  } else {
    for (const address of ips) {
      items.push({
        type: 'normal',
        id: `ip-${address}`,
        label: `Public IP: ${address} (click to copy)`,
        enabled: true,
        action: 'copyIp',
        copyText: address,
      });
    }
  }
  const change = watch.lastChange;
  items.push({
    type: 'normal',
    id: 'last-change',
    label: change
      ? `Last change: ${ago(change.at, input.now)} (${change.from ?? '?'} → ${change.to})`
      : 'No change seen yet',
    enabled: false,
  });
  for (const t of watch.targets.filter((t) => t.verdict !== null && !isReachable(t.verdict)).slice(0, 3)) {
    items.push({
      type: 'normal',
      id: `target-${t.target}`,
      label: `${host(t.target)}: ${t.verdict}`,
      enabled: false,
    });
  }
  items.push({ type: 'separator' });
  const busy = icon === 'checking';
  items.push({
    type: 'normal',
    id: 'check',
    label: busy ? 'Checking…' : 'Check now',
    enabled: !busy,
    action: 'checkNow',
  });
  items.push({ type: 'normal', id: 'open', label: 'Open Access Doctor', enabled: true, action: 'open' });
  items.push({ type: 'separator' });
  items.push({
    type: 'checkbox',
    id: 'watch',
    label: 'Watch in background',
    enabled: true,
    checked: watch.enabled,
    action: 'toggleWatch',
  });
  items.push({
    type: 'checkbox',
    id: 'login',
    label: 'Start at login',
    enabled: true,
    checked: input.startAtLogin,
    action: 'toggleStartAtLogin',
  });
  items.push({ type: 'separator' });
  items.push({ type: 'normal', id: 'quit', label: 'Quit', enabled: true, action: 'quit' });
  return { icon, tooltip, items };
}

/** Closing the window keeps the app in the tray only while watching. */
export function keepRunningOnWindowClose(watch: Pick<WatchState, 'enabled'>): boolean {
  return watch.enabled;
}

export interface NotificationModel {
  title: string;
  body: string;
  /** What a click should open: a fresh scan (the old result would still say "blocked"), or the Watch view. */
  open: PayloadOf<'navigate'>;
}

export function ipChangeNotification(change: IpChange): NotificationModel {
  return {
    title: 'Your public IP changed',
    body: `${change.from ?? 'unknown'} → ${change.to}`,
    open: { view: 'watch' },
  };
}

/** Only good news is worth a notification here; getting blocked shows in the icon and the window. */
export function accessNotification(change: AccessChange): NotificationModel | null {
  if (!isReachable(change.to) || change.from === null || isReachable(change.from)) return null;
  return {
    title: `${host(change.target)} is reachable again`,
    body: 'Access Doctor saw it answer normally just now.',
    open: { view: 'scan', rescan: true },
  };
}

/** A menu entry in the shape `Menu.buildFromTemplate` takes, built without importing Electron. */
export type TrayTemplateItem =
  | { type: 'separator' }
  | { type: 'normal'; label: string; enabled: boolean; click?: () => void }
  | { type: 'checkbox'; label: string; enabled: boolean; checked: boolean; click: () => void };

/** Maps the model's items to a menu template; clicking runs `run(action, item)`. */
export function trayTemplate(
  items: TrayItem[],
  run: (action: TrayAction, item: Exclude<TrayItem, { type: 'separator' }>) => void,
): TrayTemplateItem[] {
  return items.map((item) => {
    if (item.type === 'separator') return { type: 'separator' };
    const action = item.action;
    const click = action ? () => run(action, item) : undefined;
    if (item.type === 'checkbox') {
      return {
        type: 'checkbox',
        label: item.label,
        enabled: item.enabled,
        checked: item.checked,
        click: () => click?.(),
      };
    }
    return { type: 'normal', label: item.label, enabled: item.enabled, click };
  });
}
