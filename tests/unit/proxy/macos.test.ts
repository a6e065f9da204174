/** The macOS driver against recorded `networksetup` and `scutil --proxy` output. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createJournal } from '../../../electron/services/journal';
import { createProxyService } from '../../../electron/services/proxy';
import { parseScutilProxy, parseServices } from '../../../electron/services/proxy/macos';
import { fakeNetworksetup, recording } from './recorded';

const noFiles = async () => {
  throw new Error('ENOENT');
};

function service(run: Parameters<typeof createProxyService>[0]['run']) {
  const proxy = createProxyService({ run, env: {}, platform: 'darwin', readFile: noFiles });
  proxy.attachJournal(createJournal({ dir: mkdtempSync(join(tmpdir(), 'ad-journal-')), restorers: proxy.restorers }));
  return proxy;
}

describe('macOS proxy', () => {
  it('lists enabled services only and reads the effective proxy', () => {
    expect(parseServices(recording('networksetup-listallnetworkservices.txt'))).toEqual([
      'USB 10/100/1000 LAN',
      'Wi-Fi',
      'Thunderbolt Bridge',
    ]);
    expect(parseScutilProxy(recording('scutil-proxy-manual.txt'))).toMatchObject({
      mode: 'manual',
      servers: [{ kind: 'http', host: '10.0.0.1', port: 3128 }],
      ignoreHosts: ['*.local', '169.254/16'],
      readOnly: true,
    });
    expect(parseScutilProxy(recording('scutil-proxy-direct.txt'))).toMatchObject({ mode: 'none' });
  });

  it('reads each enabled service, turns every kind off with -set…state off, and restore turns back on what was on', async () => {
    const initial = {
      'USB 10/100/1000 LAN': { autoUrl: true },
      'Wi-Fi': { http: true, https: true, discovery: true },
      'Thunderbolt Bridge': {},
    };
    const ns = fakeNetworksetup(initial);
    const proxy = service(ns.run);
    const status = await proxy.read();
    expect(status.reports.map((r) => [r.where, r.mode])).toEqual([
      ['USB 10/100/1000 LAN', 'auto'],
      ['Wi-Fi', 'manual'],
      ['Thunderbolt Bridge', 'none'],
      ['in effect now', 'manual'],
    ]);
    expect(status.reports[1]?.servers).toEqual([
      { kind: 'http', host: '10.0.0.1', port: 3128 },
      { kind: 'https', host: '10.0.0.1', port: 3128 },
    ]);
    expect(ns.calls.some((c) => c.includes('Bluetooth PAN'))).toBe(false);

    const off = await proxy.off();
    expect(ns.calls).toContainEqual(['/usr/sbin/networksetup', '-setwebproxystate', 'Wi-Fi', 'off']);
    expect(ns.calls).toContainEqual(['/usr/sbin/networksetup', '-setproxyautodiscovery', 'Wi-Fi', 'off']);
    expect(ns.calls).toContainEqual(['/usr/sbin/networksetup', '-setautoproxystate', 'USB 10/100/1000 LAN', 'off']);
    expect(off.status.reports.every((r) => r.mode === 'none')).toBe(true);

    await proxy.restore();
    const expected = Object.fromEntries(
      Object.entries(initial).map(([k, v]) => [
        k,
        { http: false, https: false, socks: false, autoUrl: false, discovery: false, ...v },
      ]),
    );
    expect(ns.state).toEqual(expected);
  });
});
