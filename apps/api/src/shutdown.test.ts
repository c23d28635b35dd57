import { join } from 'node:path';
import { textAnswer, type ScriptedOpenAiServer } from '@salescoach/llm/testing';
import { openSqliteStore } from '@salescoach/store/sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { followSession, startScriptedStack, type ScriptedStack } from './testing/index.js';

/**
 * SIGTERM path: clients are told to reconnect, answers get SHUTDOWN_GRACE_MS to finish, and
 * the rest are kept as `interrupted` with their text so far.
 */
let model: ScriptedOpenAiServer;
let stack: ScriptedStack;
beforeAll(async () => {
  stack = await startScriptedStack({
    crm: false,
    env: {
      SHUTDOWN_GRACE_MS: '300',
    },
  });
  model = stack.model;
});
afterAll(async () => {
  await stack.close();
});

describe('graceful shutdown', () => {
  it('keeps an answer that outlives the grace period as interrupted, with its text so far', async () => {
    model.script([textAnswer('slow words '.repeat(500), { chunkSize: 11, delayMs: 20 })]);
    const alex = stack.client('alex');
    const session = await alex.api.chat.sessions.create.mutate({});
    const seen = await followSession(alex, session.id);
    const sent = await alex.api.chat.send.mutate({
      sessionId: session.id,
      content: 'Tell me everything',
      clientMessageId: 'bye-1',
    });
    await seen.until((all) => all.filter((e) => e.event.type === 'answer.delta').length >= 2);
    seen.stop();

    await stack.server.close();

    const store = openSqliteStore({ file: join(stack.dataDir, 'salescoach.db') });
    try {
      const messages = await store.messages.list(
        { kind: 'session', userId: 'dev:alex', sessionId: session.id },
        { limit: 10 },
      );
      expect(messages.map((m) => [m.seq, m.author.kind, m.status])).toEqual([
        [sent.seq, 'user', 'complete'],
        [sent.seq + 1, 'assistant', 'interrupted'],
      ]);
      expect(messages[1]?.content.length).toBeGreaterThan(0);
      expect(messages[1]?.content.length).toBeLessThan('slow words '.repeat(500).length);
    } finally {
      await store.close();
    }
  });
});
