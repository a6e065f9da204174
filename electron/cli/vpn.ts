/**
 * `access-doctor vpn [status]`, `vpn disconnect [NAME] [--yes]` and `vpn reconnect`. A disconnect asks
 * first (or needs --yes when there is no terminal to ask on), like `router reset`.
 */
import type { Journal } from '../services/journal';
import { formatVpnAction, formatVpnStatus, type VpnService } from '../services/vpn';
import { EXIT } from './exit-codes';

const DISCONNECT_WARNING = 'Disconnecting the VPN sends your traffic out through your own internet line.';

export interface VpnCliDeps {
  vpn: VpnService;
  journal: Journal;
  yes: boolean;
  print(json: unknown, text: string): void;
  stderr(text: string): void;
  stdinIsTty?: boolean;
  prompt?(question: string): Promise<string>;
}

export async function runVpn(sub: string | undefined, name: string | undefined, deps: VpnCliDeps): Promise<number> {
  switch (sub ?? 'status') {
    case 'status': {
      const s = await deps.vpn.status();
      deps.print(
        {
          viaTunnel: s.viaTunnel,
          interface: s.interface,
          gateway: s.gateway,
          table: s.table,
          tunnels: s.tunnels,
          connections: s.connections,
          ...(s.error ? { error: s.error } : {}),
        },
        formatVpnStatus(s),
      );
      return s.viaTunnel === null ? EXIT.unknown : EXIT.ok;
    }
    case 'disconnect': {
      if (!deps.yes) {
        if (!deps.stdinIsTty || !deps.prompt) {
          deps.stderr(
            `${DISCONNECT_WARNING}\nRefusing without confirmation: there is no terminal to ask on. Run \`access-doctor vpn disconnect --yes\` to confirm.\n`,
          );
          return EXIT.usage;
        }
        const answer = (await deps.prompt(`${DISCONNECT_WARNING}\nDisconnect the VPN now? [y/N] `)).trim();
        if (!/^y(es)?$/i.test(answer)) {
          deps.stderr('Nothing changed.\n');
          return EXIT.ok;
        }
      }
      const r = await deps.vpn.disconnect({ name, journal: deps.journal });
      deps.print(r, formatVpnAction(r));
      return r.outcome === 'done' || r.outcome === 'nothing-to-do' ? EXIT.ok : EXIT.unknown;
    }
    case 'reconnect': {
      const r = await deps.vpn.reconnect({ journal: deps.journal });
      deps.print(r, formatVpnAction(r));
      return r.outcome === 'done' || r.outcome === 'nothing-to-do' ? EXIT.ok : EXIT.unknown;
    }
    default:
      deps.stderr(`Unknown vpn command: ${(sub ?? '').slice(0, 40)}. Use vpn, vpn disconnect or vpn reconnect.\n`);
      return EXIT.usage;
  }
}
