import { randomBytes } from 'node:crypto';
import { type McpServerConfig, oauthSettingsOf, resolveBearerSecret } from '@salescoach/config';
import {
  connectServerMessage,
  DomainError,
  DomainErrorCode,
  type Logger,
  type McpConnection,
  type McpConnections,
  type McpConnectionStatus,
  type McpCredentialStore,
  type McpTokens,
  silentLogger,
  type User,
} from '@salescoach/domain';
import {
  auth,
  discoverOAuthServerInfo,
  type OAuthDiscoveryState,
} from '@modelcontextprotocol/sdk/client/auth.js';
import { OAuthError, ServerError } from '@modelcontextprotocol/sdk/server/auth/errors.js';
import type { SecretResolver } from '../transport-factory.js';
import { type OAuthServerContext, StoredOAuthProvider } from './stored-oauth-provider.js';
import { revokeToken } from './token-revocation.js';

/** An `oauth` server's tool call without a usable connection for the caller. */
export class ConnectionNeededError extends Error {
  override readonly name = 'ConnectionNeededError';
  constructor(readonly server: string) {
    super(connectServerMessage(server));
  }
}

export interface McpOAuthOptions {
  /** The servers file's servers; those with `auth: oauth` are the ones handled. */
  readonly servers: readonly McpServerConfig[];
  readonly store: McpCredentialStore;
  /** `PUBLIC_API_URL` (or a function read at each use): the redirect URI is `${publicApiUrl}/oauth/callback`. */
  readonly publicApiUrl: string | (() => string);
  readonly resolveSecret?: SecretResolver;
  readonly logger?: Logger;
  /** Epoch milliseconds; for tests. */
  readonly now?: () => number;
  /** An access token this close to its expiry is refreshed first (default 60 s). */
  readonly refreshMarginMs?: number;
  /** For requests to authorization servers (default the global `fetch`). */
  readonly fetch?: typeof fetch;
}

/** Per-user OAuth for `oauth` servers: the connections service and the hub's token source. */
export interface McpOAuth extends McpConnections {
  /** Names of the `oauth` servers. */
  readonly servers: readonly string[];
  /**
   * The user's access token, refreshed when about to expire (or when `force`d: the server
   * refused it); `ConnectionNeededError` when the user has to connect (again).
   */
  accessToken(userId: string, server: string, options?: { force?: boolean }): Promise<string>;
  status(userId: string, server: string): Promise<McpConnectionStatus>;
}

/** How long a started authorization may take (the state expires then). */
export const PENDING_TTL_MS = 10 * 60_000;
const DEFAULT_REFRESH_MARGIN_MS = 60_000;

type HttpServer = Extract<McpServerConfig, { transport: 'streamable-http' }>;

const unavailable = (message: string) => new DomainError(DomainErrorCode.Unavailable, message);

