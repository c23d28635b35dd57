import type { Store } from '@salescoach/domain';
import { CosmosClient } from '@azure/cosmos';
import { Agent } from 'node:https';
import { describe, expect, it } from 'vitest';
import { startCosmosTestServer } from '../testing/cosmos-test-server.js';
import { describeStoreContract } from '../testing/store-contract.js';
import { isLoopbackHost } from './cosmos-client.js';
import { messageDocId, sessionDocId } from './cosmos-documents.js';
import { openCosmosStore } from './cosmos-store.js';

const charges: string[] = [];

describeStoreContract(
  'cosmos (cosmosdb-server over HTTPS)',
  async () => {
    const server = await startCosmosTestServer();
    const open = () =>
      openCosmosStore({
        endpoint: server.endpoint,
        key: 'test-key',
        database: 'salescoach-test',
        allowSelfSigned: true,
        maxRetries: 3,
        maxRetryWaitMs: 5_000,
        onRequestCharge: (operation, ru) => {
          if (ru > 0) charges.push(operation);
        },
      });
    // A separate raw client writes damaged documents behind the store's back.
    const raw = new CosmosClient({
      endpoint: server.endpoint,
      key: 'test-key',
      agent: new Agent({ rejectUnauthorized: false }),
      connectionPolicy: { enableEndpointDiscovery: false },
    });
    const database = raw.database('salescoach-test');
    let store: Store = await open();
    return {
      store,
      reopen: async () => {
        await store.close();
        store = await open();
        return store;
      },
      cleanup: async () => {
        await store.close();
        raw.dispose();
        await server.close();
      },
      rawCredentials: async () => {
        const { resources } = await database
          .container('mcpCredentials')
          .items.query('SELECT * FROM c')
          .fetchAll();
        return JSON.stringify(resources);
      },
      corrupt: {
        async message(ref, messageId) {
          const container = database.container(ref.kind === 'session' ? 'sessions' : 'groups');
          const key = ref.kind === 'session' ? ref.userId : ref.groupId;
          const { resources } = await container.items
            .query(
              {
                query: 'SELECT * FROM c WHERE c.messageId = @id',
                parameters: [{ name: '@id', value: messageId }],
              },
              { partitionKey: key },
            )
            .fetchAll();
          const doc = resources[0] as { seq: number };
          await container.items.upsert({
            ...doc,
            id: messageDocId(ref, doc.seq),
            message: { id: 42, content: null },
          });
        },
        async session(userId, sessionId) {
          const item = database.container('sessions').item(sessionDocId(sessionId), userId);
          const { resource } = await item.read<Record<string, unknown>>();
          await item.replace({ ...resource, id: sessionDocId(sessionId), title: 'x'.repeat(500) });
        },
      },
    };
  },
  // The full 5,000: every append is two HTTPS round trips and the server scans the whole
  // collection per query (several seconds; the pagination test allows two minutes).
  { durable: true, paginationMessages: 5_000 },
);

describe('cosmos adapter settings', () => {
  it('reports request charges per operation', () => {
    expect(charges).toContain('message.append');
    expect(charges).toContain('message.list');
    expect(charges).toContain('session.get');
  });

  it('accepts a self-signed certificate only for a loopback endpoint', async () => {
    expect(isLoopbackHost('localhost')).toBe(true);
    expect(isLoopbackHost('127.0.0.1')).toBe(true);
    expect(isLoopbackHost('[::1]')).toBe(true);
    expect(isLoopbackHost('contoso.documents.azure.com')).toBe(false);
    expect(isLoopbackHost('127.0.0.1.nip.io')).toBe(false);
    await expect(
      openCosmosStore({
        endpoint: 'https://contoso.documents.azure.com:443/',
        key: 'k',
        database: 'd',
        allowSelfSigned: true,
      }),
    ).rejects.toThrow(/only allowed for a loopback/);
  });

  it('does not trust a self-signed certificate unless asked to', async () => {
    const server = await startCosmosTestServer();
    try {
      await expect(
        openCosmosStore({ endpoint: server.endpoint, key: 'k', database: 'd', maxRetries: 0 }),
      ).rejects.toThrow(/self[- ]signed|certificate/i);
    } finally {
      await server.close();
    }
  });
});
