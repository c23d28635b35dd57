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

const TENANT_GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const entraIssuer = (tenantId: string) =>
  `https://login.microsoftonline.com/${tenantId}/v2.0`;
export const entraJwksUri = (tenantId: string) =>
  `https://login.microsoftonline.com/${tenantId}/discovery/v2.0/keys`;

/** Verifies Microsoft Entra ID v2 access tokens against the tenant's published keys (RS256 only). */
export function createEntraVerifier(options: EntraVerifierOptions): TokenVerifier {
  // Tokens carry the tenant as a lower-case GUID, in `tid` and in the issuer.
  const tenantId = options.tenantId.trim().toLowerCase();
  if (!TENANT_GUID.test(tenantId))
    throw new TypeError('tenantId must be the directory (tenant) id, a GUID');
  const { audience } = options;
  if (!audience.trim()) throw new TypeError('audience is required');
  const keys = createRemoteJWKSet(new URL(options.jwksUri ?? entraJwksUri(tenantId)));
  const rules = {
    algorithms: ['RS256'],
    issuer: options.issuer ?? entraIssuer(tenantId),
    audience,
    clockToleranceSeconds: checkClockTolerance(
      options.clockToleranceSeconds ?? MAX_CLOCK_TOLERANCE_SECONDS,
    ),
    tenantId,
    ...(options.now ? { now: options.now } : {}),
  };
  return { verify: (token) => verifyJwt(token, keys, rules) };
}
