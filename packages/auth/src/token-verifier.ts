import type { User } from '@salescoach/domain';

export interface VerifiedIdentity {
  readonly user: User;
  /** When the token stops being valid, epoch milliseconds. */
  readonly expiresAt: number;
}

/**
 * Turns a bearer token into a user. Throws `AuthError` when the token is refused, and a
 * `DomainError` (`UNAVAILABLE`) when the signing keys cannot be fetched.
 */
export interface TokenVerifier {
  verify(token: string): Promise<VerifiedIdentity>;
}
