import { useState } from 'react';
import { readableError } from '../api/readable-error.js';

export type CallAction = 'hint' | 'end';

/**
 * "Hint" and "End and score" for the rep: which one runs, its failure, and whether the call
 * was scored from this page (then the scorecard takes the focus when it appears).
 */
export function useCallActions(calls: {
  hint: () => Promise<unknown>;
  end: () => Promise<unknown>;
  /** Reloads what the action changed. */
  after: () => Promise<unknown>;
}) {
  const [busy, setBusy] = useState<CallAction | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [scoredHere, setScoredHere] = useState(false);
  const act = async (what: CallAction) => {
    setBusy(what);
    setError(null);
    try {
      await calls[what]();
      if (what === 'end') setScoredHere(true);
      await calls.after();
    } catch (e) {
      setError(readableError(e));
    } finally {
      setBusy(null);
    }
  };
  return { busy, error, scoredHere, act };
}
