export interface BackoffOptions {
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialDelayMs: 500, maxDelayMs: 30_000 };

/**
 * Exponential backoff with "equal jitter": half the exponential delay, plus a random part
 * up to the other half, so many clients that lost the same server do not retry in lockstep.
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions,
  random: () => number = Math.random,
): number {
  const exponential = Math.min(
    options.maxDelayMs,
    options.initialDelayMs * 2 ** Math.max(0, attempt),
  );
  return Math.round(exponential / 2 + random() * (exponential / 2));
}
