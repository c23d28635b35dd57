import { timingSafeEqual } from 'node:crypto';
import { DEV_AUDIENCE, type DevIssuer } from '../dev-issuer.js';
import { isAuthError } from '../auth-error.js';
import { ACCESS_TOKEN_TYPE, JWT_TOKEN_TYPE, TOKEN_EXCHANGE_GRANT } from './token-exchange.js';

export interface DevTokenEndpointOptions {
  readonly issuer: DevIssuer;
  /** The one client allowed to call it (the API), and its secret. */
  readonly clientId: string;
  readonly clientSecret: string;
  /** The only audiences it issues for (the `obo` servers' resources), or a test of one. */
  readonly resources: readonly string[] | ((resource: string) => boolean);
  /** Lifetime of an issued token; never past the subject token's own expiry. Default 900 s. */
  readonly ttlSeconds?: number;
  /** Epoch milliseconds; for tests. */
  readonly now?: () => number;
}

export interface TokenEndpointAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly headers?: Record<string, string>;
}

export interface DevTokenEndpoint {
  /** Answers one `POST` to the token endpoint (form body, `Authorization` header). */
  handle(form: URLSearchParams, authorization: string | undefined): Promise<TokenEndpointAnswer>;
  /** RFC 8414 authorization-server metadata for an endpoint served under `baseUrl`. */
  metadata(baseUrl: string): Record<string, unknown>;
}

export const DEV_TOKEN_PATH = '/oauth2/token';
export const DEV_JWKS_PATH = '/.well-known/jwks.json';

const oauthError = (status: number, error: string, description: string): TokenEndpointAnswer => ({
  status,
  body: { error, error_description: description },
  headers: {
    'cache-control': 'no-store',
    ...(status === 401 ? { 'www-authenticate': 'Basic realm="salescoach-dev"' } : {}),
  },
});

const sameSecret = (given: string, expected: string): boolean => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

function clientOf(
  form: URLSearchParams,
  authorization: string | undefined,
): { id: string; secret: string } | undefined {
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(authorization ?? '');
  if (basic?.[1]) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return undefined;
    try {
      return {
        id: decodeURIComponent(decoded.slice(0, colon)),
        secret: decodeURIComponent(decoded.slice(colon + 1)),
      };
    } catch {
      return undefined;
    }
  }
  const id = form.get('client_id');
  const secret = form.get('client_secret');
  return id && secret ? { id, secret } : undefined;
}

/**
 * The dev issuer's token endpoint: RFC 8693 token exchange (the signed-in user's API token
 * for one issued for an `obo` MCP server) and client credentials (the API's own token for
 * such a server, to list its tools). Only the API, with its secret, may call it.
 */
export function createDevTokenEndpoint(options: DevTokenEndpointOptions): DevTokenEndpoint {
  const now = options.now ?? Date.now;
  const ttlMs = (options.ttlSeconds ?? 900) * 1000;
  const listed = typeof options.resources === 'function' ? undefined : new Set(options.resources);
  const issuesFor = (resource: string): boolean =>
    resource !== DEV_AUDIENCE &&
    (listed ? listed.has(resource) : (options.resources as (r: string) => boolean)(resource));

  async function handle(
    form: URLSearchParams,
    authorization: string | undefined,
  ): Promise<TokenEndpointAnswer> {
    const client = clientOf(form, authorization);
    if (
      !client ||
      client.id !== options.clientId ||
      !sameSecret(client.secret, options.clientSecret)
    )
      return oauthError(401, 'invalid_client', 'client authentication failed');
    const grant = form.get('grant_type');
    if (grant !== TOKEN_EXCHANGE_GRANT && grant !== 'client_credentials')
      return oauthError(400, 'unsupported_grant_type', 'token exchange or client credentials only');
    const resource = form.get('resource') ?? form.get('audience');
    if (!resource || !issuesFor(resource))
      return oauthError(400, 'invalid_target', 'no tokens are issued for that resource');
    const scope = form.get('scope') ?? undefined;
    const common = { azp: options.clientId, ...(scope ? { scope } : {}) };

    if (grant === 'client_credentials') {
      const issued = await options.issuer.signFor({
        audience: resource,
        subject: options.clientId,
        expiresAt: now() + ttlMs,
        claims: common,
      });
      return answer(issued.token, issued.expiresAt, scope, false);
    }
    const type = form.get('subject_token_type');
    if (type !== ACCESS_TOKEN_TYPE && type !== JWT_TOKEN_TYPE)
      return oauthError(400, 'invalid_request', 'subject_token_type must be an access token');
    let identity;
    try {
      identity = await options.issuer.verifier.verify(form.get('subject_token') ?? '');
    } catch (error) {
      if (!isAuthError(error)) throw error;
      return oauthError(400, 'invalid_grant', 'the subject token was refused');
    }
    const { user } = identity;
    const issued = await options.issuer.signFor({
      audience: resource,
      subject: user.id,
      expiresAt: Math.min(identity.expiresAt, now() + ttlMs),
      claims: {
        ...common,
        tid: user.tenantId,
        name: user.name,
        email: user.email,
        roles: [...user.roles],
        // RFC 8693 §4.1: the API acts for the user.
        act: { sub: options.clientId },
      },
    });
    return answer(issued.token, issued.expiresAt, scope, true);
  }

  const answer = (
    token: string,
    expiresAt: number,
    scope: string | undefined,
    exchanged: boolean,
  ): TokenEndpointAnswer => ({
    status: 200,
    headers: { 'cache-control': 'no-store' },
    body: {
      access_token: token,
      token_type: 'Bearer',
      expires_in: Math.max(0, Math.floor((expiresAt - now()) / 1000)),
      ...(exchanged ? { issued_token_type: ACCESS_TOKEN_TYPE } : {}),
      ...(scope ? { scope } : {}),
    },
  });

  return {
    handle,
    metadata: (baseUrl) => ({
      issuer: 'salescoach-dev',
      token_endpoint: `${baseUrl}${DEV_TOKEN_PATH}`,
      jwks_uri: `${baseUrl}${DEV_JWKS_PATH}`,
      grant_types_supported: [TOKEN_EXCHANGE_GRANT, 'client_credentials'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    }),
  };
}
