import type { Container } from '@azure/cosmos';
import type { McpCredentialRepository } from '@salescoach/domain';
import * as records from '../credentials/credential-records.js';
import { decodeStored, validateIncoming } from '../validation/stored-document.js';
import type { CosmosOperations } from './cosmos-operations.js';

/**
 * MCP credentials in their own container `mcpCredentials` (partition key `/pk`): a user's
 * tokens in the user's partition (`tokens|<server>`), authorizations in progress in the
 * `pending` partition by the hash of their state (with a Cosmos `ttl`, so the service drops
 * the unfinished ones), client registrations in `clients`. Secrets arrive sealed.
 */
const PENDING_PK = 'pending';
const CLIENTS_PK = 'clients';

interface CredentialDoc {
  id: string;
  pk: string;
  type: 'tokens' | 'pending' | 'client';
  record: unknown;
  ttl?: number;
}

export function createCosmosMcpCredentials(
  ops: CosmosOperations,
  container: Container,
): McpCredentialRepository {
  const read = async (operation: string, id: string, pk: string) =>
    (await ops.read<CredentialDoc>(operation, container, id, pk))?.doc.record;
  return {
    async getTokens(userId, server) {
      const record = await read('mcpTokens.get', `tokens|${server}`, userId);
      return record === undefined
        ? null
        : decodeStored(records.storedTokensSchema, record, records.TOKENS, server);
    },
    async putTokens(tokens) {
      const valid = validateIncoming(records.storedTokensSchema, tokens, records.TOKENS);
      await ops.upsert('mcpTokens.put', container, {
        id: `tokens|${valid.server}`,
        pk: valid.userId,
        type: 'tokens',
        record: valid,
      } satisfies CredentialDoc);
    },
    async deleteTokens(userId, server) {
      return ops.delete('mcpTokens.delete', container, `tokens|${server}`, userId);
    },
    async putPending(pending) {
      const valid = validateIncoming(records.storedPendingSchema, pending, records.PENDING);
      // The user's older authorization for this server goes.
      const older = await ops.query<{ id: string }>(
        'mcpPending.put',
        container,
        {
          query:
            "SELECT c.id FROM c WHERE c.pk = @pk AND c.type = 'pending' AND c.record.userId = @user AND c.record.server = @server",
          parameters: [
            { name: '@pk', value: PENDING_PK },
            { name: '@user', value: valid.userId },
            { name: '@server', value: valid.server },
          ],
        },
        PENDING_PK,
      );
      for (const { id } of older) await ops.delete('mcpPending.put', container, id, PENDING_PK);
      const seconds = Math.ceil((Date.parse(valid.expiresAt) - Date.now()) / 1_000);
      await ops.upsert('mcpPending.put', container, {
        id: valid.key,
        pk: PENDING_PK,
        type: 'pending',
        record: valid,
        ttl: Math.max(1, seconds),
      } satisfies CredentialDoc);
    },
    async takePending(key, now) {
      const record = await read('mcpPending.take', key, PENDING_PK);
      if (record === undefined) return null;
      // Whoever deletes it has it: of two callbacks with the same state, one wins.
      if (!(await ops.delete('mcpPending.take', container, key, PENDING_PK))) return null;
      const found = decodeStored(records.storedPendingSchema, record, records.PENDING, 'by state');
      return Date.parse(found.expiresAt) > now.getTime() ? found : null;
    },
    async getClient(server) {
      const record = await read('mcpClient.get', `client|${server}`, CLIENTS_PK);
      return record === undefined
        ? null
        : decodeStored(records.storedClientSchema, record, records.CLIENT, server);
    },
    async putClient(client) {
      const valid = validateIncoming(records.storedClientSchema, client, records.CLIENT);
      await ops.upsert('mcpClient.put', container, {
        id: `client|${valid.server}`,
        pk: CLIENTS_PK,
        type: 'client',
        record: valid,
      } satisfies CredentialDoc);
    },
    async deleteClient(server) {
      await ops.delete('mcpClient.delete', container, `client|${server}`, CLIENTS_PK);
    },
  };
}
