/** The Windows driver against recorded `reg query`/`netsh` output: what it reads, what it runs, the undo. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createJournal } from '../../../electron/services/journal';
import { createProxyService } from '../../../electron/services/proxy';
import {
  INTERNET_SETTINGS,
  parseProxyServer,
  parseRegQuery,
  parseWinHttp,
  windowsRestorer,
} from '../../../electron/services/proxy/windows';
import { fakeReg, recording } from './recorded';

const noFiles = async () => {
  throw new Error('ENOENT');
};

function service(run: Parameters<typeof createProxyService>[0]['run']) {
  const proxy = createProxyService({ run, env: {}, platform: 'win32', readFile: noFiles });
  proxy.attachJournal(createJournal({ dir: mkdtempSync(join(tmpdir(), 'ad-journal-')), restorers: proxy.restorers }));
  return proxy;
}

describe('Windows proxy', () => {
  it('parses the recorded values, names with spaces, and stops at the subkeys', () => {
    const v = parseRegQuery(recording('reg-query-internet-settings-manual.txt'));
    expect(v.get('ProxyEnable')).toEqual({ type: 'REG_DWORD', data: '0x1' });
    expect(v.get('User Agent')).toEqual({ type: 'REG_SZ', data: 'Mozilla/4.0 (compatible; MSIE 8.0; Win32)' });
    expect(v.get('ProxyOverride')?.data).toBe('*.corp.example;<local>');
    expect(v.size).toBe(13);
    expect(parseProxyServer('http=10.0.0.1:80;https=10.0.0.1:443;socks=10.0.0.2:1080')).toEqual([
      { kind: 'http', host: '10.0.0.1', port: 80 },
      { kind: 'https', host: '10.0.0.1', port: 443 },
      { kind: 'socks', host: '10.0.0.2', port: 1080 },
    ]);
    expect(parseWinHttp(recording('netsh-winhttp-direct.txt'))).toMatchObject({ mode: 'none', readOnly: true });
    expect(parseWinHttp(recording('netsh-winhttp-proxy.txt'))).toMatchObject({
      source: 'winhttp',
      mode: 'manual',
      servers: [
        { kind: 'http', host: '10.0.0.2', port: 8080 },
        { kind: 'https', host: '10.0.0.2', port: 8443 },
      ],
      ignoreHosts: ['<local>', '*.corp.example'],
    });
  });

  it('reads the user proxy, auto-detect from the Connections blob and WinHTTP read-only', async () => {
    const reg = fakeReg('reg-query-internet-settings-manual.txt');
    const status = await service(reg.run).read();
    expect(status.system).toBe('windows');
    expect(status.reports[0]).toMatchObject({
      source: 'windows',
      mode: 'manual',
      servers: [{ kind: 'all', host: '10.0.0.1', port: 3128 }],
      pacUrl: 'http://wpad.corp.example/proxy.pac',
      autoDetect: true,
      ignoreHosts: ['*.corp.example', '<local>'],
    });
    expect(status.reports[1]).toMatchObject({ source: 'winhttp', readOnly: true });
    expect(reg.calls).toContainEqual(['netsh', 'winhttp', 'show', 'proxy']);
  });

  it('off runs reg add/delete on the user key only, and restore puts every value back as it was', async () => {
    const reg = fakeReg('reg-query-internet-settings-manual.txt');
    const before = new Map(reg.values);
    const proxy = service(reg.run);
    const off = await proxy.off();
    expect(off.status.reports[0]).toMatchObject({ mode: 'auto', autoDetect: true, servers: [], pacUrl: null });
    const writes = reg.calls.filter((c) => c[1] === 'add' || c[1] === 'delete');
    expect(writes).toEqual([
      ['reg', 'add', INTERNET_SETTINGS, '/v', 'ProxyEnable', '/t', 'REG_DWORD', '/d', '0', '/f'],
      ['reg', 'delete', INTERNET_SETTINGS, '/v', 'AutoConfigURL', '/f'],
    ]);
    expect(reg.values.get('ProxyEnable')?.data).toBe('0x0');
    expect(reg.values.has('AutoConfigURL')).toBe(false);

    await proxy.restore(off.backupId);
    expect(reg.values).toEqual(before);
  });

  it('a value that was absent is removed again by the restore', async () => {
    const reg = fakeReg('reg-query-internet-settings-direct.txt');
    const before = new Map(reg.values);
    const proxy = service(reg.run);
    const change = await proxy.apply({
      mode: 'manual',
      servers: [{ kind: 'all', host: '10.0.0.9', port: 8080 }],
      ignoreHosts: ['<local>'],
    });
    expect(reg.values.get('ProxyServer')?.data).toBe('10.0.0.9:8080');
    await proxy.restore(change.backupId);
    expect(reg.values).toEqual(before);
  });

  it('a write that does not take fails loudly and is rolled back', async () => {
    const reg = fakeReg('reg-query-internet-settings-manual.txt');
    const before = new Map(reg.values);
    const stubborn: typeof reg.run = async (file, args, o) =>
      args[0] === 'add' && args[3] === 'ProxyEnable' && args[7] === '0'
        ? { code: 0, stdout: '', stderr: '' }
        : reg.run(file, args, o);
    await expect(service(stubborn).off()).rejects.toMatchObject({ code: 'proxy-not-saved' });
    expect(reg.values).toEqual(before);
  });

  it('a damaged backup is refused before anything is written', async () => {
    const reg = fakeReg('reg-query-internet-settings-manual.txt');
    const restore = windowsRestorer({ run: reg.run, env: {}, readFile: noFiles });
    await expect(
      restore({
        values: { ProxyEnable: { type: 'REG_DWORD', data: '0x0' }, AutoConfigURL: { type: 'REG_NONE', data: 'x' } },
      }),
    ).rejects.toMatchObject({
      code: 'proxy-backup-damaged',
    });
    await expect(restore({})).rejects.toMatchObject({ code: 'proxy-backup-damaged' });
    expect(reg.calls.filter((c) => c[1] !== 'query')).toEqual([]);
  });
});
