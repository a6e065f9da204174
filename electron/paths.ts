/**
 * The one place that says where Access Doctor keeps its files. The data folder is computed the way
 * Electron computes `app.getPath('userData')` for our product name, so the app and the CLI share one
 * settings file, one IP history and one journal of backups. Per the XDG Base Directory spec, an
 * `XDG_*` variable that is empty or not an absolute path is ignored.
 */
import { homedir } from 'node:os';
import { posix, win32 } from 'node:path';

export const PRODUCT_NAME = 'Access Doctor';
export const AUTOSTART_FILE = 'access-doctor.desktop';

/** The files Access Doctor keeps in its data folder. */
export interface DataFiles {
  /** The app's data folder (Electron's `userData`). */
  userData: string;
  /** The settings file the app reads (`config.json`). */
  config: string;
  /** The user's small preferences (`prefs.json`). */
  prefs: string;
  /** The history of public IP changes, shared by the app's watch and `access-doctor ip --watch`. */
  ipHistory: string;
  /** The journal of backups. */
  journal: string;
}

export interface AppPaths extends DataFiles {
  /** Where XDG desktops look for login items (Linux; the other systems use their own login items). */
  autostartDir: string;
  /** Our XDG autostart entry inside `autostartDir`. */
  autostartFile: string;
}

/** An XDG base directory from the environment, or the fallback when it is unset, empty or relative. */
export function xdgDir(value: string | undefined, fallback: string): string {
  return value && posix.isAbsolute(value) ? value : fallback;
}

export function appPaths(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): AppPaths {
  const path = platform === 'win32' ? win32 : posix;
  let userData: string;
  let configHome: string;
  if (platform === 'win32') {
    const appData = env.APPDATA && win32.isAbsolute(env.APPDATA) ? env.APPDATA : win32.join(home, 'AppData', 'Roaming');
    userData = win32.join(appData, PRODUCT_NAME);
    configHome = appData;
  } else if (platform === 'darwin') {
    userData = posix.join(home, 'Library', 'Application Support', PRODUCT_NAME);
    configHome = xdgDir(env.XDG_CONFIG_HOME, posix.join(home, '.config'));
  } else {
    configHome = xdgDir(env.XDG_CONFIG_HOME, posix.join(home, '.config'));
    userData = posix.join(configHome, PRODUCT_NAME);
  }
  const autostartDir = path.join(configHome, 'autostart');
  return { ...dataFiles(userData, platform), autostartDir, autostartFile: path.join(autostartDir, AUTOSTART_FILE) };
}

/** The files inside a given data folder (the app's own, or one a test hands over). */
export function dataFiles(userData: string, platform: NodeJS.Platform = process.platform): DataFiles {
  const path = platform === 'win32' ? win32 : posix;
  return {
    userData,
    config: path.join(userData, 'config.json'),
    prefs: path.join(userData, 'prefs.json'),
    ipHistory: path.join(userData, 'ip-history.json'),
    journal: path.join(userData, 'journal'),
  };
}

/** The journal folder inside a data folder. */
export const journalDir = (userData: string): string => dataFiles(userData).journal;

/** The data folder alone; kept for callers that need nothing else. */
export const userDataDir = (
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string => appPaths(env, platform, home).userData;
