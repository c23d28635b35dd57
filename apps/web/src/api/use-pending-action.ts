import { useCallback, useState } from 'react';
import { readableError } from './readable-error.js';

/** One user action at a time: whether it runs, and its last failure as a safe message. */
export function usePendingAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** Runs `work`; true when it succeeded (its failure is kept in `error`). */
  const run = useCallback(async (work: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await work();
      return true;
    } catch (e) {
      setError(readableError(e));
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}
