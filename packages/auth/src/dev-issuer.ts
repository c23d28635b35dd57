import { createLocalJWKSet, SignJWT, type JSONWebKeySet } from 'jose';
import { AuthError } from './auth-error.js';
import { DEV_TENANT_ID, DEV_USERS, isDevUserKey } from './dev-users.js';
import { DEV_SIGNING_ALG, loadOrCreateDevSigningKey } from './dev-signing-key.js';
import { checkClockTolerance, verifyJwt } from './jwt-verification.js';
import type { TokenVerifier } from './token-verifier.js';

export const DEV_ISSUER = 'salescoach-dev';
export const DEV_AUDIENCE = 'salescoach-api';
const DEFAULT_TTL_SECONDS = 3600;
const DEV_CLOCK_TOLERANCE_SECONDS = 30;

export interface DevIssuerOptions {
  /** Directory that keeps the signing key (created if missing). */
  readonly dataDir: string;
  readonly ttlSeconds?: number;
  /** Epoch milliseconds; for tests. */
  readonly now?: () => number;
}

export interface IssuedToken {
  readonly token: string;
  /** Epoch milliseconds. */
  readonly expiresAt: number;
}

export interface DevIssuer {
  /** Signs a short-lived token for one of `DEV_USERS`; `AuthError('invalid')` for anyone else. */
  issue(userKey: string): Promise<IssuedToken>;
  /** Checks dev tokens with the same pinned rules as any other token. */
  readonly verifier: TokenVerifier;
  /** The public key, as a JSON Web Key Set. */
  jwks(): JSONWebKeySet;
  /**
   * Signs a token for another audience (the dev token endpoint's exchanges): `sub`, `aud`,
   * `exp` and `claims` as given, the issuer's `iss`, `iat` and `nbf`.
   */
  signFor(request: SignForRequest): Promise<IssuedToken>;
}

export interface SignForRequest {
  readonly audience: string;
  readonly subject: string;
  /** Epoch milliseconds. */
  readonly expiresAt: number;
  readonly claims: Record<string, unknown>;
}

/** The local issuer of `AUTH_MODE=dev`: an ES256 key kept under `dataDir`, tokens for the demo users. */
export async function createDevIssuer(options: DevIssuerOptions): Promise<DevIssuer> {
  const ttlSeconds = options.ttlSeconds ?? DEFAULT_TTL_SECONDS;
  if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0)
    throw new RangeError('ttlSeconds must be a positive integer');
  const now = options.now ?? Date.now;
  const key = await loadOrCreateDevSigningKey(options.dataDir);
  const keySet: JSONWebKeySet = { keys: [key.publicJwk] };
  const keys = createLocalJWKSet(keySet);

  const verifier: TokenVerifier = {
    verify: (token) =>
      verifyJwt(token, keys, {
        algorithms: [DEV_SIGNING_ALG],
        issuer: DEV_ISSUER,
        audience: DEV_AUDIENCE,
        clockToleranceSeconds: checkClockTolerance(DEV_CLOCK_TOLERANCE_SECONDS),
        tenantId: DEV_TENANT_ID,
        now,
      }),
  };

  return {
    async issue(userKey) {
      if (!isDevUserKey(userKey))
        throw new AuthError('invalid', 'unknown-dev-user', { message: 'Unknown dev user' });
      const user = DEV_USERS[userKey];
      const issuedAt = Math.floor(now() / 1000);
      const expiresAtSeconds = issuedAt + ttlSeconds;
      const token = await new SignJWT({
        oid: user.key,
        tid: DEV_TENANT_ID,
        name: user.name,
        email: user.email,
        preferred_username: user.email,
        roles: [...user.roles],
      })
        .setProtectedHeader({ alg: DEV_SIGNING_ALG, kid: key.kid, typ: 'JWT' })
        .setIssuer(DEV_ISSUER)
        .setAudience(DEV_AUDIENCE)
        .setSubject(user.key)
        .setIssuedAt(issuedAt)
        .setNotBefore(issuedAt)
        .setExpirationTime(expiresAtSeconds)
        .sign(key.privateKey);
      return { token, expiresAt: expiresAtSeconds * 1000 };
    },
    verifier,
    jwks: () => structuredClone(keySet),
    async signFor(request) {
      const issuedAt = Math.floor(now() / 1000);
      const expiresAtSeconds = Math.floor(request.expiresAt / 1000);
      const token = await new SignJWT(request.claims)
        .setProtectedHeader({ alg: DEV_SIGNING_ALG, kid: key.kid, typ: 'at+jwt' })
        .setIssuer(DEV_ISSUER)
        .setAudience(request.audience)
        .setSubject(request.subject)
        .setIssuedAt(issuedAt)
        .setNotBefore(issuedAt)
        .setExpirationTime(expiresAtSeconds)
        .sign(key.privateKey);
      return { token, expiresAt: expiresAtSeconds * 1000 };
    },
  };
}
