/** The proxy drivers' parsers: GVariant text, gsettings lists, KDE values, env files, desktops. */
import { describe, expect, it } from 'vitest';
import { desktopOf, systemSource } from '../../../electron/services/proxy/desktop';
import { assignmentIn, parseProxyUrl, readEnvProxy } from '../../../electron/services/proxy/env';
import { gnomeReport, parseGsettingsList } from '../../../electron/services/proxy/gnome';
import { gString, gStringArray, parseGVariant } from '../../../electron/services/proxy/gvariant';
import { kdeReport, parseKdeServer } from '../../../electron/services/proxy/kde';
import { serverUrl } from '../../../electron/services/proxy/types';
import { prng } from '../../support/prng';

describe('GVariant text', () => {
  it('reads strings, string arrays, numbers and booleans', () => {
    expect(parseGVariant("['localhost', '127.0.0.0/8', '::1']")).toEqual(['localhost', '127.0.0.0/8', '::1']);
    expect(parseGVariant('@as []')).toEqual([]);
    expect(parseGVariant("'manual'")).toBe('manual');
    expect(parseGVariant('"it\'s"')).toBe("it's");
    expect(parseGVariant("'a\\'b'")).toBe("a'b");
    expect(parseGVariant('3128')).toBe(3128);
    expect(parseGVariant('uint32 8')).toBe(8);
    expect(parseGVariant('true')).toBe(true);
    expect(parseGVariant("['a', 'b'")).toBeNull();
    expect(parseGVariant("['a' 'b']")).toBeNull();
    expect(parseGVariant('<1>')).toBeNull();
  });

  it('writes what it reads', () => {
    for (const list of [[], ['localhost'], ["it's", 'back\\slash', '"q"']]) {
      expect(parseGVariant(gStringArray(list))).toEqual(list);
    }
    expect(parseGVariant(gString("o'neil"))).toBe("o'neil");
  });

  it('stays linear on hostile input', () => {
    const big = `[${"'a', ".repeat(5000)}`;
    const started = performance.now();
    expect(parseGVariant(big)).toBeNull();
    expect(parseGVariant(`'${'\\'.repeat(20_000)}`)).toBeNull();
    expect(performance.now() - started).toBeLessThan(200);
  });
});

describe('GNOME settings', () => {
  const list = (mode: string) =>
    [
      "org.gnome.system.proxy autoconfig-url 'http://wpad.example/proxy.pac'",
      "org.gnome.system.proxy ignore-hosts ['localhost', '127.0.0.0/8']",
      `org.gnome.system.proxy mode '${mode}'`,
      "org.gnome.system.proxy.http authentication-password 'secret'",
      "org.gnome.system.proxy.http host '10.0.0.1'",
      'org.gnome.system.proxy.http port 3128',
      "org.gnome.system.proxy.https host ''",
      'org.gnome.system.proxy.https port 0',
      "org.gnome.system.proxy.socks host '10.0.0.2'",
      'org.gnome.system.proxy.socks port 1080',
      "org.gnome.other key 'x'",
    ].join('\n');

  it('reads manual, auto and none, and never keeps credentials', () => {
    const values = parseGsettingsList(list('manual'));
    expect([...values.keys()].some((k) => k.includes('authentication'))).toBe(false);
    expect(gnomeReport(values)).toMatchObject({
      source: 'gnome',
      mode: 'manual',
      servers: [
        { kind: 'http', host: '10.0.0.1', port: 3128 },
        { kind: 'socks', host: '10.0.0.2', port: 1080 },
      ],
      ignoreHosts: ['localhost', '127.0.0.0/8'],
    });
    expect(gnomeReport(parseGsettingsList(list('auto')))).toMatchObject({
      mode: 'auto',
      pacUrl: 'http://wpad.example/proxy.pac',
    });
    expect(gnomeReport(parseGsettingsList(list('none')))).toMatchObject({ mode: 'none', servers: [] });
  });
});

