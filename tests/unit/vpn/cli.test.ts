/** `access-doctor vpn …`: the fields printed, the confirmation a disconnect needs, the exit codes. */
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../../electron/cli/exit-codes';
import { runVpn, type VpnCliDeps } from '../../../electron/cli/vpn';
import type { Journal } from '../../../electron/services/journal';
import type { VpnService } from '../../../electron/services/vpn';
import type { VpnActionResult, VpnStatus } from '../../../shared/model';

const STATUS: VpnStatus = {
  viaTunnel: true,
  interface: 'tun0',
  gateway: null,
  table: null,
  tunnels: [{ name: 'tun0', kind: 'tun', client: null }],
  connections: [{ driver: 'networkmanager', name: 'Office', id: 'u-1', device: 'tun0' }],
};

const DONE: VpnActionResult = {
  action: 'disconnect',
  outcome: 'done',
  connection: STATUS.connections[0] ?? null,
  before: 'tun0',
  after: 'eth0',
  pathChanged: true,
  message: 'Disconnected Office. Traffic now leaves through eth0 instead of tun0.',
  backupId: '20261202T015000-0a0b0c0d',
};

function setup(over: Partial<VpnCliDeps> = {}, status: VpnStatus = STATUS) {
  const out: { json: unknown; text: string }[] = [];
  const err: string[] = [];
  const calls: string[] = [];
  const vpn: VpnService = {
    status: async () => status,
    disconnect: async ({ name }) => {
      calls.push(`disconnect ${name ?? ''}`.trim());
      return DONE;
    },
    reconnect: async () => {
      calls.push('reconnect');
      return {
        ...DONE,
        action: 'reconnect',
        outcome: 'nothing-to-do',
        message: 'Access Doctor has not disconnected a VPN.',
      };
    },
    restore: async () => undefined,
  };
  const deps: VpnCliDeps = {
    vpn,
    journal: {} as Journal,
    yes: false,
    print: (json, text) => out.push({ json, text }),
    stderr: (t) => err.push(t),
    ...over,
  };
  return { deps, out, err, calls };
}

describe('access-doctor vpn', () => {
  it('prints viaTunnel, interface and tunnels; exit 0 when the path was read', async () => {
    const { deps, out } = setup();
    expect(await runVpn(undefined, undefined, deps)).toBe(EXIT.ok);
    expect(out[0]?.json).toMatchObject({ viaTunnel: true, interface: 'tun0', tunnels: [{ name: 'tun0' }] });
    expect(out[0]?.text).toContain('Your traffic leaves through tun0 (a VPN).');
  });

  it('exit 3 when the path cannot be told', async () => {
    const { deps } = setup(
      {},
      { ...STATUS, viaTunnel: null, interface: null, error: { code: 'x', message: 'No route.' } },
    );
    expect(await runVpn('status', undefined, deps)).toBe(EXIT.unknown);
  });
});

describe('access-doctor vpn disconnect', () => {
  it('refuses without --yes when there is no terminal to ask on', async () => {
    const { deps, err, calls } = setup();
    expect(await runVpn('disconnect', undefined, deps)).toBe(EXIT.usage);
    expect(err.join('')).toContain('--yes');
    expect(calls).toEqual([]);
  });

  it('asks on a terminal; no means nothing changes', async () => {
    const { deps, calls } = setup({ stdinIsTty: true, prompt: async () => 'n' });
    expect(await runVpn('disconnect', undefined, deps)).toBe(EXIT.ok);
    expect(calls).toEqual([]);
  });

  it('with --yes (or a yes) disconnects the named one and tells how to reconnect', async () => {
    const { deps, out, calls } = setup({ yes: true });
    expect(await runVpn('disconnect', 'Office', deps)).toBe(EXIT.ok);
    expect(calls).toEqual(['disconnect Office']);
    expect(out[0]?.text).toContain('access-doctor vpn reconnect');
    const asked = setup({ stdinIsTty: true, prompt: async () => 'yes' });
    expect(await runVpn('disconnect', undefined, asked.deps)).toBe(EXIT.ok);
    expect(asked.calls).toEqual(['disconnect']);
  });

  it('reconnect is one call; an unknown sub-command is a usage error', async () => {
    const { deps, calls } = setup();
    expect(await runVpn('reconnect', undefined, deps)).toBe(EXIT.ok);
    expect(calls).toEqual(['reconnect']);
    expect(await runVpn('explode', undefined, deps)).toBe(EXIT.usage);
  });
});
