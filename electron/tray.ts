/** The tray's Electron glue: icon, tooltip and menu come from the pure model in tray-model.ts. */
import { Menu, type NativeImage, Tray } from 'electron';
import { type TrayAction, type TrayIconState, type TrayItem, type TrayModel, trayTemplate } from './tray-model';

export function createTray(
  icons: Record<TrayIconState, NativeImage>,
  run: (action: TrayAction, item: Exclude<TrayItem, { type: 'separator' }>) => void,
  onClick: () => void,
) {
  const tray = new Tray(icons.unknown);
  tray.on('click', onClick);
  let shownIcon: TrayIconState = 'unknown';
  return {
    tray,
    render(model: TrayModel) {
      if (model.icon !== shownIcon) {
        tray.setImage(icons[model.icon]);
        shownIcon = model.icon;
      }
      tray.setToolTip(model.tooltip);
      tray.setContextMenu(Menu.buildFromTemplate(trayTemplate(model.items, run)));
    },
    destroy: () => tray.destroy(),
  };
}
