/** A tRPC call's refusal as a test reads it: the error's code, `retryAfterMs` and message. */
export interface Refusal {
  readonly data?: { code?: string; retryAfterMs?: number | null };
  readonly message: string;
}

/** The call's refusal, or `{ message: 'accepted' }` when it went through. */
export const refusalOf = (promise: Promise<unknown>): Promise<Refusal> =>
  promise.then(
    () => ({ message: 'accepted' }),
    (error: Refusal) => error,
  );
