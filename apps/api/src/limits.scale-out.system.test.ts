import {
  startScriptedOpenAiServer,
  textAnswer,
  type ScriptedOpenAiServer,
} from '@salescoach/llm/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { followSession, type TestStack } from './testing/index.js';
import { startInstancePair, type InstancePair } from './testing/instance-pair.js';

/**
 * Two API instances on one Redis (BUS=redis): a user's rate limits are one allowance, not one
 * per instance, so spreading requests over instances does not double it.
 */
let model: ScriptedOpenAiServer;
let pair: InstancePair;
let a: TestStack;
let b: TestStack;

beforeAll(async () => {
  model = await startScriptedOpenAiServer();
  pair = await startInstancePair({
    crm: false,
    openAiBaseUrl: model.url,
    env: {
      SESSIONS_CREATED_PER_MINUTE: '2',
      SENDS_PER_MINUTE: '3',
      MAX_CONCURRENT_ANSWERS: '1',
      LLM_MAX_RETRIES: '0',
    },
  });
  ({ a, b } = pair);
});
afterAll(async () => {
  await pair?.close();
  await model?.close();
});

describe('rate limits across two API instances', () => {
  it('refuses the third new conversation of a minute on either instance', async () => {
    await a.client('alex').api.chat.sessions.create.mutate({ title: 'one' });
    await b.client('alex').api.chat.sessions.create.mutate({ title: 'two' });
    await expect(
      a.client('alex').api.chat.sessions.create.mutate({ title: 'three' }),
    ).rejects.toMatchObject({ data: { code: 'TOO_MANY_REQUESTS' } });
    // Sam's allowance is his own.
    await b.client('sam').api.chat.sessions.create.mutate({ title: 'sam' });
  });

  it('counts sends made through both instances against one allowance', async () => {
    const room = await a.client('sam').api.groups.create.mutate({
      name: 'Notes',
      role: 'Sales',
      aiMode: 'mention',
    });
    // Messages not addressed to the coach: no answer runs, only the send limit counts.
    const send = (stack: TestStack, n: number) =>
      stack.client('sam').api.groups.send.mutate({
        groupId: room.id,
        content: `note ${n}`,
        clientMessageId: `limit-${n}`,
      });
    await send(a, 1);
    await send(b, 2);
    await send(a, 3);
    await expect(send(b, 4)).rejects.toMatchObject({
      data: { code: 'TOO_MANY_REQUESTS' },
      message: expect.stringMatching(/^You are sending too fast \(limit 3 per minute\)/),
    });
  });

  it('caps running answers per user across instances: a second answer waits for the first to end', async () => {
    // Morgan has the allowance this file has not spent yet.
    model.script([textAnswer('word '.repeat(400), { chunkSize: 5, delayMs: 10 })]);
    const onA = a.client('morgan').api;
    const onB = b.client('morgan').api;
    const first = await onA.chat.sessions.create.mutate({ title: 'long' });
    const second = await onB.chat.sessions.create.mutate({ title: 'other' });
    const seen = await followSession(a.client('morgan'), first.id);
    await onA.chat.send.mutate({
      sessionId: first.id,
      content: 'A long story',
      clientMessageId: 'c-1',
    });
    await seen.until((all) => all.some((e) => e.event.type === 'answer.delta'));
    await expect(
      onB.chat.send.mutate({ sessionId: second.id, content: 'And this?', clientMessageId: 'c-2' }),
    ).rejects.toMatchObject({
      data: { code: 'TOO_MANY_REQUESTS' },
      message: 'You already have 1 answer in progress; wait for one to finish or stop it',
    });
    await onA.chat.stop.mutate({ sessionId: first.id });
    await seen.until((all) =>
      all.some((e) => e.event.type === 'answer.completed' || e.event.type === 'answer.failed'),
    );
    seen.stop();
    model.setFallback(textAnswer('Short.'));
    await expect(
      onB.chat.send.mutate({ sessionId: second.id, content: 'And this?', clientMessageId: 'c-3' }),
    ).resolves.toMatchObject({ created: true });
  });
});
