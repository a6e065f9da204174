import { describe, expect, it, vi } from 'vitest';

// tray.ts imports Menu and Tray at runtime; trayMenu itself is pure.
vi.mock('electron', () => ({ Menu: {}, Tray: class {} }));
const { trayMenu } = await import('../../../electron/tray');

function actions() {
  const calls: string[] = [];
  return {
    calls,
    open: () => void calls.push('open'),
    checkNow: () => void calls.push('checkNow'),
    quit: () => void calls.push('quit'),
  };
}

describe('trayMenu', () => {
  it('offers Open, Check now and Quit when idle, each wired to its action', () => {
    const a = actions();
    const menu = trayMenu({ scanning: false }, a);
    expect(menu.map((i) => [i.label, i.enabled, i.type ?? 'item'])).toEqual([
      ['Open Access Doctor', true, 'item'],
      ['Check now', true, 'item'],
      ['', false, 'separator'],
      ['Quit', true, 'item'],
    ]);
    for (const item of menu) item.click?.();
    expect(a.calls).toEqual(['open', 'checkNow', 'quit']);
  });

  it('disables Check now while a scan runs', () => {
    const menu = trayMenu({ scanning: true }, actions());
    expect(menu[1]).toMatchObject({ label: 'Checking…', enabled: false });
    expect(menu[0]?.enabled).toBe(true);
    expect(menu[3]?.enabled).toBe(true);
  });
});
