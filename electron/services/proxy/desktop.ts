/** Which proxy settings apply: the OS on Windows and macOS; on Linux the desktop (XDG_CURRENT_DESKTOP). */
import type { ProxySource } from '../../../shared/model';

export type Desktop = 'gnome' | 'kde';

const GNOME_LIKE = new Set([
  'gnome',
  'ubuntu',
  'unity',
  'cinnamon',
  'x-cinnamon',
  'budgie',
  'budgie-desktop',
  'pantheon',
]);

/** `ubuntu:GNOME` → gnome, `KDE` → kde; null for a desktop without a proxy setting Access Doctor knows. */
export function desktopOf(xdgCurrentDesktop: string | undefined): Desktop | null {
  const names = (xdgCurrentDesktop ?? '').slice(0, 200).toLowerCase().split(':', 10);
  if (names.includes('kde')) return 'kde';
  return names.some((n) => GNOME_LIKE.has(n.trim())) ? 'gnome' : null;
}

export function systemSource(
  platform: NodeJS.Platform,
  env: NodeJS.ProcessEnv,
  override?: Desktop,
): ProxySource | null {
  if (platform === 'win32') return 'windows';
  if (platform === 'darwin') return 'macos';
  return override ?? desktopOf(env.XDG_CURRENT_DESKTOP);
}
