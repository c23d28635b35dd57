import { DomainError, DomainErrorCode } from '@salescoach/domain';
import { errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { AuthError } from './auth-error.js';
import { claimsToIdentity } from './claims-to-identity.js';
import type { VerifiedIdentity } from './token-verifier.js';

/** The most clock skew any verifier accepts, in seconds. */
export const MAX_CLOCK_TOLERANCE_SECONDS = 60;
/** Longer strings are not parsed at all. */
const MAX_TOKEN_LENGTH = 16 * 1024;
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

export interface JwtRules {
  readonly algorithms: readonly string[];
  readonly issuer: string;
  readonly audience: string;
  readonly clockToleranceSeconds: number;
  readonly tenantId?: string;
  readonly now?: () => number;
}

export function checkClockTolerance(seconds: number): number {
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > MAX_CLOCK_TOLERANCE_SECONDS) {
    throw new RangeError(
      `clockToleranceSeconds must be between 0 and ${MAX_CLOCK_TOLERANCE_SECONDS}`,
    );
  }
  return seconds;
}

/** Verifies signature and registered claims with pinned rules, then maps the claims to a user. */
export async function verifyJwt(
  token: string,
  keys: JWTVerifyGetKey,
  rules: JwtRules,
): Promise<VerifiedIdentity> {
  if (typeof token !== 'string' || token.trim() === '') throw new AuthError('missing');
  if (token.length > MAX_TOKEN_LENGTH || !COMPACT_JWS.test(token)) throw new AuthError('malformed');
  try {
    const { payload } = await jwtVerify(token, keys, {
      algorithms: [...rules.algorithms],
      issuer: rules.issuer,
      audience: rules.audience,
      clockTolerance: rules.clockToleranceSeconds,
      requiredClaims: ['exp', 'nbf', 'iat', 'sub'],
      ...(rules.now ? { currentDate: new Date(rules.now()) } : {}),
    });
    return claimsToIdentity(payload, rules.tenantId);
  } catch (error) {
    throw toVerificationError(error);
  }
}

function toVerificationError(error: unknown): Error {
  if (error instanceof AuthError) return error;
  if (error instanceof errors.JWTExpired) return new AuthError('expired', 'claim:exp');
  if (error instanceof errors.JWTClaimValidationFailed)
    return new AuthError('invalid', `claim:${error.claim}`);
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
    return new AuthError('invalid', 'alg');
  }
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return new AuthError('invalid', 'signature');
  if (
    error instanceof errors.JWKSNoMatchingKey ||
    error instanceof errors.JWKSMultipleMatchingKeys
  ) {
    return new AuthError('invalid', 'kid');
  }
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid)
    return new AuthError('malformed');
  if (error instanceof errors.JWKInvalid) return new AuthError('invalid', 'key');
  // Anything else is the key source failing (JWKS timeout, bad response, network): not the caller's fault.
  return new DomainError(
    DomainErrorCode.Unavailable,
    'Sign-in keys are unavailable, try again shortly',
  );
}
