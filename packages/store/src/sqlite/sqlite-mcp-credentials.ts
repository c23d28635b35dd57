import type { McpCredentialRepository } from '@salescoach/domain';
import type { DatabaseSync } from 'node:sqlite';
import * as records from '../credentials/credential-records.js';
import { decodeStoredJson, validateIncoming } from '../validation/stored-document.js';

/** MCP credentials in `mcp_tokens`, `mcp_pending` and `mcp_clients` (migration 13); secrets arrive sealed. */
export function createSqliteMcpCredentials(db: DatabaseSync): McpCredentialRepository {
  const tokensGet = db.prepare('SELECT doc FROM mcp_tokens WHERE user_id = ? AND server = ?');
  const tokensPut = db.prepare(
    'INSERT INTO mcp_tokens (user_id, server, doc) VALUES (?, ?, ?) ' +
      'ON CONFLICT (user_id, server) DO UPDATE SET doc = excluded.doc',
  );
  const tokensDelete = db.prepare('DELETE FROM mcp_tokens WHERE user_id = ? AND server = ?');
  const pendingPut = db.prepare('INSERT INTO mcp_pending (key, expires_ms, doc) VALUES (?, ?, ?)');
  // The user's older authorization for this server, and any past its expiry, go.
  const pendingSweep = db.prepare(
    "DELETE FROM mcp_pending WHERE expires_ms <= ? OR (json_extract(doc, '$.userId') = ? AND json_extract(doc, '$.server') = ?)",
  );
  // One statement: of two callbacks with the same state, exactly one gets the row.
  const pendingTake = db.prepare('DELETE FROM mcp_pending WHERE key = ? RETURNING expires_ms, doc');
  const clientGet = db.prepare('SELECT doc FROM mcp_clients WHERE server = ?');
  const clientPut = db.prepare(
    'INSERT INTO mcp_clients (server, doc) VALUES (?, ?) ' +
      'ON CONFLICT (server) DO UPDATE SET doc = excluded.doc',
  );
  const clientDelete = db.prepare('DELETE FROM mcp_clients WHERE server = ?');
  return {
    async getTokens(userId, server) {
      const row = tokensGet.get(userId, server) as { doc: string } | undefined;
      return row
        ? decodeStoredJson(records.storedTokensSchema, row.doc, records.TOKENS, server)
        : null;
    },
    async putTokens(tokens) {
      const valid = validateIncoming(records.storedTokensSchema, tokens, records.TOKENS);
      tokensPut.run(valid.userId, valid.server, JSON.stringify(valid));
    },
    async deleteTokens(userId, server) {
      return tokensDelete.run(userId, server).changes > 0;
    },
    async putPending(pending) {
      const valid = validateIncoming(records.storedPendingSchema, pending, records.PENDING);
      pendingSweep.run(Date.now(), valid.userId, valid.server);
      pendingPut.run(valid.key, Date.parse(valid.expiresAt), JSON.stringify(valid));
    },
    async takePending(key, now) {
      const row = pendingTake.get(key) as { expires_ms: number; doc: string } | undefined;
      if (!row || row.expires_ms <= now.getTime()) return null;
      return decodeStoredJson(records.storedPendingSchema, row.doc, records.PENDING, 'by state');
    },
    async getClient(server) {
      const row = clientGet.get(server) as { doc: string } | undefined;
      return row
        ? decodeStoredJson(records.storedClientSchema, row.doc, records.CLIENT, server)
        : null;
    },
    async putClient(client) {
      const valid = validateIncoming(records.storedClientSchema, client, records.CLIENT);
      clientPut.run(valid.server, JSON.stringify(valid));
    },
    async deleteClient(server) {
      clientDelete.run(server);
    },
  };
}
