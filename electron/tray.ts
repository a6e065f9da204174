/** The tray: icon and menu. The menu is a pure function of state so it is unit-tested without Electron. */
import { Menu, type NativeImage, Tray } from 'electron';

export interface TrayState {
  scanning: boolean;
}

export interface TrayActions {
  open(): void;
  checkNow(): void;
  quit(): void;
}

export interface TrayMenuItem {
  label: string;
  enabled: boolean;
  click?: () => void;
  type?: 'separator';
}

export function trayMenu(state: TrayState, actions: TrayActions): TrayMenuItem[] {
  return [
    { label: 'Open Access Doctor', enabled: true, click: actions.open },
    { label: state.scanning ? 'Checking…' : 'Check now', enabled: !state.scanning, click: actions.checkNow },
    { label: '', enabled: false, type: 'separator' },
    { label: 'Quit', enabled: true, click: actions.quit },
  ];
}

export function createTray(icon: NativeImage, actions: TrayActions) {
  const tray = new Tray(icon);
  tray.setToolTip('Access Doctor');
  const render = (state: TrayState) =>
    tray.setContextMenu(
      Menu.buildFromTemplate(
        trayMenu(state, actions).map((item) =>
          item.type === 'separator'
            ? { type: 'separator' }
            : { label: item.label, enabled: item.enabled, click: item.click },
        ),
      ),
    );
  render({ scanning: false });
  tray.on('click', actions.open);
  return { tray, render };
}
