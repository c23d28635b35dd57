import { type McpServerConfig, oboTargetOf } from '@salescoach/config';
import { connectServerMessage, type ToolCallContext } from '@salescoach/domain';
import { type DelegatedTokens, delegationFailureMessage } from './delegated-tokens.js';
import type { McpOAuth } from './oauth/mcp-oauth.js';
import type { UserConnections } from './oauth/user-connections.js';
import type { ServerConnection } from './server-connection.js';

/** Which connection a call goes through, and the delegated token it carries (`obo`). */
export interface CallRoute {
  readonly connection: ServerConnection;
  readonly token?: string;
}

export interface CallRouteDeps {
  readonly delegatedTokens?: DelegatedTokens;
  readonly oauth?: McpOAuth;
  readonly userConnections?: UserConnections;
}

/**
 * The route of one call, or `{ error }` (safe to show) when its credentials are missing: a
 * shared connection with, for `obo`, a token issued for that server on the user's behalf; for
 * `oauth`, the user's own connection, or `Connect <server> to use its tools`.
 */
export async function routeCall(
  entry: { readonly config: McpServerConfig; readonly connection?: ServerConnection },
  context: ToolCallContext,
  deps: CallRouteDeps,
): Promise<CallRoute | { error: string }> {
  if (entry.connection) {
    const token = await delegatedTokenFor(entry.config, context, deps.delegatedTokens);
    if (typeof token === 'object') return token;
    return { connection: entry.connection, ...(token === undefined ? {} : { token }) };
  }
  const server = entry.config.name;
  if (!deps.oauth || !deps.userConnections) return { error: `${server} is not configured` };
  if (context.credential === 'service')
    return { error: `${server} has no service credential: its tools run for a signed-in user` };
  if ((await deps.oauth.status(context.user.id, server)) !== 'connected')
    return { error: connectServerMessage(server) };
  const connection = await deps.userConnections.get(server, context.user.id);
  if (connection) return { connection };
  // Connecting needed a refresh that failed, or the server is down.
  return (await deps.oauth.status(context.user.id, server)) === 'connected'
    ? { error: `${server} is unavailable right now` }
    : { error: connectServerMessage(server) };
}

/**
 * The token an `obo` server gets for this call: the user's, exchanged for one issued for
 * that server (never the API's own). `undefined` for other servers; `{ error }` when the
 * exchange fails, which fails this call only.
 */
async function delegatedTokenFor(
  config: McpServerConfig,
  context: ToolCallContext,
  tokens: DelegatedTokens | undefined,
): Promise<string | undefined | { error: string }> {
  const target = oboTargetOf(config);
  if (!target || !tokens) return undefined;
  if (context.credential === 'service') {
    try {
      return await tokens.forService(target);
    } catch (error) {
      return {
        error: `Could not get the service credential for ${config.name}: ${delegationFailureMessage(error)}`,
      };
    }
  }
  const why = `Could not get access to ${config.name} on your behalf`;
  if (!context.token) return { error: `${why}: no sign-in token came with the question` };
  try {
    return await tokens.forUser({
      ...target,
      userId: context.user.id,
      subjectToken: context.token,
    });
  } catch (error) {
    return { error: `${why}: ${delegationFailureMessage(error)}` };
  }
}
