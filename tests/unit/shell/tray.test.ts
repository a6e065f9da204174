import { describe, expect, it, vi } from 'vitest';
import type { WatchState } from '../../../shared/model';

// tray.ts is the Electron glue: a fake Tray and Menu record what it does with the model.
const calls: { method: string; arg: unknown }[] = [];
vi.mock('electron', () => ({
  Menu: { buildFromTemplate: (template: unknown) => ({ template }) },
  Tray: class {
    constructor(image: unknown) {
      calls.push({ method: 'new', arg: image });
    }
    on(event: string) {
      calls.push({ method: 'on', arg: event });
    }
    setImage(image: unknown) {
      calls.push({ method: 'setImage', arg: image });
    }
    setToolTip(text: string) {
      calls.push({ method: 'setToolTip', arg: text });
    }
    setContextMenu(menu: unknown) {
      calls.push({ method: 'setContextMenu', arg: menu });
    }
    destroy() {}
  },
}));
const { createTray } = await import('../../../electron/tray');
const { trayModel, trayTemplate } = await import('../../../electron/tray-model');

const watch: WatchState = {
  enabled: true,
  current: { v4: '198.51.100.23', v6: null },
  lastChange: null,
  lastCheckedAt: null,
  routerMode: 'none',
  checking: false,
  offline: false,
  targets: [{ target: 'https://chatgpt.com/', verdict: 'blocked' } as WatchState['targets'][number]],
};

describe('tray glue', () => {
  it('maps the model to a menu whose clicks run the item actions, checkboxes keep their state', () => {
    const model = trayModel({ watch, startAtLogin: false, now: Date.now() });
    const ran: string[] = [];
    const template = trayTemplate(model.items, (action, item) =>
      ran.push(`${action}:${'copyText' in item ? item.copyText : ''}`),
    );
    expect(template.length).toBe(model.items.length);
    const watchItem = template.find((t) => t.type === 'checkbox' && t.label === 'Watch in background');
    expect(watchItem).toMatchObject({ checked: true, enabled: true });
    for (const item of template) if (item.type !== 'separator') item.click?.();
    expect(ran).toContain('copyIp:198.51.100.23');
    expect(ran).toEqual(expect.arrayContaining(['checkNow:', 'open:', 'toggleWatch:', 'toggleStartAtLogin:', 'quit:']));
    // Disabled info rows (last change, blocked target) have no action.
    expect(ran.length).toBe(model.items.filter((i) => i.type !== 'separator' && i.action).length);
  });

  it('changes the icon only when the state changes, and always updates tooltip and menu', () => {
    calls.length = 0;
    const icons = { reachable: 'R', blocked: 'B', checking: 'C', offline: 'O', unknown: 'U' } as const;
    const tray = createTray(
      icons as never,
      () => undefined,
      () => undefined,
    );
    const blocked = trayModel({ watch, startAtLogin: false, now: Date.now() });
    tray.render(blocked);
    tray.render(blocked);
    const ok = trayModel({
      watch: { ...watch, targets: [{ ...watch.targets[0], verdict: 'ok' } as WatchState['targets'][number]] },
      startAtLogin: false,
      now: Date.now(),
    });
    tray.render(ok);
    expect(calls.filter((c) => c.method === 'setImage').map((c) => c.arg)).toEqual(['B', 'R']);
    expect(calls.filter((c) => c.method === 'setToolTip').length).toBe(3);
    expect(String(calls.find((c) => c.method === 'setToolTip')?.arg)).toContain('198.51.100.23');
    expect(calls[0]).toEqual({ method: 'new', arg: 'U' });
  });
});
