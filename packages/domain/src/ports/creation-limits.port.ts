/** What a user may create only so often (SESSIONS_CREATED_PER_MINUTE, ROOMS_CREATED_PER_MINUTE). */
export type CreationKind = 'session' | 'room';

export interface CreationLimits {
  /** Resolves when allowed; throws a RATE_LIMITED domain error (TOO_MANY_REQUESTS) when not. */
  consume(kind: CreationKind, userId: string): Promise<void>;
}
