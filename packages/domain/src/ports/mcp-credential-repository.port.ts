/**
 * Per-user credentials for MCP servers whose `auth` is `oauth`: each user's tokens per server,
 * authorizations in progress (by state) and the API's client registration per server.
 *
 * Two layers: adapters (`McpCredentialRepository`, in the store package) keep records whose
 * secrets arrive already sealed, so a database file or document never holds a token, code
 * verifier or client secret in plaintext; `McpCredentialStore` is what the OAuth client uses,
 * with the secrets open (the store package seals them with AES-256-GCM, key `MCP_TOKEN_KEY`).
 */

/** A user's tokens for one server, secrets sealed. */
export interface StoredMcpTokens {
  readonly userId: string;
  readonly server: string;
  /** The access and refresh tokens, sealed (opaque text). */
  readonly sealed: string;
  /** When the access token expires (ISO), when the server said. */
  readonly expiresAt?: string;
  readonly scope?: string;
  readonly connectedAt: string;
  /** The refresh failed: the user has to connect again. */
  readonly needsReconnect: boolean;
}

/** An authorization the user started and has not finished: found by its state, once. */
export interface StoredPendingAuthorization {
  /** A one-way hash of the state, never the state itself. */
  readonly key: string;
  readonly userId: string;
  readonly server: string;
  /** The PKCE code verifier, sealed. */
  readonly sealed: string;
  readonly createdAt: string;
  readonly expiresAt: string;
}

/** The API's client at a server's authorization server (registered, or from the servers file). */
export interface StoredMcpClient {
  readonly server: string;
  /** The client information (id, and secret when there is one), sealed. */
  readonly sealed: string;
  readonly registeredAt: string;
}

export interface McpCredentialRepository {
  getTokens(userId: string, server: string): Promise<StoredMcpTokens | null>;
  /** Creates or replaces the user's tokens for the server. */
  putTokens(tokens: StoredMcpTokens): Promise<void>;
  /** False when there was nothing to delete. */
  deleteTokens(userId: string, server: string): Promise<boolean>;
  /** Keeps an authorization in progress; an older one of the same user and server goes. */
  putPending(pending: StoredPendingAuthorization): Promise<void>;
  /**
   * Removes the authorization and returns it, so a state works once (of two callers at once,
   * one gets it). Null when there is none, or when it expired before `now` (then removed too).
   */
  takePending(key: string, now: Date): Promise<StoredPendingAuthorization | null>;
  getClient(server: string): Promise<StoredMcpClient | null>;
  putClient(client: StoredMcpClient): Promise<void>;
  deleteClient(server: string): Promise<void>;
}

/** A user's tokens for one server, open. */
export interface McpTokens {
  readonly accessToken: string;
  readonly refreshToken?: string;
  readonly tokenType: string;
  /** Epoch milliseconds. */
  readonly expiresAt?: number;
  readonly scope?: string;
  readonly connectedAt: string;
  readonly needsReconnect: boolean;
  /** The authorization server that issued them (the SDK binds tokens to it). */
  readonly issuer?: string;
}

export interface PendingAuthorization {
  readonly state: string;
  readonly userId: string;
  readonly server: string;
  readonly codeVerifier: string;
  readonly createdAt: string;
  readonly expiresAt: string;
}

/** Client information as the authorization server gave it (`client_id`, `client_secret`, …). */
export type McpClientInformation = Readonly<Record<string, unknown>> & {
  readonly client_id: string;
};

/** `McpCredentialRepository` with its secrets open: what the OAuth client works with. */
export interface McpCredentialStore {
  tokens(userId: string, server: string): Promise<McpTokens | undefined>;
  saveTokens(userId: string, server: string, tokens: McpTokens): Promise<void>;
  deleteTokens(userId: string, server: string): Promise<boolean>;
  savePending(pending: PendingAuthorization): Promise<void>;
  /** The authorization for this state, once; undefined when unknown, used or expired. */
  takePending(state: string, now: Date): Promise<PendingAuthorization | undefined>;
  client(server: string): Promise<McpClientInformation | undefined>;
  saveClient(server: string, client: McpClientInformation): Promise<void>;
  deleteClient(server: string): Promise<void>;
}
