import { describe, expect, it } from 'vitest';
import {
  accessNotification,
  ipChangeNotification,
  keepRunningOnWindowClose,
  type TrayItem,
  trayIconState,
  trayModel,
} from '../../../electron/tray-model';
import type { WatchState } from '../../../shared/model';

const NOW = Date.parse('2025-01-01T12:00:00Z');
const state = (over: Partial<WatchState> = {}): WatchState => ({
  enabled: true,
  current: { v4: '198.51.100.23', v6: null },
  lastChange: {
    from: '198.51.100.9',
    to: '198.51.100.23',
    family: 4,
    at: '2025-01-01T11:55:00Z',
    source: 'router-event',
  },
  lastCheckedAt: '2025-01-01T11:59:00Z',
  routerMode: 'events',
  checking: false,
  offline: false,
  targets: [{ target: 'https://chatgpt.com/', verdict: 'ok', checkedAt: null, nextCheckAt: null }],
  ...over,
});
const labels = (items: TrayItem[]) => items.map((i) => (i.type === 'separator' ? '---' : i.label));

describe('tray model', () => {
  it('builds the menu from state: IP (copy), last change, check, open, toggles, quit', () => {
    const model = trayModel({ watch: state(), startAtLogin: false, now: NOW });
    expect(model.icon).toBe('reachable');
    expect(model.tooltip).toBe('Access Doctor — IP 198.51.100.23 — every site reachable');
    expect(labels(model.items)).toEqual([
      'Public IP: 198.51.100.23 (click to copy)',
      'Last change: 5 min ago (198.51.100.9 → 198.51.100.23)',
      '---',
      'Check now',
      'Open Access Doctor',
      '---',
      'Watch in background',
      'Start at login',
      '---',
      'Quit',
    ]);
    expect(model.items[0]).toMatchObject({ action: 'copyIp', copyText: '198.51.100.23', enabled: true });
    expect(model.items.find((i) => i.type === 'checkbox' && i.id === 'watch')).toMatchObject({ checked: true });
    expect(model.items.find((i) => i.type === 'checkbox' && i.id === 'login')).toMatchObject({ checked: false });
  });

  const target = (verdict: WatchState['targets'][number]['verdict']) => ({
    targets: [{ target: 'https://a.test/', verdict, checkedAt: null, nextCheckAt: null }],
  });
  it.each<[Partial<WatchState>, string]>([
    [{ offline: true }, 'offline'],
    [{ checking: true }, 'checking'],
    [target('blocked'), 'blocked'],
    [target('rate-limited'), 'blocked'],
    [target('unreachable'), 'blocked'],
    // A challenge is reachable for a person with a browser: the same predicate as the CLI's exit code.
    [target('challenge'), 'reachable'],
    [target('ok'), 'reachable'],
    [target(null), 'unknown'],
    [{ targets: [] }, 'unknown'],
  ])('icon for %j is %s', (over, icon) => {
    expect(trayIconState(state(over))).toBe(icon);
  });

  it('shows blocked targets, an unknown IP, a busy Check now and both addresses', () => {
    const model = trayModel({
      watch: state({
        current: { v4: null, v6: null },
        lastChange: null,
        checking: true,
        targets: [{ target: 'https://chatgpt.com/', verdict: 'blocked', checkedAt: null, nextCheckAt: null }],
      }),
      startAtLogin: true,
      now: NOW,
    });
    expect(model.tooltip).toBe('Access Doctor — IP unknown — checking…');
    expect(labels(model.items).slice(0, 4)).toEqual([
      'Public IP: unknown',
      'No change seen yet',
      'chatgpt.com: blocked',
      '---',
    ]);
    expect(model.items.find((i) => i.type === 'normal' && i.id === 'check')).toMatchObject({
      label: 'Checking…',
      enabled: false,
    });
    expect(model.items.find((i) => i.type === 'checkbox' && i.id === 'login')).toMatchObject({ checked: true });
    const both = trayModel({
      watch: state({ current: { v4: '198.51.100.23', v6: '2001:db8::1' } }),
      startAtLogin: false,
      now: NOW,
    });
    expect(both.items.filter((i) => i.type === 'normal' && i.action === 'copyIp')).toHaveLength(2);
  });

  it('keeps the tooltip within the 127 characters Windows allows', () => {
    const long = trayModel({
      watch: state({ current: { v4: null, v6: '2001:db8:1234:5678:9abc:def0:1234:5678' } }),
      startAtLogin: false,
      now: NOW,
    });
    expect(long.tooltip.length).toBeLessThanOrEqual(127);
  });

  it('words the notifications, and only notifies good news about access', () => {
    expect(ipChangeNotification(state().lastChange as NonNullable<WatchState['lastChange']>)).toEqual({
      title: 'Your public IP changed',
      body: '198.51.100.9 → 198.51.100.23',
      open: { view: 'watch' },
    });
    const result = { target: 'https://chatgpt.com/', verdict: 'ok' as const, viaCloudflare: true, elapsedMs: 1 };
    expect(accessNotification({ target: 'https://chatgpt.com/', from: 'blocked', to: 'ok', at: '', result })).toEqual({
      title: 'chatgpt.com is reachable again',
      body: 'Access Doctor saw it answer normally just now.',
      // A fresh scan: the last result on screen may still say "blocked".
      open: { view: 'scan', rescan: true },
    });
    // challenge → ok is reachable to reachable: no news worth a notification.
    expect(
      accessNotification({ target: 'https://chatgpt.com/', from: 'challenge', to: 'ok', at: '', result }),
    ).toBeNull();
    expect(accessNotification({ target: 'https://chatgpt.com/', from: null, to: 'ok', at: '', result })).toBeNull();
    expect(
      accessNotification({ target: 'https://chatgpt.com/', from: 'ok', to: 'blocked', at: '', result }),
    ).toBeNull();
    expect(keepRunningOnWindowClose({ enabled: true })).toBe(true);
    expect(keepRunningOnWindowClose({ enabled: false })).toBe(false);
  });
});
