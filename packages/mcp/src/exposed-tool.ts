import type { McpServerConfig } from '@salescoach/config';
import type { ToolDescriptor } from '@salescoach/domain';
import type { ServerConnection } from './server-connection.js';

/** A tool as the hub offers it, by its exposed name. */
export interface ExposedTool {
  readonly descriptor: ToolDescriptor;
  readonly config: McpServerConfig;
  /** The shared connection; absent for an `oauth` server (each user has their own). */
  readonly connection?: ServerConnection;
}
