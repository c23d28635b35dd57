/** Why a token was refused. `missing` and `malformed` are the caller's input; `expired` asks for a fresh token. */
export type AuthErrorCode = 'missing' | 'malformed' | 'expired' | 'invalid';

const SAFE_MESSAGES: Record<AuthErrorCode, string> = {
  missing: 'Sign-in required',
  malformed: 'The access token is malformed',
  expired: 'The access token has expired',
  invalid: 'The access token was rejected',
};

/**
 * A refused token. `message` is safe to show a client: it never carries the token, its
 * claims or the verifier's internals. `reason` is a short non-secret tag for logs
 * (e.g. `claim:aud`, `signature`, `kid`).
 */
export class AuthError extends Error {
  override readonly name = 'AuthError';
  constructor(
    readonly code: AuthErrorCode,
    readonly reason: string = code,
    options?: { cause?: unknown; message?: string },
  ) {
    super(options?.message ?? SAFE_MESSAGES[code], options);
  }
}

export const isAuthError = (e: unknown): e is AuthError => e instanceof AuthError;
