/** The proxy channels of the IPC contract: off needs the user's confirmation, restore takes a backup id or none. */
import { describe, expect, it } from 'vitest';
import { HELP } from '../../../electron/cli/main';
import { formatProxyStatus, proxyStatusJson } from '../../../electron/cli/proxy';
import { report } from '../../../electron/services/proxy/types';
import { requests } from '../../../shared/ipc';

describe('proxy contract and CLI text', () => {
  it('validates the inputs', () => {
    expect(requests['proxy.status'].input.safeParse({}).success).toBe(true);
    expect(requests['proxy.off'].input.safeParse({ confirmed: true }).success).toBe(true);
    expect(requests['proxy.off'].input.safeParse({}).success).toBe(false);
    expect(requests['proxy.off'].input.safeParse({ confirmed: false }).success).toBe(false);
    expect(requests['proxy.restore'].input.safeParse({}).success).toBe(true);
    expect(requests['proxy.restore'].input.safeParse({ id: '20261202T015259-64daeb76' }).success).toBe(true);
    expect(requests['proxy.restore'].input.safeParse({ id: '../../etc/passwd' }).success).toBe(false);
  });

  it('prints each place and the JSON fields', () => {
    const status = {
      system: 'gnome' as const,
      reports: [
        report('gnome', 'GNOME settings', {
          mode: 'manual',
          servers: [{ kind: 'http', host: '10.0.0.1', port: 3128 }],
          ignoreHosts: ['localhost'],
        }),
        report('env', 'environment variables (set in ~/.bashrc)', {
          mode: 'manual',
          servers: [{ kind: 'all', host: 'http://10.0.0.2', port: 8080 }],
          readOnly: true,
        }),
      ],
      failures: [],
    };
    expect(formatProxyStatus(status)).toBe(
      [
        'GNOME settings: manual',
        '  http http://10.0.0.1:3128',
        '  not for localhost',
        'environment variables (set in ~/.bashrc): manual (only reported)',
        '  all http://10.0.0.2:8080',
      ].join('\n'),
    );
    expect(proxyStatusJson(status).proxies[0]).toEqual({
      source: 'gnome',
      where: 'GNOME settings',
      mode: 'manual',
      servers: [{ kind: 'http', host: '10.0.0.1', port: 3128, url: 'http://10.0.0.1:3128' }],
      pacUrl: null,
      autoDetect: false,
      ignoreHosts: ['localhost'],
      readOnly: false,
    });
    expect(formatProxyStatus({ system: 'gnome', reports: [report('gnome', 'GNOME settings', {})], failures: [] })).toBe(
      'GNOME settings: no proxy',
    );
    expect(HELP).toContain('proxy restore [ID]');
    expect(HELP).toContain('--desktop NAME');
  });
});
