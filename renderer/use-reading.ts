import { useCallback, useEffect, useState } from 'react';
import type { Outcome } from '../shared/ipc';
import type { AppError } from '../shared/model';

/**
 * What a step reads from the main process when it opens (the network path, the proxy, the browsers):
 * the value, the last error, and which action is running (`'reading'` while it reads). `load` must be
 * stable (a module-level function); `read` reads again after an action changed something.
 */
export function useReading<T, Action extends string = never>(load: () => Promise<Outcome<T>>) {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState<'reading' | Action | null>('reading');
  const read = useCallback(async () => {
    setBusy('reading');
    const outcome = await load();
    setBusy(null);
    if (outcome.ok) setValue(outcome.value);
    else setError(outcome.error);
  }, [load]);
  useEffect(() => {
    void read();
  }, [read]);
  return { value, setValue, error, setError, busy, setBusy, read };
}
