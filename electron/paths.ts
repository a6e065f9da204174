/**
 * Where the app keeps its data, computed the way Electron computes `app.getPath('userData')` for our
 * product name, so the CLI and the app share one journal of backups.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

export const PRODUCT_NAME = 'Access Doctor';

export function userDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform = process.platform,
  home = homedir(),
): string {
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', PRODUCT_NAME);
  const base = env.XDG_CONFIG_HOME?.startsWith('/') ? env.XDG_CONFIG_HOME : join(home, '.config');
  return join(base, PRODUCT_NAME);
}

export const journalDir = (userData: string) => join(userData, 'journal');
