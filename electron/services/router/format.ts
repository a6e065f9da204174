/** Plain-text renderings of router results for the CLI. Pure string builders. */
import type { PowerCycleResult, ReconnectResult, RouterProgress, RouterStatus } from '../../../shared/model';

export function formatRouterStatus(status: RouterStatus): string {
  if (!status.ok) return `No router found: ${status.error.message}`;
  const r = status.router;
  const g = r.gateway;
  const name = [g.friendlyName, g.manufacturer && g.modelName ? `${g.manufacturer} ${g.modelName}` : g.modelName]
    .filter(Boolean)
    .join(' — ');
  const lines = [
    `Router: ${name || 'UPnP gateway'} at ${g.address}${g.isDefaultGateway ? ' (your default gateway)' : ''}`,
    `  found in ${g.foundAfterMs} ms via ${g.localAddress}; service ${g.connectionService.replace('urn:schemas-upnp-org:service:', '')}`,
    `  WAN IP: ${r.externalIp ?? 'not reported by the router'}`,
    `  link: ${r.connectionStatus ?? 'unknown'}${r.connectionType ? ` (${r.connectionType})` : ''}${r.link?.linkStatus ? `, line ${r.link.linkStatus}` : ''}${r.link?.accessType ? ` over ${r.link.accessType}` : ''}`,
  ];
  if (r.uptimeSeconds !== null) lines.push(`  connected for: ${r.uptimeSeconds} s`);
  if (r.lastConnectionError) lines.push(`  last connection error: ${r.lastConnectionError}`);
  lines.push(
    `  remote reconnect: ${r.reconnect === 'offered' ? 'offered (the router may still refuse it)' : r.reconnect === 'not-offered' ? 'not offered' : 'unknown'}`,
  );
  if (r.publicIp) lines.push(`  public IP seen by sites: ${r.publicIp}`);
  if (r.natWarning) lines.push(`! ${r.natWarning.message}`);
  for (const p of r.partialErrors) lines.push(`  (${p.action} failed: ${p.error.message})`);
  return lines.join('\n');
}

export function formatReconnect(result: ReconnectResult): string {
  if (result.outcome === 'reconnected') {
    const lines = [
      result.ipChanged
        ? `Reconnected: ${result.oldIp ?? 'unknown'} → ${result.newIp} in ${(result.durationMs / 1000).toFixed(1)} s`
        : `Reconnected in ${(result.durationMs / 1000).toFixed(1)} s, but the address stayed ${result.newIp ?? 'unknown'}.`,
      `  (router connected after ${(result.connectedAfterMs / 1000).toFixed(1)} s; confirmed by ${result.confirmedBy === 'echo' ? 'an outside echo service' : 'the router'})`,
    ];
    if (result.natWarning) lines.push(`! ${result.natWarning.message}`);
    return lines.join('\n');
  }
  const lines = [result.error.message, '', 'Restart the router by hand instead:'];
  result.guide.steps.forEach((step, i) => {
    lines.push(`  ${i + 1}. ${step}`);
  });
  lines.push('', 'Run `access-doctor router power-cycle` to be guided and told the new address.');
  return lines.join('\n');
}

export function formatPowerCycle(result: PowerCycleResult): string {
  return `${result.message}${result.durationMs ? ` (${Math.round(result.durationMs / 1000)} s)` : ''}`;
}

export function formatRouterProgress(p: RouterProgress): string {
  const countdown = p.remainingSeconds !== undefined && p.remainingSeconds > 0 ? ` [${p.remainingSeconds} s]` : '';
  return `  ${p.message}${countdown}`;
}
