import type { User } from '../model/user.js';

/** Where a user stands with an `oauth` MCP server. */
export type McpConnectionStatus = 'connected' | 'not_connected' | 'needs_reconnect';

export interface McpConnection {
  readonly server: string;
  readonly description: string;
  readonly status: McpConnectionStatus;
  /** ISO time of the consent. */
  readonly connectedAt?: string;
  /** What the user granted. */
  readonly scope?: string;
}

/** How an authorization ended: connected, or why not (safe to show; `server` when known). */
export type CompletedConnection =
  | { readonly ok: true; readonly server: string; readonly userId: string }
  | { readonly ok: false; readonly server?: string; readonly error: string };

/**
 * Per-user connections to MCP servers whose `auth` is `oauth` (MCP OAuth 2.1): the user
 * consents at the server's authorization server, the API keeps the tokens (sealed) and uses
 * them for that user's tool calls only. Failures are `DomainError`s with safe messages.
 */
export interface McpConnections {
  /** The `oauth` servers the user's roles may use, each with the user's status. */
  list(user: User): Promise<McpConnection[]>;
  /** Starts an authorization: the browser goes to `authorizationUrl` (state single-use, 10 minutes). */
  connect(user: User, server: string): Promise<{ authorizationUrl: string }>;
  /** Revokes the tokens at the server's revocation endpoint when it has one, and deletes them. */
  disconnect(user: User, server: string): Promise<{ disconnected: boolean; revoked: boolean }>;
  /**
   * Finishes an authorization from the redirect back (`code` and `state`, or an `error`): the
   * state is taken once; unknown, used or expired states and refused codes end `ok: false`.
   */
  complete(redirect: {
    readonly code?: string;
    readonly state?: string;
    readonly error?: string;
  }): Promise<CompletedConnection>;
}

/** The exact text a call to (or question for) a server the user has not connected gets. */
export const connectServerMessage = (server: string): string =>
  `Connect ${server} to use its tools`;
