import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair } from 'jose';
import Provider, { errors, type Configuration } from 'oidc-provider';
import { type CookieJar, createCookieJar } from './cookie-jar.js';
import { listenOnLoopback } from './loopback-http.js';

/**
 * A real OAuth 2.1 / OpenID authorization server for tests: `oidc-provider` on 127.0.0.1
 * with PKCE (S256, required), dynamic client registration, resource indicators (JWT access
 * tokens whose `aud` is the resource asked for), refresh tokens, revocation and
 * introspection. For tests only.
 *
 * Signing in and consenting:
 * - programmatically: `await as.authorize(authorizationUrl, { login: 'alex' })` follows the
 *   URL as a browser would (cookies included), signs in as `alex`, consents, and returns the
 *   redirect back to the client (`?code&state&iss`, not followed). `{ consent: false }`
 *   refuses instead (the redirect carries `error=access_denied`).
 * - in a browser: the provider's own development pages. The sign-in page has a text box
 *   "Enter any login" (the login is the account id, e.g. `alex`) and a password box (any
 *   value), button "Sign-in"; the consent page has a button "Continue" (and a link
 *   "[ Cancel ]" that refuses).
 */
export interface OAuthAuthorizationServer {
  /** `http://127.0.0.1:<port>`: the issuer and the base of every endpoint. */
  readonly issuer: string;
  readonly provider: Provider;
  /** Follows an authorization URL as a person would; see above. */
  authorize(authorizationUrl: string | URL, options: AuthorizeOptions): Promise<URL>;
  /** What the provider's introspection says of a token (as its own client would ask). */
  isActive(token: string): Promise<boolean>;
  /** Accounts that signed in, in order. */
  readonly logins: string[];
  close(): Promise<void>;
}

export interface AuthorizeOptions {
  /** The account id to sign in as. */
  readonly login: string;
  /** `false`: refuse at the consent page. Default `true`. */
  readonly consent?: boolean;
}

export interface OAuthAuthorizationServerOptions {
  /** Access-token lifetime in seconds (default 300). */
  readonly accessTokenTtlSeconds?: number;
  /** The scope every resource offers (default `mcp:tools`). */
  readonly scope?: string;
  /** When given, only these resource indicators get tokens (others: `invalid_target`). */
  readonly resources?: readonly string[];
}

const MAX_REDIRECTS = 20;

export async function startOAuthAuthorizationServer(
  options: OAuthAuthorizationServerOptions = {},
): Promise<OAuthAuthorizationServer> {
  const scope = options.scope ?? 'mcp:tools';
  const http: Server = createServer();
  const issuer = `http://127.0.0.1:${await listenOnLoopback(http)}`;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), alg: 'RS256', use: 'sig', kid: 'test' };
  const logins: string[] = [];

  const configuration: Configuration = {
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    scopes: ['openid', 'offline_access', scope],
    findAccount: (_ctx, id) => ({
      accountId: id,
      claims: () => ({ sub: id, email: `${id}@example.test` }),
    }),
    pkce: { required: () => true },
    ttl: {
      Interaction: 600,
      Session: 3600,
      Grant: 86_400,
      AccessToken: options.accessTokenTtlSeconds ?? 300,
      RefreshToken: 86_400,
    },
    // Refresh tokens for any client allowed the grant, kept beyond the sign-in session.
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    expiresWithSession: () => false,
    clientDefaults: {
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
    features: {
      devInteractions: { enabled: true },
      registration: { enabled: true },
      revocation: { enabled: true, allowedPolicy: () => true },
      introspection: { enabled: true, allowedPolicy: () => true },
      resourceIndicators: {
        enabled: true,
        defaultResource: (_ctx, _client, oneOf) => oneOf ?? '',
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource) => {
          if (options.resources && !options.resources.includes(resource))
            throw new errors.InvalidTarget();
          return {
            scope,
            audience: resource,
            accessTokenTTL: options.accessTokenTtlSeconds ?? 300,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
  };
  const provider = new Provider(issuer, configuration);
  provider.on('server_error', () => undefined);
  provider.on('authorization.success', () => undefined);
  provider.on('interaction.ended', (ctx) => {
    const login = (ctx.oidc.entities.Interaction?.result as { login?: { accountId: string } })
      ?.login?.accountId;
    if (login) logins.push(login);
  });
  http.on('request', provider.callback());

  // A client of its own, to introspect tokens the way a resource server would.
  const registered = await fetch(`${issuer}/reg`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ redirect_uris: ['http://127.0.0.1/unused'] }),
  });
  if (!registered.ok)
    throw new Error(`could not register the introspection client: ${registered.status}`);
  const introspector = (await registered.json()) as { client_id: string; client_secret: string };
  const introspectorAuth = `Basic ${Buffer.from(
    `${encodeURIComponent(introspector.client_id)}:${encodeURIComponent(introspector.client_secret)}`,
  ).toString('base64')}`;

  return {
    issuer,
    provider,
    logins,
    authorize: (url, authorizeOptions) => followAuthorization(issuer, url, authorizeOptions),
    isActive: async (token) => {
      const response = await fetch(`${issuer}/token/introspection`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: introspectorAuth,
        },
        body: new URLSearchParams({ token }),
      });
      if (!response.ok) throw new Error(`introspection answered ${response.status}`);
      return ((await response.json()) as { active: boolean }).active;
    },
    close: async () => {
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

/** Walks the provider's redirects and development pages until it sends the browser back to the client. */
async function followAuthorization(
  issuer: string,
  start: string | URL,
  { login, consent = true }: AuthorizeOptions,
): Promise<URL> {
  const jar: CookieJar = createCookieJar();
  let next: { url: URL; form?: URLSearchParams } = { url: new URL(start) };
  for (let hop = 0; hop < MAX_REDIRECTS; hop++) {
    if (next.url.origin !== new URL(issuer).origin) return next.url;
    const response = await fetch(next.url, {
      method: next.form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        cookie: jar.header(),
        ...(next.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(next.form ? { body: next.form } : {}),
    });
    jar.take(response.headers.getSetCookie());
    const location = response.headers.get('location');
    if (location) {
      await response.body?.cancel();
      next = { url: new URL(location, next.url) };
      continue;
    }
    const page = await response.text();
    if (!response.ok) throw new Error(`the authorization server answered ${response.status}`);
    const prompt = /name="prompt" value="(login|consent)"/.exec(page)?.[1];
    if (prompt === 'login')
      next = { url: next.url, form: new URLSearchParams({ prompt, login, password: 'any' }) };
    else if (prompt === 'consent' && consent)
      next = { url: next.url, form: new URLSearchParams({ prompt }) };
    else if (prompt === 'consent') next = { url: new URL(`${next.url.pathname}/abort`, next.url) };
    else throw new Error('the authorization server showed a page with no sign-in or consent form');
  }
  throw new Error('too many redirects at the authorization server');
}
