import type { McpServerConfig } from '@salescoach/config';
import type { Logger } from '@salescoach/domain';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import type { BackoffOptions } from '../backoff.js';
import { ServerConnection } from '../server-connection.js';
import type { SecretResolver } from '../transport-factory.js';
import type { McpOAuth } from './mcp-oauth.js';

export interface UserConnectionsDeps {
  readonly oauth: McpOAuth;
  readonly logger: Logger;
  readonly resolveSecret: SecretResolver;
  readonly backoff: BackoffOptions;
  /** A connection nobody used for this long is closed (default 10 minutes). */
  readonly idleMs?: number;
  /** Called when a server's known tools change. */
  readonly onToolsChanged: () => void;
}

interface Entry {
  readonly connection: ServerConnection;
  readonly userId: string;
  lastUsed: number;
}

const DEFAULT_IDLE_MS = 10 * 60_000;

/**
 * The connections to `oauth` servers: one per user who connected the server, made on demand
 * with that user's token (so an MCP session never carries two users), closed when idle. A
 * server's tools are known from the latest listing of any of its connections.
 */
export class UserConnections {
  private readonly entries = new Map<string, Entry>();
  private readonly catalogs = new Map<string, readonly Tool[]>();
  private readonly sweep: NodeJS.Timeout;
  private readonly idleMs: number;

  constructor(
    private readonly configs: readonly McpServerConfig[],
    private readonly deps: UserConnectionsDeps,
  ) {
    this.idleMs = deps.idleMs ?? DEFAULT_IDLE_MS;
    this.sweep = setInterval(() => void this.closeIdle(), Math.max(1_000, this.idleMs / 2));
    this.sweep.unref();
  }

  /** The server's tools as last listed for anyone. */
  catalog(server: string): readonly Tool[] {
    return this.catalogs.get(server) ?? [];
  }

  /** How many users have an open connection to the server. */
  openCount(server: string): number {
    let count = 0;
    for (const { connection } of this.entries.values())
      if (connection.config.name === server && connection.connected) count++;
    return count;
  }

  /** The user's open connection, (re)connecting now when it is not; undefined when that fails. */
  async get(server: string, userId: string): Promise<ServerConnection | undefined> {
    const key = JSON.stringify([server, userId]);
    let entry = this.entries.get(key);
    if (!entry) {
      const config = this.configs.find((c) => c.name === server);
      if (!config) return undefined;
      entry = { connection: this.open(config, userId), userId, lastUsed: Date.now() };
      this.entries.set(key, entry);
    }
    entry.lastUsed = Date.now();
    if (entry.connection.connected) return entry.connection;
    return (await entry.connection.connect()) ? entry.connection : undefined;
  }

  /** Closes the user's connection (after a disconnect). */
  async drop(server: string, userId: string): Promise<void> {
    const key = JSON.stringify([server, userId]);
    const entry = this.entries.get(key);
    this.entries.delete(key);
    await entry?.connection.close();
  }

  async close(): Promise<void> {
    clearInterval(this.sweep);
    const open = [...this.entries.values()];
    this.entries.clear();
    await Promise.all(open.map((e) => e.connection.close()));
  }

  private open(config: McpServerConfig, userId: string): ServerConnection {
    const connection: ServerConnection = new ServerConnection(config, {
      logger: this.deps.logger.child({ userId }),
      resolveSecret: this.deps.resolveSecret,
      backoff: this.deps.backoff,
      retry: false,
      oauthToken: (options) => this.deps.oauth.accessToken(userId, config.name, options),
      onToolsChanged: () => {
        if (connection.connected) this.catalogs.set(config.name, connection.tools);
        this.deps.onToolsChanged();
      },
    });
    return connection;
  }

  private async closeIdle(): Promise<void> {
    const cutoff = Date.now() - this.idleMs;
    for (const [key, entry] of this.entries)
      if (entry.lastUsed < cutoff) {
        this.entries.delete(key);
        await entry.connection.close();
        this.deps.logger.info(
          { mcpServer: entry.connection.config.name, userId: entry.userId, idleMs: this.idleMs },
          'Idle MCP connection closed for a user',
        );
      }
  }
}
