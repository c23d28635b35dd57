import type { McpCredentialRepository } from '@salescoach/domain';
import * as records from '../credentials/credential-records.js';
import { decodeStored, validateIncoming } from '../validation/stored-document.js';

/** The rows, exposed so a test can read exactly what is kept. */
export interface MemoryCredentialTables {
  readonly tokens: Map<string, unknown>;
  readonly pending: Map<string, unknown>;
  readonly clients: Map<string, unknown>;
}

export const createMemoryCredentialTables = (): MemoryCredentialTables => ({
  tokens: new Map(),
  pending: new Map(),
  clients: new Map(),
});

const tokenKey = (userId: string, server: string) => JSON.stringify([userId, server]);

export function createMemoryMcpCredentials(
  tables: MemoryCredentialTables,
): McpCredentialRepository {
  return {
    async getTokens(userId, server) {
      const key = tokenKey(userId, server);
      const raw = tables.tokens.get(key);
      return raw === undefined
        ? null
        : decodeStored(records.storedTokensSchema, raw, records.TOKENS, key);
    },
    async putTokens(tokens) {
      const valid = validateIncoming(records.storedTokensSchema, tokens, records.TOKENS);
      tables.tokens.set(tokenKey(valid.userId, valid.server), structuredClone(valid));
    },
    async deleteTokens(userId, server) {
      return tables.tokens.delete(tokenKey(userId, server));
    },
    async putPending(pending) {
      const valid = validateIncoming(records.storedPendingSchema, pending, records.PENDING);
      // The user's older authorization for this server, and any past its expiry, go.
      for (const [key, row] of tables.pending) {
        const kept = row as { expiresAt: string; userId: string; server: string };
        const same = kept.userId === valid.userId && kept.server === valid.server;
        if (same || Date.parse(kept.expiresAt) <= Date.now()) tables.pending.delete(key);
      }
      tables.pending.set(valid.key, structuredClone(valid));
    },
    async takePending(key, now) {
      const raw = tables.pending.get(key);
      if (raw === undefined) return null;
      tables.pending.delete(key);
      const found = decodeStored(records.storedPendingSchema, raw, records.PENDING, key);
      return Date.parse(found.expiresAt) > now.getTime() ? found : null;
    },
    async getClient(server) {
      const raw = tables.clients.get(server);
      return raw === undefined
        ? null
        : decodeStored(records.storedClientSchema, raw, records.CLIENT, server);
    },
    async putClient(client) {
      const valid = validateIncoming(records.storedClientSchema, client, records.CLIENT);
      tables.clients.set(valid.server, structuredClone(valid));
    },
    async deleteClient(server) {
      tables.clients.delete(server);
    },
  };
}
