import { textAnswer, type ScriptedOpenAiServer } from '@salescoach/llm/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScriptedStack, waitFor, type ScriptedStack } from './testing/index.js';

/** With OPENAI_EMBEDDING_MODEL set, insights group questions by the provider's embeddings. */
let model: ScriptedOpenAiServer;
let stack: ScriptedStack;
beforeAll(async () => {
  stack = await startScriptedStack({
    crm: false,
    env: {
      OPENAI_EMBEDDING_MODEL: 'text-embedding-3-small',
    },
  });
  model = stack.model;
  model.setFallback(textAnswer('Noted.'));
  // The stand-in embedding model puts "forecast" questions on one axis, whatever their words.
  model.setEmbedding((text) => [
    /forecast|quota|number/i.test(text) ? 1 : 0,
    /price|discount/i.test(text) ? 1 : 0,
    0.05,
  ]);
});
afterAll(async () => {
  await stack.close();
});

describe('insights with an embedding model', () => {
  it('groups paraphrases that share no words', async () => {
    const alex = stack.client('alex');
    const session = await alex.api.chat.sessions.create.mutate({});
    const questions = [
      "What's my forecast?",
      'Am I going to hit quota?',
      'Can I offer a discount?',
    ];
    for (const [i, content] of questions.entries()) {
      const sent = await alex.api.chat.send.mutate({
        sessionId: session.id,
        content,
        clientMessageId: `e-${i}`,
      });
      await waitFor(async () => {
        const { messages } = await alex.api.chat.messages.list.query({ sessionId: session.id });
        return messages.some((m) => m.seq > sent.seq && m.status !== 'streaming')
          ? true
          : undefined;
      });
    }
    // Questions are clustered in the background as they are recorded: wait for all three.
    const insights = await waitFor(async () => {
      const view = await stack.client('morgan').api.insights.commonQuestions.query();
      return view.totalQuestions === 3 ? view : undefined;
    });
    expect(model.requests.filter((r) => r.path === '/v1/embeddings')).toHaveLength(3);
    expect(insights.groups.map((g) => g.count)).toEqual([2, 1]);
  });
});
