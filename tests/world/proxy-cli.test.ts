/** `access-doctor proxy status|off|restore` against the real GNOME dconf and KDE kioslaverc in a temp home. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../electron/platform/exec';
import { type DesktopSession, missingTools, startDesktopSession, tempHome } from '../support/desktop-session';
import { runCli } from '../support/run-cli';

const missing = missingTools(['gsettings', 'dconf', 'dbus-daemon', 'kwriteconfig5', 'kreadconfig5']);
if (missing.length > 0)
  console.log(`skipping the proxy CLI tests: ${missing.join(', ')} not installed (.ci/deps-proxy.sh installs them)`);

interface StatusJson {
  system: string | null;
  proxies: {
    source: string;
    mode: string;
    servers: { kind: string; host: string; port: number | null; url: string }[];
    pacUrl: string | null;
    ignoreHosts: string[];
  }[];
  failures: unknown[];
}

describe.skipIf(missing.length > 0)('access-doctor proxy', () => {
  let session: DesktopSession;
  beforeAll(async () => {
    session = await startDesktopSession();
  });
  afterAll(() => session?.stop());
  const dump = async () => (await runCommand('dconf', ['dump', '/system/proxy/'], { env: session.env })).stdout;
  const gset = (schema: string, key: string, value: string) =>
    runCommand('gsettings', ['set', schema, key, value], { env: session.env });

  it('GNOME: status shows the proxy, off backs up and turns it off, restore puts back the exact dump', async () => {
    await gset('org.gnome.system.proxy', 'mode', 'manual');
    await gset('org.gnome.system.proxy.https', 'host', '10.0.0.1');
    await gset('org.gnome.system.proxy.https', 'port', '3128');
    const original = await dump();
    const env = { ...session.env, XDG_CURRENT_DESKTOP: 'ubuntu:GNOME' };

    const status = await runCli(['proxy', 'status', '--json'], { env });
    expect(status.code).toBe(0);
    const json = JSON.parse(status.stdout) as StatusJson;
    expect(json.system).toBe('gnome');
    expect(json.proxies[0]).toMatchObject({
      source: 'gnome',
      mode: 'manual',
      servers: [{ kind: 'https', host: '10.0.0.1', port: 3128, url: 'http://10.0.0.1:3128' }],
      pacUrl: null,
    });
    const text = await runCli(['proxy', 'status'], { env });
    expect(text.stdout).toContain('GNOME settings: manual');

    const refused = await runCli(['proxy', 'off'], { env });
    expect(refused.code).toBe(64);
    expect(refused.stderr).toContain('--yes');
    expect(await dump()).toBe(original);

    const off = await runCli(['proxy', 'off', '--yes', '--json'], { env });
    expect(off.code).toBe(0);
    const offJson = JSON.parse(off.stdout) as StatusJson & { backupId: string; source: string };
    expect(offJson.source).toBe('gnome');
    expect(offJson.backupId).toMatch(/^[0-9]{8}T[0-9]{6}-[0-9a-f]{8}$/);
    expect(offJson.proxies[0]?.mode).toBe('none');

    const list = await runCli(['backups', 'list', '--json'], { env });
    expect(list.stdout).toContain('"kind": "proxy-gnome"');

    const restore = await runCli(['proxy', 'restore'], { env });
    expect(restore.code).toBe(0);
    expect(restore.stdout).toContain('The previous proxy setting is back.');
    expect(await dump()).toBe(original);

    const again = await runCli(['proxy', 'restore'], { env });
    expect(again.code).toBe(3);
    expect(again.stderr).toBe('There is no proxy change to undo.\n');
  });

  it('GNOME: backups restore ID works for a proxy entry too', async () => {
    const env = session.env;
    const original = await dump();
    const off = await runCli(['proxy', 'off', '--yes', '--json', '--desktop', 'gnome'], { env });
    expect(off.code).toBe(0);
    const { backupId } = JSON.parse(off.stdout) as { backupId: string };
    const restore = await runCli(['backups', 'restore', backupId], { env });
    expect(restore.code).toBe(0);
    expect(await dump()).toBe(original);
  });

  it('KDE: off and restore by id give back the file byte for byte; --desktop is checked', async () => {
    const home = tempHome();
    const file = join(home.env.XDG_CONFIG_HOME, 'kioslaverc');
    const original = '[Proxy Settings]\nProxyType=2\nProxy Config Script=http://wpad.example/proxy.pac\n# note\n';
    writeFileSync(file, original);
    const env = { ...home.env, XDG_CURRENT_DESKTOP: 'KDE' };
    const status = JSON.parse((await runCli(['proxy', 'status', '--json'], { env })).stdout) as StatusJson;
    expect(status.proxies[0]).toMatchObject({ source: 'kde', mode: 'auto', pacUrl: 'http://wpad.example/proxy.pac' });
    const off = await runCli(['proxy', 'off', '--yes', '--json'], { env });
    expect(off.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('ProxyType=0');
    const { backupId } = JSON.parse(off.stdout) as { backupId: string };
    expect((await runCli(['proxy', 'restore', backupId], { env })).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(original);

    const bad = await runCli(['proxy', 'status', '--desktop', 'xfce'], { env });
    expect(bad.code).toBe(64);
    const unknown = await runCli(['proxy', 'off', '--yes'], { env: { ...home.env, XDG_CURRENT_DESKTOP: 'XFCE' } });
    expect(unknown.code).toBe(64);
    expect(unknown.stderr).toContain('--desktop');
  });
});
