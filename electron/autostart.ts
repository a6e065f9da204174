/**
 * "Start at login" on Linux: an XDG autostart entry (`$XDG_CONFIG_HOME/autostart/*.desktop`), which
 * GNOME, KDE, XFCE and most other desktops honour. Windows and macOS use Electron's
 * `app.setLoginItemSettings` in the shell instead. Paths and content are pure functions; the write is
 * atomic so a half-written entry never reaches the session manager.
 */
import { readFile, unlink } from 'node:fs/promises';
import { appPaths } from './paths';
import { writeFileAtomic } from './platform/fs';

export { AUTOSTART_FILE } from './paths';

/** Our entry in `$XDG_CONFIG_HOME/autostart` (computed with the app's other folders, in paths.ts). */
export function autostartPath(env: NodeJS.ProcessEnv, home: string): string {
  return appPaths(env, 'linux', home).autostartFile;
}

/** Quotes one Exec argument per the Desktop Entry spec (double quotes, `\` before `"`, `` ` ``, `$`, `\`). */
export function quoteExecArg(arg: string): string {
  if (arg === '') return '""';
  if (!/[\s"'\\`$<>|&;()*?#~=%]/.test(arg)) return arg;
  // `%` is a field code in Exec; a literal one is written `%%`.
  return `"${arg.replace(/[\\"`$]/g, (c) => `\\${c}`).replace(/%/g, '%%')}"`;
}

export interface DesktopEntryOptions {
  /** The app's executable (for an AppImage: `$APPIMAGE`, not the mount path that changes each run). */
  exec: string;
  args?: string[];
  name?: string;
  icon?: string;
}

export function desktopEntry(options: DesktopEntryOptions): string {
  const exec = [options.exec, ...(options.args ?? [])].map(quoteExecArg).join(' ');
  const clean = (s: string) => s.replace(/[\r\n]/g, ' ');
  const lines = [
    '[Desktop Entry]',
    'Type=Application',
    `Name=${clean(options.name ?? 'Access Doctor')}`,
    'Comment=Watches your public IP and tells you when a blocked site is reachable again',
    `Exec=${clean(exec)}`,
    ...(options.icon ? [`Icon=${clean(options.icon)}`] : []),
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    'NoDisplay=true',
  ];
  return `${lines.join('\n')}\n`;
}

/** Enabled when our entry exists and is not switched off (`Hidden=true` or GNOME's own flag). */
export function isEntryEnabled(text: string): boolean {
  if (!/^\[Desktop Entry\]/m.test(text)) return false;
  if (/^Hidden\s*=\s*true\s*$/im.test(text)) return false;
  if (/^X-GNOME-Autostart-enabled\s*=\s*false\s*$/im.test(text)) return false;
  return true;
}

export async function isAutostartEnabled(path: string): Promise<boolean> {
  try {
    return isEntryEnabled(await readFile(path, 'utf8'));
  } catch {
    return false;
  }
}

export async function setAutostart(path: string, enabled: boolean, entry: DesktopEntryOptions): Promise<void> {
  if (enabled) return writeFileAtomic(path, desktopEntry(entry), 0o644);
  await unlink(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
}
