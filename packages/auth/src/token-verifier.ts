import type { User } from '@salescoach/domain';

export interface VerifiedIdentity {
  readonly user: User;
  /** When the token stops being valid, epoch milliseconds. */
  readonly expiresAt: number;
  /**
   * `service` for an app-only token (client credentials: `idtyp: "app"`), `user` otherwise.
   * A service may call only the procedures made for services.
   */
  readonly kind: 'user' | 'service';
}

/**
 * Turns a bearer token into a user. Throws `AuthError` when the token is refused, and a
 * `DomainError` (`UNAVAILABLE`) when the signing keys cannot be fetched.
 */
export interface TokenVerifier {
  verify(token: string): Promise<VerifiedIdentity>;
}
