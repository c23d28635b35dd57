import { useCallback, useRef } from 'react';

/** Calls `signal` at most once per `intervalMs` while the user keeps typing. */
export function useThrottled(signal: () => void, intervalMs: number): () => void {
  const last = useRef(0);
  const latest = useRef(signal);
  latest.current = signal;
  return useCallback(() => {
    const now = Date.now();
    if (now - last.current < intervalMs) return;
    last.current = now;
    latest.current();
  }, [intervalMs]);
}
