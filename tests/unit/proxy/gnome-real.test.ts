/**
 * The GNOME driver with the real gsettings/dconf on a temp home under a private session bus: off, then
 * restore, gives back a byte-identical `dconf dump`; without a bus a write fails loudly.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../../electron/platform/exec';
import { createJournal } from '../../../electron/services/journal';
import { createProxyService } from '../../../electron/services/proxy';
import { type DesktopSession, missingTools, startDesktopSession } from '../../support/desktop-session';

const missing = missingTools(['gsettings', 'dconf', 'dbus-daemon']);
if (missing.length > 0)
  console.log(
    `skipping the real GNOME proxy tests: ${missing.join(', ')} not installed (.ci/deps-proxy.sh installs them)`,
  );

describe.skipIf(missing.length > 0)('GNOME proxy, real gsettings and dconf', () => {
  let session: DesktopSession;
  beforeAll(async () => {
    session = await startDesktopSession();
  });
  afterAll(() => session?.stop());

  const dump = async (env = session.env) => (await runCommand('dconf', ['dump', '/system/proxy/'], { env })).stdout;
  const gset = (schema: string, key: string, value: string) =>
    runCommand('gsettings', ['set', schema, key, value], { env: session.env });
  const serviceWith = (env: Record<string, string>, name: string) => {
    const proxy = createProxyService({ run: runCommand, env, platform: 'linux', readFile: (p) => readFile(p, 'utf8') });
    const journal = createJournal({ dir: join(session.dir, name), restorers: proxy.restorers });
    proxy.attachJournal(journal);
    return { proxy, journal };
  };

  it('reads a manual proxy, turns it off, and restore gives back the exact dump', async () => {
    await runCommand('dconf', ['reset', '-f', '/system/proxy/'], { env: session.env });
    await gset('org.gnome.system.proxy', 'mode', 'manual');
    await gset('org.gnome.system.proxy.http', 'host', '10.0.0.1');
    await gset('org.gnome.system.proxy.http', 'port', '3128');
    await gset('org.gnome.system.proxy', 'ignore-hosts', "['localhost', 'ünïcode.example', \"it's\"]");
    const original = await dump();
    expect(original).toContain("mode='manual'");

    const { proxy, journal } = serviceWith({ ...session.env, XDG_CURRENT_DESKTOP: 'ubuntu:GNOME' }, 'j1');
    const before = await proxy.read();
    expect(before.system).toBe('gnome');
    expect(before.reports[0]).toMatchObject({
      mode: 'manual',
      servers: [{ kind: 'http', host: '10.0.0.1', port: 3128 }],
      ignoreHosts: ['localhost', 'ünïcode.example', "it's"],
    });

    const off = await proxy.off();
    expect((await runCommand('dconf', ['read', '/system/proxy/mode'], { env: session.env })).stdout.trim()).toBe(
      "'none'",
    );
    expect(off.status.reports[0]?.mode).toBe('none');
    expect((await journal.get(off.backupId)).state).toBe('applied');

    const restored = await proxy.restore();
    expect(restored.backupId).toBe(off.backupId);
    expect(await dump()).toBe(original);
    await expect(proxy.restore()).rejects.toMatchObject({ code: 'proxy-nothing-to-restore' });
  });

  it('off when no proxy is set changes nothing and records nothing', async () => {
    await runCommand('dconf', ['reset', '-f', '/system/proxy/'], { env: session.env });
    const { proxy, journal } = serviceWith(session.env, 'j0');
    await expect(proxy.off({ desktop: 'gnome' })).rejects.toMatchObject({ code: 'proxy-already-off' });
    expect(await dump()).toBe('');
    expect((await journal.list()).entries).toEqual([]);
  });

  it('keys that were unset are unset again (not stored as their defaults)', async () => {
    await runCommand('dconf', ['reset', '-f', '/system/proxy/'], { env: session.env });
    expect(await dump()).toBe('');
    const { proxy } = serviceWith(session.env, 'j2');
    const change = await proxy.apply(
      { mode: 'manual', servers: [{ kind: 'socks', host: '10.0.0.2', port: 1080 }], ignoreHosts: [] },
      { desktop: 'gnome' },
    );
    expect(await dump()).toContain("host='10.0.0.2'");
    await proxy.restore(change.backupId);
    expect(await dump()).toBe('');
  });

  it('without a session bus the write is caught by reading it back: it fails loudly and nothing changes', async () => {
    await runCommand('dconf', ['reset', '-f', '/system/proxy/'], { env: session.env });
    await gset('org.gnome.system.proxy', 'mode', 'auto');
    const original = await dump();
    const { DBUS_SESSION_BUS_ADDRESS: _bus, ...noBus } = session.env;
    const { proxy, journal } = serviceWith(noBus, 'j3');
    await expect(proxy.off({ desktop: 'gnome' })).rejects.toMatchObject({
      code: 'proxy-not-saved',
      message: expect.stringMatching(/did not change/),
    });
    expect(await dump()).toBe(original);
    const { entries } = await journal.list();
    expect(entries.map((e) => e.state)).toEqual(['failed']);
  });
});
