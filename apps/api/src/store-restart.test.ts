import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  startCosmosTestServer,
  type CosmosTestServer,
} from '@salescoach/store/testing/cosmos-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askQuestion } from '@salescoach/client';
import { startTestStack } from './testing/index.js';

/** The API picks its store by STORE, and a conversation survives a restart of the stack on either. */
let cosmos: CosmosTestServer;
let dataDir: string;
beforeAll(async () => {
  cosmos = await startCosmosTestServer();
  dataDir = await mkdtemp(join(tmpdir(), 'salescoach-restart-'));
});
afterAll(async () => {
  await cosmos.close();
  await rm(dataDir, { recursive: true, force: true });
});

const stores = {
  sqlite: () => ({ STORE: 'sqlite' }),
  cosmos: () => ({
    STORE: 'cosmos',
    COSMOS_ENDPOINT: cosmos.endpoint,
    COSMOS_KEY: 'test-key',
    COSMOS_ALLOW_SELF_SIGNED: 'true',
    COSMOS_DATABASE: 'restart-test',
  }),
};

describe.each(Object.keys(stores) as (keyof typeof stores)[])('STORE=%s', (store) => {
  it('keeps a conversation across a restart of the API', async () => {
    const dir = join(dataDir, store);
    const first = await startTestStack({ crm: false, dataDir: dir, env: stores[store]() });
    const alex = first.client('alex');
    const { sessionId, answer } = await askQuestion(alex, {
      question: 'What should I ask in a discovery call?',
    });
    expect(first.server.composition.store.kind).toBe(store);
    await first.close();

    const second = await startTestStack({ crm: false, dataDir: dir, env: stores[store]() });
    try {
      const again = second.client('alex');
      const page = await again.api.chat.messages.list.query({ sessionId });
      expect(page.messages.map((m) => [m.seq, m.author.kind])).toEqual([
        [1, 'user'],
        [2, 'assistant'],
      ]);
      expect(page.messages[1]).toMatchObject({
        id: answer.id,
        content: answer.content,
        status: 'complete',
      });
      const sessions = await again.api.chat.sessions.list.query();
      expect(sessions.map((s) => s.id)).toContain(sessionId);
      await expect(
        second.client('sam').api.chat.messages.list.query({ sessionId }),
      ).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
    } finally {
      await second.close();
    }
  });
});
