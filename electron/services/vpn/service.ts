/**
 * The VPN service: where the traffic goes, disconnecting the VPN that carries it (recorded in the
 * journal first, so "reconnect" is one call: restoring that entry), and reconnecting it.
 */
import type { VpnActionResult, VpnConnection, VpnDriver, VpnStatus } from '../../../shared/model';
import { sentences } from '../../../shared/text';
import { AppFailure } from '../../core/errors';
import type { RunCommand } from '../../platform/exec';
import { type Journal, journaled } from '../journal';
import { type DetectDeps, readRoute, readVpnStatus } from './detect';
import { instructionsFor, runDriver } from './drivers';
import { carryingConnection } from './findings';

/** The journal kind of a disconnect: its settings name the connection, its restorer reconnects it. */
export const VPN_JOURNAL_KIND = 'vpn-connection';

const DRIVERS: readonly VpnDriver[] = ['networkmanager', 'warp-cli', 'wg-quick', 'scutil', 'rasdial'];

export interface VpnService {
  status(): Promise<VpnStatus>;
  /** Disconnects the named connection, or the one carrying traffic. The caller has asked the user. */
  disconnect(options: { name?: string; journal: Journal | undefined }): Promise<VpnActionResult>;
  /** Reconnects what the newest open disconnect record names (restores that journal entry). */
  reconnect(options: { journal: Journal | undefined }): Promise<VpnActionResult>;
  /** The journal's restorer: brings the recorded connection back up. */
  restore(previous: Record<string, unknown>): Promise<void>;
}

/** A connection as the journal recorded it, checked field by field (the manifest is on disk). */
export function connectionFromRecord(previous: Record<string, unknown>): VpnConnection {
  const { driver, name, id, device } = previous;
  const ok =
    typeof driver === 'string' &&
    (DRIVERS as readonly string[]).includes(driver) &&
    typeof name === 'string' &&
    typeof id === 'string' &&
    id.length > 0 &&
    id.length <= 128 &&
    !id.startsWith('-') &&
    (device === null || typeof device === 'string');
  if (!ok) throw new AppFailure('vpn-bad-record', 'The record of the disconnected VPN is damaged.');
  return { driver: driver as VpnDriver, name, id, device: (device as string | null) ?? null };
}

function pick(status: VpnStatus, name: string | undefined): VpnConnection | null {
  const { connections } = status;
  if (name !== undefined) {
    const n = name.toLowerCase();
    return connections.find((c) => [c.name, c.id, c.device].some((v) => v?.toLowerCase() === n)) ?? null;
  }
  return carryingConnection(status);
}

export function createVpnService(deps: DetectDeps): VpnService {
  const run: RunCommand = deps.run;
  const currentInterface = async () => {
    try {
      return (await readRoute(deps)).interface;
    } catch {
      return null;
    }
  };
  const changed = (before: string | null, after: string | null) =>
    after === before
      ? `Traffic still leaves through ${after ?? 'no interface'}`
      : `Traffic now leaves through ${after ?? 'no interface'} instead of ${before ?? 'no interface'}`;

  const service: VpnService = {
    status: () => readVpnStatus(deps),

    async disconnect({ name, journal }) {
      const status = await readVpnStatus(deps);
      const before = status.interface;
      const base = { action: 'disconnect' as const, before, after: before, pathChanged: false };
      const connection = pick(status, name);
      if (!connection) {
        if (name !== undefined) {
          return {
            ...base,
            outcome: 'nothing-to-do',
            connection: null,
            message: sentences(`No active VPN connection is called ${name.slice(0, 64)}`),
          };
        }
        if (!status.viaTunnel) {
          return {
            ...base,
            outcome: 'nothing-to-do',
            connection: null,
            message: 'Your traffic does not go through a VPN.',
          };
        }
        const tunnel = status.tunnels.find((t) => t.name === before) ?? null;
        return {
          ...base,
          outcome: 'by-hand',
          connection: null,
          message: sentences(
            `Access Doctor cannot disconnect ${before ?? 'this VPN'} itself`,
            instructionsFor(tunnel, deps.platform),
          ),
        };
      }
      if (!journal) {
        throw new AppFailure('journal-unavailable', 'Access Doctor cannot keep a record here, so it changes nothing.');
      }
      try {
        const { entry } = await journaled(
          journal,
          () =>
            journal.backupSettings(VPN_JOURNAL_KIND, `Disconnected the VPN ${connection.name}`, {
              driver: connection.driver,
              name: connection.name,
              id: connection.id,
              device: connection.device,
            }),
          () => runDriver(run, connection, 'down'),
        );
        const after = await currentInterface();
        return {
          action: 'disconnect',
          outcome: 'done',
          connection,
          before,
          after,
          pathChanged: after !== before,
          backupId: entry.id,
          message: sentences(`Disconnected ${connection.name}`, changed(before, after)),
        };
      } catch (error) {
        if (!(error instanceof AppFailure)) throw error;
        return { ...base, outcome: 'failed', connection, message: sentences(error.message) };
      }
    },

    async reconnect({ journal }) {
      const before = await currentInterface();
      const base = { action: 'reconnect' as const, before, after: before, pathChanged: false };
      if (!journal)
        return { ...base, outcome: 'nothing-to-do', connection: null, message: 'No VPN was disconnected here.' };
      const { entries } = await journal.list();
      const entry = entries.find((e) => e.kind === VPN_JOURNAL_KIND && e.state === 'applied');
      if (!entry?.settings) {
        return {
          ...base,
          outcome: 'nothing-to-do',
          connection: null,
          message: 'Access Doctor has not disconnected a VPN.',
        };
      }
      const connection = connectionFromRecord(entry.settings);
      try {
        await journal.restore(entry.id);
      } catch (error) {
        if (!(error instanceof AppFailure)) throw error;
        return { ...base, outcome: 'failed', connection, message: sentences(error.message) };
      }
      const after = await currentInterface();
      return {
        action: 'reconnect',
        outcome: 'done',
        connection,
        before,
        after,
        pathChanged: after !== before,
        backupId: entry.id,
        message: sentences(`Reconnected ${connection.name}`, changed(before, after)),
      };
    },

    async restore(previous) {
      const connection = connectionFromRecord(previous);
      // `wg-quick up` fails on an interface that is already up: bringing it back is done already.
      if (connection.driver === 'wg-quick' && deps.platform === 'linux') {
        const shown = await run('ip', ['link', 'show', 'dev', connection.id], { timeoutMs: 5000 }).catch(() => null);
        if (shown?.code === 0) return;
      }
      await runDriver(run, connection, 'up');
    },
  };
  return service;
}
