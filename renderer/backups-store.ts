/** The Backups screen's state: every journal entry, damaged ones by id, and one restore at a time. */
import { create } from 'zustand';
import type { AppError, BackupEntry, BackupListing } from '../shared/model';
import { api } from './api';
import { text } from './text';

export interface BackupsView {
  listing: BackupListing | null;
  loading: boolean;
  /** The entry being restored, and the one the user is asked to confirm. */
  restoring: string | null;
  confirming: string | null;
  /** The outcome of the last restore, in words. */
  result: { id: string; ok: boolean; text: string } | null;
  error: AppError | null;
  load(): Promise<void>;
  ask(id: string): void;
  cancel(): void;
  restore(id: string): Promise<void>;
}

/** Entries a crash or a failed undo left behind: offered at start. */
export function unfinished(listing: BackupListing | null): BackupEntry[] {
  return (listing?.entries ?? []).filter(
    (e) => e.state === 'open' || e.state === 'rollback-failed' || e.state === 'restore-failed',
  );
}

export const useBackups = create<BackupsView>()((set, get) => ({
  listing: null,
  loading: false,
  restoring: null,
  confirming: null,
  result: null,
  error: null,
  async load() {
    set({ loading: true });
    const outcome = await api.backups();
    set(
      outcome.ok ? { listing: outcome.value, loading: false, error: null } : { loading: false, error: outcome.error },
    );
  },
  ask: (id) => set({ confirming: id, result: null }),
  cancel: () => set({ confirming: null }),
  async restore(id) {
    if (get().restoring) return;
    set({ restoring: id, confirming: null, result: null });
    const outcome = await api.restoreBackup(id);
    set({
      restoring: null,
      result: outcome.ok
        ? { id, ok: true, text: text.backups.restored(id, outcome.value.savedAs) }
        : { id, ok: false, text: outcome.error.message },
    });
    await get().load();
  },
}));
