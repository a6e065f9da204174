import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  autostartPath,
  desktopEntry,
  isAutostartEnabled,
  isEntryEnabled,
  quoteExecArg,
  setAutostart,
} from '../../../electron/autostart';

describe('XDG autostart entry', () => {
  it('lives under $XDG_CONFIG_HOME/autostart, or ~/.config when unset or relative', () => {
    expect(autostartPath({ XDG_CONFIG_HOME: '/x/cfg' }, '/home/u')).toBe('/x/cfg/autostart/access-doctor.desktop');
    expect(autostartPath({}, '/home/u')).toBe('/home/u/.config/autostart/access-doctor.desktop');
    expect(autostartPath({ XDG_CONFIG_HOME: 'relative' }, '/home/u')).toBe(
      '/home/u/.config/autostart/access-doctor.desktop',
    );
  });

  it('quotes Exec arguments per the Desktop Entry spec', () => {
    expect(quoteExecArg('/opt/Access Doctor/access-doctor')).toBe('"/opt/Access Doctor/access-doctor"');
    expect(quoteExecArg('--hidden')).toBe('--hidden');
    expect(quoteExecArg('a"b$c`d\\e%f')).toBe('"a\\"b\\$c\\`d\\\\e%%f"');
    expect(quoteExecArg('')).toBe('""');
  });

  it('writes a valid entry that starts hidden in the tray', () => {
    const text = desktopEntry({ exec: '/opt/Access Doctor/access-doctor', args: ['--hidden'], icon: 'access-doctor' });
    expect(text).toBe(
      [
        '[Desktop Entry]',
        'Type=Application',
        'Name=Access Doctor',
        'Comment=Watches your public IP and tells you when a blocked site is reachable again',
        'Exec="/opt/Access Doctor/access-doctor" --hidden',
        'Icon=access-doctor',
        'Terminal=false',
        'X-GNOME-Autostart-enabled=true',
        'NoDisplay=true',
        '',
      ].join('\n'),
    );
    expect(isEntryEnabled(text)).toBe(true);
    expect(isEntryEnabled(`${text}Hidden=true\n`)).toBe(false);
    expect(isEntryEnabled(text.replace('enabled=true', 'enabled=false'))).toBe(false);
    expect(desktopEntry({ exec: 'x', name: 'Evil\nExec=rm -rf /' })).not.toMatch(/^Exec=rm/m);
  });

  it('turns on (atomically, no temp file left) and off, idempotently', async () => {
    const home = mkdtempSync(join(tmpdir(), 'access-doctor-autostart-'));
    const path = autostartPath({}, home);
    expect(await isAutostartEnabled(path)).toBe(false);
    await setAutostart(path, true, { exec: '/usr/bin/access-doctor', args: ['--hidden'] });
    expect(await isAutostartEnabled(path)).toBe(true);
    expect(readFileSync(path, 'utf8')).toContain('Exec=/usr/bin/access-doctor --hidden');
    expect(statSync(join(home, '.config', 'autostart')).isDirectory()).toBe(true);
    await setAutostart(path, false, { exec: '/usr/bin/access-doctor' });
    await setAutostart(path, false, { exec: '/usr/bin/access-doctor' });
    expect(existsSync(path)).toBe(false);
    expect(await isAutostartEnabled(path)).toBe(false);
  });
});
