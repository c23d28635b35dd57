import { createRemoteJWKSet } from 'jose';
import { checkClockTolerance, MAX_CLOCK_TOLERANCE_SECONDS, verifyJwt } from './jwt-verification.js';
import type { TokenVerifier } from './token-verifier.js';

export interface EntraVerifierOptions {
  /** The directory (tenant) id; tokens from any other tenant are refused. */
  readonly tenantId: string;
  /** The API's application (client) id or its app id URI. */
  readonly audience: string;
  /** Default `https://login.microsoftonline.com/{tenant}/discovery/v2.0/keys`. */
  readonly jwksUri?: string;
  /** Default `https://login.microsoftonline.com/{tenant}/v2.0`. */
  readonly issuer?: string;
  /** At most 60; default 60. */
  readonly clockToleranceSeconds?: number;
  /** Epoch milliseconds; for tests. */
  readonly now?: () => number;
}

export const entraIssuer = (tenantId: string) => `https://login.microsoftonline.com/${tenantId}/v2.0`;
export const entraJwksUri = (tenantId: string) =>
  `https://login.microsoftonline.com/${tenantId}/discovery/v2.0/keys`;

/** Verifies Microsoft Entra ID v2 access tokens against the tenant's published keys (RS256 only). */
export function createEntraVerifier(options: EntraVerifierOptions): TokenVerifier {
  const { tenantId, audience } = options;
  if (!tenantId.trim()) throw new TypeError('tenantId is required');
  if (!audience.trim()) throw new TypeError('audience is required');
  const tenant = encodeURIComponent(tenantId);
  const keys = createRemoteJWKSet(new URL(options.jwksUri ?? entraJwksUri(tenant)));
  const rules = {
    algorithms: ['RS256'],
    issuer: options.issuer ?? entraIssuer(tenant),
    audience,
    clockToleranceSeconds: checkClockTolerance(options.clockToleranceSeconds ?? MAX_CLOCK_TOLERANCE_SECONDS),
    tenantId,
    ...(options.now ? { now: options.now } : {}),
  };
  return { verify: (token) => verifyJwt(token, keys, rules) };
}
