import type { McpCredentialRepository } from '@salescoach/domain';
import type { z } from 'zod';
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

/** One row decoded as it would be read back from a real store, or null when there is none. */
function readRow<S extends z.ZodType>(
  table: Map<string, unknown>,
  schema: S,
  label: string,
  key: string,
): z.output<S> | null {
  const raw = table.get(key);
  return raw === undefined ? null : decodeStored(schema, raw, label, key);
}

export function createMemoryMcpCredentials(
  tables: MemoryCredentialTables,
): McpCredentialRepository {
  return {
    async getTokens(userId, server) {
      const key = tokenKey(userId, server);
      return readRow(tables.tokens, records.storedTokensSchema, records.TOKENS, key);
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
      const found = readRow(tables.pending, records.storedPendingSchema, records.PENDING, key);
      tables.pending.delete(key);
      return found && Date.parse(found.expiresAt) > now.getTime() ? found : null;
    },
    async getClient(server) {
      return readRow(tables.clients, records.storedClientSchema, records.CLIENT, server);
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
