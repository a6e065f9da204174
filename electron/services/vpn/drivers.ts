/**
 * The programs that disconnect and reconnect a VPN, one command each way, and what to tell the user when
 * no program here can do it. Commands run through the injected runCommand: no shell, a timeout.
 */
import type { TunnelInterface, VpnConnection, VpnDriver } from '../../../shared/model';
import { sentences } from '../../../shared/text';
import { AppFailure } from '../../core/errors';
import type { RunCommand } from '../../platform/exec';
import { splitTerse } from './parse';

type Command = readonly [file: string, args: readonly string[]];

const COMMANDS: Record<VpnDriver, { down(c: VpnConnection): Command; up(c: VpnConnection): Command }> = {
  networkmanager: {
    // nmcli waits for NetworkManager to report the new state; a VPN's login may take a while to come up.
    down: (c) => ['nmcli', ['-w', '10', 'connection', 'down', 'uuid', c.id]],
    up: (c) => ['nmcli', ['-w', '45', 'connection', 'up', 'uuid', c.id]],
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

/** Whether NetworkManager lists the connection as active, or null when it cannot be asked. */
async function nmActive(run: RunCommand, uuid: string): Promise<boolean | null> {
  try {
    const r = await run('nmcli', ['-t', '-f', 'UUID,STATE', 'connection', 'show', '--active'], { timeoutMs: 10_000 });
    if (r.code !== 0) return null;
    return r.stdout
      .slice(0, 256 * 1024)
      .split('\n')
      .some((line) => {
        const [id, state] = splitTerse(line);
        return id === uuid && state !== 'deactivating';
      });
  } catch {
    return null;
  }
}

/** Runs the driver's command; a non-zero exit or a missing tool throws an AppFailure in plain words. */
export async function runDriver(run: RunCommand, connection: VpnConnection, direction: 'down' | 'up'): Promise<void> {
  const what = direction === 'down' ? 'disconnect' : 'reconnect';
  // A name read from a tool's output must not turn into an option of the next tool.
  if (connection.id.startsWith('-') || connection.id.length === 0) {
    throw new AppFailure(`vpn-${what}-failed`, `Access Doctor cannot ${what} a connection with that name.`);
  }
  const [file, args] = commandFor(connection, direction);
  let code: number;
  try {
    code = (await run(file, args, { timeoutMs: 60_000 })).code;
    // nmcli exits 3 when its wait runs out though the change may have happened: ask what is active now.
    if (code !== 0 && connection.driver === 'networkmanager') {
      const active = await nmActive(run, connection.id);
      if (active !== null && active === (direction === 'up')) code = 0;
    }
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
