/** Expected failures, as a string enum kept apart from any wire protocol's codes. */
export const DomainErrorCode = {
  NotFound: 'NOT_FOUND',
  Forbidden: 'FORBIDDEN',
  Conflict: 'CONFLICT',
  Invalid: 'INVALID',
  LimitExceeded: 'LIMIT_EXCEEDED',
  RateLimited: 'RATE_LIMITED',
  Unavailable: 'UNAVAILABLE',
  ContentFiltered: 'CONTENT_FILTERED',
  Timeout: 'TIMEOUT',
} as const;
export type DomainErrorCode = (typeof DomainErrorCode)[keyof typeof DomainErrorCode];

/**
 * An expected failure. `message` is safe to show a user: it never carries message
 * content, tokens, tool arguments or stack traces.
 */
export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: { readonly retryAfterMs?: number },
  ) {
    super(message);
  }
}

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;

export const notFound = (what: string) =>
  new DomainError(DomainErrorCode.NotFound, `${what} not found`);
export const forbidden = (why = 'You do not have access to this resource') =>
  new DomainError(DomainErrorCode.Forbidden, why);
export const invalid = (why: string) => new DomainError(DomainErrorCode.Invalid, why);
