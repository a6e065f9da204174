/**
 * A replayed machine for the VPN service: each command line answers with a recorded output from
 * tests/fixtures/vpn (see its README), and the disconnect/reconnect commands change what later reads see.
 */

import { AppFailure } from '../../../electron/core/errors';
import type { RunCommand } from '../../../electron/platform/exec';
import { fixture } from '../fixtures';

export interface FakeMachine {
  run: RunCommand;
  calls: string[];
  /** The route answer, by state. */
  state: { connected: boolean };
}

export interface MachineOptions {
  platform?: 'linux' | 'darwin' | 'win32';
  /** Which recorded route to answer while connected. */
  connectedRoute?: string;
  nmcli?: string | null;
  failDown?: boolean;
  /** nmcli's wait runs out (exit 3) though the connection did go down. */
  slowDown?: boolean;
}

export function fakeMachine(options: MachineOptions = {}): FakeMachine {
  const calls: string[] = [];
  const state = { connected: true };
  const ok = (stdout: string) => ({ code: 0, stdout, stderr: '' });
  const run: RunCommand = async (file, args) => {
    const line = [file, ...args].join(' ');
    calls.push(line);
    if (line === 'ip -j route get 1.1.1.1') {
      return ok(
        fixture(
          'vpn',
          state.connected ? (options.connectedRoute ?? 'linux-route-get-openvpn.json') : 'linux-route-get-plain.json',
        ),
      );
    }
    if (line === 'ip -j -d link') return ok(fixture('vpn', 'linux-link.json'));
    if (line.startsWith('nmcli -t -f UUID,STATE')) {
      return ok(state.connected ? 'c0ffee00-1111-2222-3333-444455556666:activated\n' : '');
    }
    if (line.startsWith('nmcli -t -f NAME')) {
      if (options.nmcli === null) return { code: 8, stdout: '', stderr: 'Error: NetworkManager is not running.\n' };
      return ok(state.connected ? (options.nmcli ?? fixture('vpn', 'nmcli-active.txt')) : '');
    }
    if (
      line.startsWith('nmcli -w 10 connection down') ||
      line.startsWith('wg-quick down') ||
      line === 'warp-cli disconnect'
    ) {
      if (options.failDown) return { code: 10, stdout: '', stderr: 'Error: not allowed\n' };
      state.connected = false;
      if (options.slowDown) return { code: 3, stdout: '', stderr: 'Error: Timeout expired (10 seconds)\n' };
      return ok('');
    }
    if (line.startsWith('nmcli -w 45 connection up') || line.startsWith('wg-quick up') || line === 'warp-cli connect') {
      state.connected = true;
      return ok('');
    }
    if (line.startsWith('ip link show dev'))
      return state.connected
        ? ok('4: wg0: <POINTOPOINT,UP>\n')
        : { code: 1, stdout: '', stderr: 'Device does not exist.\n' };
    throw new AppFailure('tool-missing', `${file} is not installed`);
  };
  return { run, calls, state };
}