export function createMcpOAuth(options: McpOAuthOptions): McpOAuth {
  const logger = (options.logger ?? silentLogger).child({ component: 'mcp-oauth' });
  const now = options.now ?? Date.now;
  const margin = options.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS;
  const fetchFn = options.fetch ?? fetch;
  const publicApiUrl = options.publicApiUrl;
  const redirectUrl = () =>
    `${(typeof publicApiUrl === 'string' ? publicApiUrl : publicApiUrl()).replace(/\/+$/, '')}/oauth/callback`;
  const discovery = new Map<string, OAuthDiscoveryState>();
  const servers = new Map<string, { config: HttpServer; ctx: OAuthServerContext }>();
  for (const config of options.servers) {
    const settings = oauthSettingsOf(config);
    if (!settings || config.transport !== 'streamable-http') continue;
    servers.set(config.name, {
      config,
      ctx: {
        server: config.name,
        settings,
        store: options.store,
        redirectUrl,
        resolveSecret: options.resolveSecret ?? resolveBearerSecret,
        discovery,
        now,
      },
    });
  }
  const refreshing = new Map<string, Promise<string>>();

  const serverFor = (user: User, name: string) => {
    const found = servers.get(name);
    if (!found || !found.config.roles.some((r) => user.roles.includes(r)))
      throw new DomainError(DomainErrorCode.NotFound, `No server ${name} to connect`);
    return found;
  };

  const statusOf = (tokens: McpTokens | undefined): McpConnectionStatus =>
    !tokens ? 'not_connected' : tokens.needsReconnect ? 'needs_reconnect' : 'connected';
  const status = async (userId: string, server: string) =>
    statusOf(await options.store.tokens(userId, server));

  async function markNeedsReconnect(userId: string, server: string): Promise<void> {
    const tokens = await options.store.tokens(userId, server);
    if (tokens) await options.store.saveTokens(userId, server, { ...tokens, needsReconnect: true });
  }

  /**
   * Refreshes through the SDK (discovery, client authentication, resource indicator). The
   * authorization server refusing the grant (or no refresh token) means the user has to
   * connect again; an outage does not: the call fails, the tokens stay for the next try.
   */
  async function refresh(userId: string, name: string, stored: McpTokens): Promise<string> {
    const { config, ctx } = servers.get(name)!;
    const provider = new StoredOAuthProvider(ctx, userId, { kind: 'refresh' });
    let result: 'AUTHORIZED' | 'REDIRECT' | 'FAILED';
    let refused = false;
    try {
      result = await auth(provider, { serverUrl: config.url, scope: ctx.settings.scope, fetchFn });
    } catch (error) {
      logger.warn({ mcpServer: name, error: (error as Error).name }, 'MCP token refresh failed');
      result = 'FAILED';
      refused = error instanceof OAuthError && !(error instanceof ServerError);
    }
    if (result === 'AUTHORIZED') {
      const tokens = await options.store.tokens(userId, name);
      if (tokens && !tokens.needsReconnect) {
        logger.info({ mcpServer: name }, 'MCP token refreshed');
        return tokens.accessToken;
      }
    }
    // `auth()` answers a refused grant by dropping the tokens and starting over (REDIRECT).
    if (refused || provider.grantRefused || !stored.refreshToken || result === 'AUTHORIZED') {
      await markNeedsReconnect(userId, name);
      throw new ConnectionNeededError(name);
    }
    throw new Error(`Could not refresh access to ${name}; try again shortly`);
  }

  return {
    servers: [...servers.keys()],
    status,

    async accessToken(userId, server, request) {
      if (!servers.has(server)) throw new ConnectionNeededError(server);
      const tokens = await options.store.tokens(userId, server);
      if (!tokens || tokens.needsReconnect) throw new ConnectionNeededError(server);
      const fresh = tokens.expiresAt === undefined || tokens.expiresAt - now() > margin;
      if (fresh && !request?.force) return tokens.accessToken;
      // One refresh per user and server at a time in this process.
      const key = JSON.stringify([userId, server]);
      let running = refreshing.get(key);
      if (!running) {
        running = refresh(userId, server, tokens).finally(() => refreshing.delete(key));
        refreshing.set(key, running);
      }
      return running;
    },

    async list(user) {
      const mine = [...servers.values()].filter(({ config }) =>
        config.roles.some((r) => user.roles.includes(r)),
      );
      return Promise.all(
        mine.map(async ({ config }): Promise<McpConnection> => {
          const tokens = await options.store.tokens(user.id, config.name);
          return {
            server: config.name,
            description: config.description,
            status: statusOf(tokens),
            ...(tokens ? { connectedAt: tokens.connectedAt } : {}),
            ...(tokens?.scope ? { scope: tokens.scope } : {}),
          };
        }),
      );
    },

    async connect(user, name) {
      const { config, ctx } = serverFor(user, name);
      const state = randomBytes(32).toString('base64url');
      const provider = new StoredOAuthProvider(ctx, user.id, { kind: 'start', state });
      try {
        await auth(provider, { serverUrl: config.url, scope: ctx.settings.scope, fetchFn });
      } catch (error) {
        logger.warn(
          { mcpServer: name, error: (error as Error).name },
          'MCP authorization not started',
        );
        throw unavailable(
          `Could not start connecting ${name}: ${(error as Error).message}`.slice(0, 300),
        );
      }
      const { authorizationUrl, newCodeVerifier } = provider;
      if (!authorizationUrl || !newCodeVerifier)
        throw unavailable(`Could not start connecting ${name}`);
      const created = now();
      await options.store.savePending({
        state,
        userId: user.id,
        server: name,
        codeVerifier: newCodeVerifier,
        createdAt: new Date(created).toISOString(),
        expiresAt: new Date(created + PENDING_TTL_MS).toISOString(),
      });
      logger.info({ mcpServer: name, userId: user.id }, 'MCP authorization started');
      return { authorizationUrl: authorizationUrl.href };
    },

    async complete({ code, state, error }) {
      const pending = state ? await options.store.takePending(state, new Date(now())) : undefined;
      if (!pending)
        return { ok: false, error: 'This sign-in has expired or was already used: connect again' };
      const { server, userId } = pending;
      const found = servers.get(server);
      if (!found) return { ok: false, error: `No server ${server} to connect` };
      if (error || !code) {
        logger.info({ mcpServer: server, userId }, 'MCP authorization refused');
        const why =
          error === 'access_denied' ? 'Access was not granted' : 'The sign-in did not finish';
        return { ok: false, server, error: why };
      }
      const provider = new StoredOAuthProvider(found.ctx, userId, {
        kind: 'finish',
        codeVerifier: pending.codeVerifier,
      });
      try {
        await auth(provider, {
          serverUrl: found.config.url,
          authorizationCode: code,
          scope: found.ctx.settings.scope,
          fetchFn,
        });
      } catch (failure) {
        logger.warn(
          { mcpServer: server, userId, error: (failure as Error).name },
          'MCP authorization code refused',
        );
        return { ok: false, server, error: 'The authorization server refused the sign-in' };
      }
      logger.info({ mcpServer: server, userId }, 'MCP server connected for a user');
      return { ok: true, server, userId };
    },

    async disconnect(user, name) {
      const { config, ctx } = serverFor(user, name);
      const tokens = await options.store.tokens(user.id, name);
      if (!tokens) return { disconnected: false, revoked: false };
      let revoked = false;
      try {
        const provider = new StoredOAuthProvider(ctx, user.id, { kind: 'refresh' });
        const client = await provider.clientInformation();
        const known = discovery.get(name);
        const metadata =
          known?.authorizationServerMetadata ??
          (await discoveredMetadata(config.url, provider, fetchFn));
        if (client) {
          // Revoking the refresh token ends the grant; a JWT access token then just expires.
          if (tokens.refreshToken)
            revoked = await revokeToken(
              metadata,
              client,
              {
                value: tokens.refreshToken,
                hint: 'refresh_token',
              },
              fetchFn,
            );
          if (!revoked)
            revoked = await revokeToken(
              metadata,
              client,
              {
                value: tokens.accessToken,
                hint: 'access_token',
              },
              fetchFn,
            );
        }
      } catch (error) {
        logger.warn(
          { mcpServer: name, error: (error as Error).name },
          'MCP token revocation failed',
        );
      }
      const disconnected = await options.store.deleteTokens(user.id, name);
      logger.info(
        { mcpServer: name, userId: user.id, revoked },
        'MCP server disconnected for a user',
      );
      return { disconnected, revoked };
    },
  };
}

/** The authorization server's metadata, by the SDK's discovery (kept in the provider's cache). */
async function discoveredMetadata(
  serverUrl: string,
  provider: StoredOAuthProvider,
  fetchFn: typeof fetch,
) {
  const info = await discoverOAuthServerInfo(serverUrl, { fetchFn });
  provider.saveDiscoveryState({
    authorizationServerUrl: info.authorizationServerUrl,
    ...(info.authorizationServerMetadata
      ? { authorizationServerMetadata: info.authorizationServerMetadata }
      : {}),
    ...(info.resourceMetadata ? { resourceMetadata: info.resourceMetadata } : {}),
  });
  return info.authorizationServerMetadata;
}
