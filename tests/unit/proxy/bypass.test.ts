/** The proxy exception lists, one syntax per place: which URLs go around the proxy, and which never do. */
import { describe, expect, it } from 'vitest';
import { bypassList, bypassListOf, globMatch } from '../../../electron/services/proxy/bypass';
import { report } from '../../../electron/services/proxy/types';
import type { ProxyStatus } from '../../../shared/model';

const around = (list: ReturnType<typeof bypassList>, urls: string[]) => urls.filter((u) => list.match(u) !== null);

describe('GNOME ignore-hosts (GLib syntax)', () => {
  const list = bypassList('gnome', [
    'localhost',
    '*.corp.example',
    '.intra.example',
    '10.0.0.0/8',
    '::1',
    'api.example:8443',
  ]);

  it('a name matches itself and its subdomains on a label boundary only', () => {
    expect(
      around(list, [
        'http://localhost/',
        'https://corp.example/',
        'https://a.b.corp.example/x',
        'https://intra.example/',
        'https://www.intra.example/',
        'https://notcorp.example/',
        'https://corp.example.evil.test/',
        'https://xintra.example/',
      ]),
    ).toEqual([
      'http://localhost/',
      'https://corp.example/',
      'https://a.b.corp.example/x',
      'https://intra.example/',
      'https://www.intra.example/',
    ]);
  });

  it('names the entry that matched', () => {
    expect(list.match('https://a.corp.example/')).toBe('*.corp.example');
    expect(list.match('https://chatgpt.com/')).toBeNull();
  });

  it('a range matches addresses in it, never names; an address only itself', () => {
    expect(around(list, ['http://10.1.2.3/', 'http://11.0.0.1/', 'http://[::1]:8080/', 'http://[::2]/'])).toEqual([
      'http://10.1.2.3/',
      'http://[::1]:8080/',
    ]);
    expect(bypassList('gnome', ['10.0.0.0/8']).match('http://10.example/')).toBeNull();
  });

  it('name:port only for that port (explicit or the scheme default)', () => {
    expect(around(list, ['https://api.example:8443/', 'https://api.example/', 'http://api.example:8443/'])).toEqual([
      'https://api.example:8443/',
      'http://api.example:8443/',
    ]);
    expect(bypassList('gnome', ['site.example:443']).match('https://site.example/')).toBe('site.example:443');
  });

  it('is case-insensitive and ignores a trailing dot', () => {
    expect(bypassList('gnome', ['Chatgpt.COM']).match('https://CHATGPT.com./')).toBe('Chatgpt.COM');
  });
});

describe('KDE NoProxyFor and no_proxy', () => {
  it('KDE: names, leading dots and addresses like GLib', () => {
    const list = bypassList('kde', ['.kde.org', '127.0.0.1', 'localhost']);
    expect(
      around(list, ['https://kde.org/', 'https://bugs.kde.org/', 'https://notkde.org/', 'http://127.0.0.1:9/']),
    ).toEqual(['https://kde.org/', 'https://bugs.kde.org/', 'http://127.0.0.1:9/']);
  });

  it('no_proxy: a plain name covers its subdomains, `*` covers everything, CIDR covers addresses', () => {
    const list = bypassList('env', ['example.com', '192.168.0.0/16']);
    expect(around(list, ['https://www.example.com/', 'https://example.com/', 'https://badexample.com/'])).toEqual([
      'https://www.example.com/',
      'https://example.com/',
    ]);
    expect(list.match('http://192.168.4.5/')).toBe('192.168.0.0/16');
    expect(list.match('http://192.169.0.1/')).toBeNull();
    expect(bypassList('env', ['*']).match('https://chatgpt.com/')).toBe('*');
  });

  it('skips what it cannot read instead of matching too much', () => {
    const list = bypassList('env', ['', '*.', 'a*b.example', '10.0.0.0/99', `${'a'.repeat(300)}.example`]);
    expect(list.match('https://axxb.example/')).toBeNull();
    expect(list.match('http://10.0.0.1/')).toBeNull();
    expect(list.match('https://chatgpt.com/')).toBeNull();
  });
});

describe('Windows ProxyOverride', () => {
  const list = bypassList('windows', ['<local>', '*.contoso.com', '192.168.*', 'intranet', 'http://old.example']);

  it('<local> is every name without a dot, never an address', () => {
    expect(around(list, ['http://printer/', 'http://printer.lan/', 'http://[::1]/'])).toEqual(['http://printer/']);
  });

  it('wildcards stand for any run of characters; a plain entry is that host only', () => {
    expect(
      around(list, [
        'https://www.contoso.com/',
        'https://contoso.com/',
        'http://192.168.1.20/',
        'http://192.169.1.20/',
        'http://intranet/',
        'http://intranet.example/',
        'http://old.example/',
      ]),
    ).toEqual(['https://www.contoso.com/', 'http://192.168.1.20/', 'http://intranet/', 'http://old.example/']);
  });
});

describe('macOS exceptions', () => {
  it('globs and the short range form 169.254/16', () => {
    const list = bypassList('macos', ['*.local', '169.254/16', 'exact.example']);
    expect(
      around(list, [
        'http://mac.local/',
        'http://169.254.3.4/',
        'http://169.255.0.1/',
        'https://exact.example/',
        'https://a.exact.example/',
      ]),
    ).toEqual(['http://mac.local/', 'http://169.254.3.4/', 'https://exact.example/']);
  });

  it('a service without its own list takes the effective one from scutil', () => {
    const service = report('macos', 'Wi-Fi', {
      mode: 'manual',
      servers: [{ kind: 'http', host: '10.0.0.1', port: 3128 }],
    });
    const effective = report('macos', 'in effect now', {
      mode: 'manual',
      ignoreHosts: ['*.apple.com'],
      readOnly: true,
    });
    const status: ProxyStatus = { system: 'macos', reports: [service, effective], failures: [] };
    expect(bypassListOf(service, status).match('https://www.apple.com/')).toBe('*.apple.com');
    expect(bypassListOf(service).match('https://www.apple.com/')).toBeNull();
  });
});

describe('globMatch', () => {
  it('matches like a shell pattern and stays linear-ish on hostile input', () => {
    expect(globMatch('a*b*c', 'axxbyyc')).toBe(true);
    expect(globMatch('a*b*c', 'axxbyy')).toBe(false);
    expect(globMatch('*', '')).toBe(true);
    expect(globMatch('', 'a')).toBe(false);
    // Many stars against a long near-miss: a backtracking regex would explode here.
    const pattern = `${'*a'.repeat(60)}b`;
    const text = 'a'.repeat(250);
    expect(globMatch(pattern, text)).toBe(false);
  });
});