describe('KDE settings', () => {
  it('reads servers written with a space or a colon', () => {
    expect(parseKdeServer('http', 'http://10.0.0.1 3128')).toEqual({
      kind: 'http',
      host: 'http://10.0.0.1',
      port: 3128,
    });
    expect(parseKdeServer('http', 'http://10.0.0.1:3128')).toEqual({
      kind: 'http',
      host: 'http://10.0.0.1',
      port: 3128,
    });
    expect(parseKdeServer('socks', 'socks://proxy.example')).toEqual({
      kind: 'socks',
      host: 'socks://proxy.example',
      port: null,
    });
    expect(parseKdeServer('http', '')).toBeNull();
  });

  it('maps ProxyType to a mode', () => {
    const base = {
      NoProxyFor: 'localhost,127.0.0.1',
      httpProxy: 'http://10.0.0.1 3128',
      'Proxy Config Script': 'http://wpad/p.pac',
    };
    expect(kdeReport({ ...base, ProxyType: '1' })).toMatchObject({
      mode: 'manual',
      servers: [{ kind: 'http', port: 3128 }],
    });
    expect(kdeReport({ ...base, ProxyType: '2' })).toMatchObject({ mode: 'auto', pacUrl: 'http://wpad/p.pac' });
    expect(kdeReport({ ...base, ProxyType: '3' })).toMatchObject({ mode: 'auto', autoDetect: true });
    expect(kdeReport({ ...base, ProxyType: '0' })).toMatchObject({ mode: 'none' });
    expect(kdeReport({ ...base, ProxyType: null })).toMatchObject({ mode: 'none' });
  });
});

describe('desktops', () => {
  it('tells GNOME-like desktops and KDE from XDG_CURRENT_DESKTOP', () => {
    for (const d of ['GNOME', 'ubuntu:GNOME', 'Unity', 'Cinnamon', 'X-Cinnamon', 'Budgie:GNOME'])
      expect(desktopOf(d)).toBe('gnome');
    expect(desktopOf('KDE')).toBe('kde');
    expect(desktopOf('XFCE')).toBeNull();
    expect(desktopOf(undefined)).toBeNull();
    expect(systemSource('linux', { XDG_CURRENT_DESKTOP: 'XFCE' }, 'kde')).toBe('kde');
    expect(systemSource('win32', {})).toBe('windows');
    expect(systemSource('darwin', {})).toBe('macos');
  });
});

describe('environment variables', () => {
  it('finds assignments in shell files, either case, never in comments', () => {
    expect(assignmentIn('export HTTPS_PROXY="http://p:3128"')).toBe('https_proxy');
    expect(assignmentIn('http_proxy=http://p:3128')).toBe('http_proxy');
    expect(assignmentIn('set -gx all_proxy socks5://p:1080')).toBe('all_proxy');
    expect(assignmentIn('# export http_proxy=x')).toBeNull();
    expect(assignmentIn('export PATH=/bin')).toBeNull();
  });

  it('drops credentials from a proxy URL', () => {
    expect(parseProxyUrl('http', 'http://user:pw@10.0.0.1:3128/')).toEqual({
      kind: 'http',
      host: 'http://10.0.0.1',
      port: 3128,
    });
    expect(serverUrl({ kind: 'http', host: 'http://10.0.0.1', port: 3128 })).toBe('http://10.0.0.1:3128');
  });

  it('reports the variables and the files that set them', async () => {
    const files: Record<string, string> = {
      '/home/u/.bashrc': 'alias ll=ls\nexport http_proxy=http://10.0.0.1:3128\n',
      '/etc/environment': 'PATH="/usr/bin"\n',
    };
    const read = async (p: string) => {
      const text = files[p];
      if (text === undefined) throw new Error('ENOENT');
      return text;
    };
    const r = await readEnvProxy(
      { HOME: '/home/u', HTTP_PROXY: 'http://10.0.0.1:3128', no_proxy: 'localhost,.example' },
      read,
    );
    expect(r).toMatchObject({
      source: 'env',
      mode: 'manual',
      readOnly: true,
      where: 'environment variables (set in ~/.bashrc)',
      ignoreHosts: ['localhost', '.example'],
    });
    expect(await readEnvProxy({ HOME: '/home/none' }, read)).toBeNull();
  });
});

describe('server URLs', () => {
  it('writes a scheme once and brackets IPv6 hosts', () => {
    expect(serverUrl({ kind: 'http', host: '10.0.0.1', port: 3128 })).toBe('http://10.0.0.1:3128');
    expect(serverUrl({ kind: 'socks', host: 'fd00::1', port: 1080 })).toBe('socks://[fd00::1]:1080');
    expect(serverUrl({ kind: 'https', host: 'https://p.example', port: null })).toBe('https://p.example');
  });
});

describe('GVariant round trip, seeded', () => {
  it('every generated string array reads back as written', () => {
    const random = prng(9);
    const alphabet = ["'", '"', '\\', ' ', ',', '[', ']', 'a', 'ü', '.', ':', '@'];
    for (let i = 0; i < 2000; i++) {
      const list = Array.from({ length: Math.floor(random() * 5) }, () =>
        Array.from({ length: Math.floor(random() * 8) }, () => alphabet[Math.floor(random() * alphabet.length)]).join(
          '',
        ),
      );
      expect(parseGVariant(gStringArray(list))).toEqual(list);
    }
  });
});
