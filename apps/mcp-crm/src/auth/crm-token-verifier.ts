import { InvalidTokenError, ServerError } from '@modelcontextprotocol/sdk/server/auth/errors.js';
import type { OAuthTokenVerifier } from '@modelcontextprotocol/sdk/server/auth/provider.js';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import { errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';

/** Who may call the CRM: the one issuer, the one audience (its own resource), the one algorithm. */
export interface CrmAuthOptions {
  /** The only accepted `iss`. */
  readonly issuer: string;
  /** The only accepted `aud`; default the CRM's resource URL. */
  readonly audience?: string;
  /** The issuer's signing keys (e.g. jose's `createRemoteJWKSet`). */
  readonly keys: JWTVerifyGetKey;
  /** The one accepted signature algorithm: `ES256` (dev issuer) or `RS256` (Entra). */
  readonly algorithm: 'ES256' | 'RS256';
  /** The authorization server named in the protected-resource metadata. */
  readonly authorizationServer: string;
  /** The resource URL published in the metadata; default the `/mcp` URL the server listens on. */
  readonly resource?: string;
  /** Epoch milliseconds; for tests. */
  readonly now?: () => number;
}

const CLOCK_TOLERANCE_SECONDS = 30;
const MAX_TOKEN_LENGTH = 16 * 1024;

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length > 0 ? value : undefined;

/** The verified caller, carried in `AuthInfo.extra` to the tools. */
export interface VerifiedCaller {
  readonly subject: string;
  /** The signed-in person's e-mail; absent for a service (client-credentials) token. */
  readonly email?: string;
}

export const callerOf = (auth: AuthInfo | undefined): VerifiedCaller | undefined =>
  auth?.extra?.caller as VerifiedCaller | undefined;

/** Verifies every bearer token with jose: signature, pinned algorithm, issuer, audience, expiry. */
export function createCrmTokenVerifier(
  options: CrmAuthOptions & { readonly audience: string },
): OAuthTokenVerifier {
  return {
    async verifyAccessToken(token: string): Promise<AuthInfo> {
      if (token.length > MAX_TOKEN_LENGTH) throw new InvalidTokenError('The token is too long');
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, options.keys, {
          algorithms: [options.algorithm],
          issuer: options.issuer,
          audience: options.audience,
          clockTolerance: CLOCK_TOLERANCE_SECONDS,
          requiredClaims: ['exp', 'sub'],
          ...(options.now ? { currentDate: new Date(options.now()) } : {}),
        }));
      } catch (error) {
        throw refusal(error);
      }
      const email = text(payload.email) ?? text(payload.preferred_username);
      const caller: VerifiedCaller = { subject: String(payload.sub), ...(email ? { email } : {}) };
      const scope = text(payload.scp) ?? text(payload.scope) ?? '';
      return {
        token,
        clientId: text(payload.azp) ?? text(payload.client_id) ?? text(payload.appid) ?? '',
        scopes: scope.split(' ').filter((s) => s.length > 0),
        expiresAt: payload.exp,
        resource: URL.canParse(options.audience) ? new URL(options.audience) : undefined,
        extra: { caller },
      };
    },
  };
}

/** A safe reason for the `WWW-Authenticate` header: never the token or its claims. */
function refusal(error: unknown): Error {
  if (error instanceof errors.JWTExpired) return new InvalidTokenError('The token has expired');
  if (error instanceof errors.JWTClaimValidationFailed) {
    return new InvalidTokenError(
      error.claim === 'aud'
        ? 'The token was not issued for this server'
        : `The token's ${error.claim} claim was refused`,
    );
  }
  if (error instanceof errors.JOSEError && !(error instanceof errors.JWKSTimeout))
    return new InvalidTokenError('The token was refused');
  return new ServerError('The signing keys are unavailable, try again shortly');
}
