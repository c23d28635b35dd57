import { describeStoreContract } from '../testing/store-contract.js';
import { createMemoryStore } from './memory-store.js';

describeStoreContract(
  'memory',
  async () => {
    const store = createMemoryStore();
    return {
      store,
      cleanup: () => store.close(),
      rawCredentials: async () =>
        JSON.stringify(
          Object.values(store.credentialTables).map((rows: Map<string, unknown>) => [
            ...rows.entries(),
          ]),
        ),
      corrupt: {
        async message(ref, messageId) {
          for (const rows of store.tables.messages.values()) {
            const row = rows.find((r) => r.id === messageId && r.ref.kind === ref.kind);
            if (row) row.doc = { id: 42, content: null };
          }
        },
        async session(_userId, sessionId) {
          store.tables.sessions.set(sessionId, { id: sessionId, userId: 'alex', lastSeq: 'many' });
        },
      },
    };
  },
  { durable: false },
);
