/**
 * The programs that disconnect and reconnect a VPN, one command each way, and what to tell the user when
 * no program here can do it. Commands run through the injected runCommand: no shell, a timeout.
 */
import type { TunnelInterface, VpnConnection, VpnDriver } from '../../../shared/model';
import { sentences } from '../../../shared/text';
import { AppFailure } from '../../core/errors';
import type { RunCommand } from '../../platform/exec';

type Command = readonly [file: string, args: readonly string[]];

const COMMANDS: Record<VpnDriver, { down(c: VpnConnection): Command; up(c: VpnConnection): Command }> = {
  networkmanager: {
    down: (c) => ['nmcli', ['connection', 'down', 'uuid', c.id]],
    up: (c) => ['nmcli', ['connection', 'up', 'uuid', c.id]],
  },
  'warp-cli': {
    down: () => ['warp-cli', ['disconnect']],
    up: () => ['warp-cli', ['connect']],
  },
  'wg-quick': {
    down: (c) => ['wg-quick', ['down', c.id]],
    up: (c) => ['wg-quick', ['up', c.id]],
  },
  scutil: {
    down: (c) => ['scutil', ['--nc', 'stop', c.id]],
    up: (c) => ['scutil', ['--nc', 'start', c.id]],
  },
  rasdial: {
    down: (c) => ['rasdial', [c.id, '/disconnect']],
    up: (c) => ['rasdial', [c.id]],
  },
};

export function commandFor(connection: VpnConnection, direction: 'down' | 'up'): Command {
  return COMMANDS[connection.driver][direction](connection);
}

/** Runs the driver's command; a non-zero exit or a missing tool throws an AppFailure in plain words. */
export async function runDriver(run: RunCommand, connection: VpnConnection, direction: 'down' | 'up'): Promise<void> {
  const [file, args] = commandFor(connection, direction);
  const what = direction === 'down' ? 'disconnect' : 'reconnect';
  let code: number;
  try {
    code = (await run(file, args, { timeoutMs: 30_000 })).code;
  } catch {
    throw new AppFailure(
      `vpn-${what}-failed`,
      `Access Doctor could not ${what} ${connection.name}: ${file} did not run.`,
    );
  }
  if (code !== 0) {
    throw new AppFailure(
      `vpn-${what}-failed`,
      sentences(
        `Access Doctor could not ${what} ${connection.name}`,
        connection.driver === 'wg-quick' && 'Bringing a WireGuard interface up or down needs administrator rights',
      ),
    );
  }
}

/** How to disconnect by hand, in the words of the client the interface belongs to. */
export function instructionsFor(tunnel: TunnelInterface | null, platform: NodeJS.Platform): string {
  const name = tunnel?.name ?? 'the VPN';
  switch (tunnel?.client) {
    case 'Cloudflare WARP':
      return sentences('Turn WARP off in the Cloudflare WARP app, or run warp-cli disconnect');
    case 'Tailscale':
      return sentences('Turn off an exit node in the Tailscale app, or run tailscale down');
    case 'NordVPN':
      return sentences('Disconnect in the NordVPN app, or run nordvpn disconnect');
    case 'Proton VPN':
      return sentences('Disconnect in the Proton VPN app');
    case 'Mullvad VPN':
      return sentences('Disconnect in the Mullvad VPN app, or run mullvad disconnect');
    case 'ZeroTier':
      return sentences('Leave the network in the ZeroTier app, or turn off its default route');
    case 'GlobalProtect':
      return sentences('Disconnect in the GlobalProtect app');
    case 'Cisco Secure Client':
      return sentences('Disconnect in the Cisco Secure Client app');
    default:
      break;
  }
  if (tunnel?.kind === 'wireguard')
    return sentences(`Run wg-quick down ${name} as administrator, or disconnect in the WireGuard app`);
  if (platform === 'darwin') return sentences('Disconnect in the VPN app’s menu, or in System Settings under VPN');
  if (platform === 'win32') return sentences('Disconnect in the VPN app, or under Settings, Network and internet, VPN');
  if (tunnel?.kind === 'tun' || tunnel?.kind === 'tap') {
    return sentences(`Stop the VPN app (often OpenVPN) that created ${name}`);
  }
  return sentences('Disconnect in the VPN app that set up the connection');
}
