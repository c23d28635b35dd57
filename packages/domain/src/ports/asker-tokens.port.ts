import type { User } from '../model/user.js';

/**
 * A sign-in token for the person who asked, obtained when their request is decided (they may
 * be offline by then): the hub exchanges it for one issued for the MCP server, so the call
 * runs with the asker's identity, never the decider's. Rejects with a message safe to show.
 */
export interface AskerTokens {
  forAsker(asker: User): Promise<string>;
  /** The asker's own token when they proposed the call (kept in memory only, if at all). */
  remember?(asker: User, token: string): void;
}
