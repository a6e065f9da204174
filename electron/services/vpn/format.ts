/** The CLI's text for the network path and a disconnect or reconnect. */
import type { VpnActionResult, VpnStatus } from '../../../shared/model';
import { sentences } from '../../../shared/text';
import { tunnelPhrase } from './findings';

export function formatVpnStatus(s: VpnStatus): string {
  const lines: string[] = [];
  if (s.viaTunnel === null)
    lines.push(sentences('Access Doctor cannot tell which way your traffic leaves this computer', s.error?.message));
  else if (s.viaTunnel) {
    const t = s.tunnels.find((x) => x.name === s.interface);
    lines.push(
      sentences(`Your traffic leaves through ${s.interface} (${tunnelPhrase(t)})`, 'Sites often block VPN exits'),
    );
  } else lines.push(sentences(`Your traffic leaves through ${s.interface ?? 'your network'}, not a VPN`));
  if (s.table) lines.push(`  routing table: ${s.table}`);
  if (s.tunnels.length) lines.push(`  tunnels: ${s.tunnels.map((t) => t.name).join(', ')}`);
  for (const c of s.connections) lines.push(`  can disconnect: ${c.name}${c.device ? ` (${c.device})` : ''}`);
  return lines.join('\n');
}

export function formatVpnAction(r: VpnActionResult): string {
  return r.backupId && r.action === 'disconnect'
    ? `${r.message}\n  reconnect with: access-doctor vpn reconnect`
    : r.message;
}
