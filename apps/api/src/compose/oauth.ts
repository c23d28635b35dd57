import {
  type McpServerConfig,
  oauthSettingsOf,
  publicApiUrlOf,
  resolveBearerSecret,
  resolveMcpTokenKey,
  type Settings,
} from '@salescoach/config';
import type { Logger, McpConnections, RateLimiter, Store } from '@salescoach/domain';
import { createMcpOAuth, type McpOAuth } from '@salescoach/mcp';
import { openMcpCredentialStore } from '@salescoach/store';

export interface OAuthSetup {
  readonly oauth: McpOAuth;
  /** The address the server got, once it listens: the default of `PUBLIC_API_URL`. */
  bindPublicUrl(listening: string): void;
}

/**
 * Per-user OAuth for `oauth` MCP servers: tokens sealed in the store with `MCP_TOKEN_KEY`
 * (a start-up error in entra mode when it is missing and a server needs it; a warning and the
 * dev key in dev mode).
 */
export function composeOAuth(
  settings: Settings,
  logger: Logger,
  store: Store,
  servers: readonly McpServerConfig[],
): OAuthSetup {
  const oauthServers = servers.filter((s) => oauthSettingsOf(s) !== undefined).map((s) => s.name);
  const { key, warning } = resolveMcpTokenKey({
    key: settings.MCP_TOKEN_KEY,
    authMode: settings.AUTH_MODE,
    oauthServers,
  });
  if (warning) logger.warn({ servers: oauthServers }, warning);
  let publicUrl = publicApiUrlOf(settings, `http://localhost:${settings.PORT}`);
  return {
    oauth: createMcpOAuth({
      servers,
      store: openMcpCredentialStore(store.mcpCredentials, key),
      publicApiUrl: () => publicUrl,
      resolveSecret: resolveBearerSecret,
      logger,
    }),
    bindPublicUrl: (listening) => {
      publicUrl = publicApiUrlOf(settings, listening);
    },
  };
}

/**
 * The connections with `connect` limited per user (`OAUTH_CONNECTS_PER_MINUTE`): each call
 * starts an authorization (a pending row, maybe a client registration) whether or not it is
 * finished. Past the limit it throws RATE_LIMITED (TOO_MANY_REQUESTS) before anything starts.
 */
export function limitConnects(connections: McpConnections, limiter: RateLimiter): McpConnections {
  return {
    list: (user) => connections.list(user),
    connect: async (user, server) => {
      await limiter.consume(`connect:${user.id}`);
      return connections.connect(user, server);
    },
    disconnect: (user, server) => connections.disconnect(user, server),
    complete: (redirect) => connections.complete(redirect),
  };
}
