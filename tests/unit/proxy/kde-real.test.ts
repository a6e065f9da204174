/** The KDE driver with the real kreadconfig5/kwriteconfig5 on a temp XDG_CONFIG_HOME: restore gives back the file's bytes. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../../../electron/platform/exec';
import { createJournal } from '../../../electron/services/journal';
import { createProxyService } from '../../../electron/services/proxy';
import { missingTools, tempHome } from '../../support/desktop-session';

const missing = missingTools(['kreadconfig5', 'kwriteconfig5']);
if (missing.length > 0)
  console.log(
    `skipping the real KDE proxy tests: ${missing.join(', ')} not installed (.ci/deps-proxy.sh installs them)`,
  );

function setup() {
  const home = tempHome();
  const proxy = createProxyService({
    run: runCommand,
    env: { ...home.env, XDG_CURRENT_DESKTOP: 'KDE' },
    platform: 'linux',
    readFile: (p) => readFile(p, 'utf8'),
  });
  const journal = createJournal({ dir: join(home.dir, 'journal'), restorers: proxy.restorers });
  proxy.attachJournal(journal);
  return { ...home, proxy, journal, file: join(home.env.XDG_CONFIG_HOME, 'kioslaverc') };
}

describe.skipIf(missing.length > 0)('KDE proxy, real kreadconfig5 and kwriteconfig5', () => {
  it('reads, turns off (the tool re-sorts the file) and restore gives back the exact bytes', async () => {
    const { proxy, journal, file } = setup();
    const original = [
      '# my proxy, keep this comment',
      '[Proxy Settings]',
      'ProxyType=1',
      'httpsProxy=http://10.0.0.1 3128',
      'httpProxy=http://10.0.0.1 3128',
      'NoProxyFor=localhost,127.0.0.1',
      '',
      '[Cache]',
      'MaxCacheSize=5120',
      '',
    ].join('\n');
    writeFileSync(file, original);
    const status = await proxy.read();
    expect(status.reports[0]).toMatchObject({
      source: 'kde',
      mode: 'manual',
      servers: [
        { kind: 'http', host: 'http://10.0.0.1', port: 3128 },
        { kind: 'https', host: 'http://10.0.0.1', port: 3128 },
      ],
      ignoreHosts: ['localhost', '127.0.0.1'],
    });

    const off = await proxy.off();
    expect(off.status.reports[0]?.mode).toBe('none');
    const changed = readFileSync(file, 'utf8');
    expect(changed).toContain('ProxyType=0');
    expect(changed).not.toBe(original);
    expect((await journal.get(off.backupId)).files[0]).toMatchObject({ path: file, existed: true });

    await proxy.restore(off.backupId);
    expect(readFileSync(file, 'utf8')).toBe(original);
  });

  it('a file that did not exist is removed again by the restore; an empty value is not a missing one', async () => {
    const { proxy, file } = setup();
    expect(existsSync(file)).toBe(false);
    expect((await proxy.read()).reports[0]?.mode).toBe('none');
    const change = await proxy.apply({ mode: 'auto', pacUrl: 'http://wpad.example/proxy.pac' });
    expect(change.status.reports[0]).toMatchObject({ mode: 'auto', pacUrl: 'http://wpad.example/proxy.pac' });
    await proxy.restore(change.backupId);
    expect(existsSync(file)).toBe(false);

    writeFileSync(file, '[Proxy Settings]\nProxyType=1\nhttpProxy=\n');
    expect((await proxy.read()).reports[0]).toMatchObject({ mode: 'manual', servers: [] });
  });
});
