import { describe, expect, it } from 'vitest';
import { autostartPath } from '../../../electron/autostart';
import { appPaths, journalDir, userDataDir } from '../../../electron/paths';

describe('appPaths: the one place that names the app folders', () => {
  it('on Linux follows XDG_CONFIG_HOME and keeps every file in the data folder', () => {
    expect(appPaths({ XDG_CONFIG_HOME: '/x/cfg' }, 'linux', '/home/u')).toEqual({
      userData: '/x/cfg/Access Doctor',
      config: '/x/cfg/Access Doctor/config.json',
      prefs: '/x/cfg/Access Doctor/prefs.json',
      ipHistory: '/x/cfg/Access Doctor/ip-history.json',
      journal: '/x/cfg/Access Doctor/journal',
      autostartDir: '/x/cfg/autostart',
      autostartFile: '/x/cfg/autostart/access-doctor.desktop',
    });
  });

  it.each(['relative/cfg', './cfg', '', '~/cfg'])(
    'ignores XDG_CONFIG_HOME=%j (not absolute), as the spec says',
    (v) => {
      const paths = appPaths({ XDG_CONFIG_HOME: v, XDG_STATE_HOME: 'state' }, 'linux', '/home/u');
      expect(paths.userData).toBe('/home/u/.config/Access Doctor');
      expect(paths.autostartDir).toBe('/home/u/.config/autostart');
      expect(autostartPath({ XDG_CONFIG_HOME: v }, '/home/u')).toBe('/home/u/.config/autostart/access-doctor.desktop');
    },
  );

  it('the IP history of `ip --watch` is the app’s own file, whatever XDG_STATE_HOME says', () => {
    const paths = appPaths({ XDG_STATE_HOME: '/x/state' }, 'linux', '/home/u');
    expect(paths.ipHistory).toBe('/home/u/.config/Access Doctor/ip-history.json');
  });

  it('on Windows and macOS uses the folders Electron uses', () => {
    const win = appPaths({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32', 'C:\\Users\\u');
    expect(win.userData).toBe('C:\\Users\\u\\AppData\\Roaming\\Access Doctor');
    expect(win.ipHistory).toBe('C:\\Users\\u\\AppData\\Roaming\\Access Doctor\\ip-history.json');
    expect(appPaths({ APPDATA: 'relative' }, 'win32', 'C:\\Users\\u').userData).toBe(
      'C:\\Users\\u\\AppData\\Roaming\\Access Doctor',
    );
    const mac = appPaths({}, 'darwin', '/Users/u');
    expect(mac.userData).toBe('/Users/u/Library/Application Support/Access Doctor');
    expect(mac.journal).toBe('/Users/u/Library/Application Support/Access Doctor/journal');
  });

  it('keeps the older helpers in step', () => {
    expect(userDataDir({ XDG_CONFIG_HOME: 'rel' }, 'linux', '/h')).toBe('/h/.config/Access Doctor');
    expect(journalDir('/d')).toBe('/d/journal');
  });
});
