import type { ConversationEvent, Message } from '@salescoach/domain';
import {
  startScriptedOpenAiServer,
  textAnswer,
  type ScriptedOpenAiServer,
} from '@salescoach/llm/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectEvents, followSession, type TestStack } from './testing/index.js';
import { startInstancePair, type InstancePair } from './testing/instance-pair.js';

/**
 * Two API instances on one Redis (BUS=redis) and one SQLite file, answering with a scripted
 * model slow enough to be stopped: what one instance runs, the other stops, refuses or queues.
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
    env: { LLM_MAX_RETRIES: '0' },
  });
  ({ a, b } = pair);
});
afterAll(async () => {
  await pair?.close();
  await model?.close();
});

type AnswerEnd = Extract<ConversationEvent, { type: 'answer.completed' | 'answer.failed' }>;
const endOf = (events: { event: ConversationEvent }[]): Message | undefined =>
  events
    .map((e) => e.event)
    .find((e): e is AnswerEnd => e.type === 'answer.completed' || e.type === 'answer.failed')
    ?.message;
const slowAnswer = () => textAnswer('word '.repeat(400), { chunkSize: 5, delayMs: 10 });

/** A session of `user` followed on A, with a slow answer under way to its first question. */
async function slowChat(user: string, clientMessageId: string) {
  model.script([slowAnswer()]);
  const onA = a.client(user);
  const session = await onA.api.chat.sessions.create.mutate({ title: clientMessageId });
  const seen = await followSession(onA, session.id);
  await onA.api.chat.send.mutate({
    sessionId: session.id,
    content: 'Tell me a long story',
    clientMessageId,
  });
  await seen.until((all) => all.filter((e) => e.event.type === 'answer.delta').length >= 2);
  return { onA, onB: b.client(user), sessionId: session.id, seen };
}

describe('answers across two API instances', () => {
  it('chat.stop on the other instance stops the answer where it runs', async () => {
    const { onB, sessionId, seen } = await slowChat('alex', 'stop-across-1');
    await expect(onB.api.chat.stop.mutate({ sessionId })).resolves.toEqual({ stopped: true });
    await seen.until((all) => endOf(all) !== undefined);
    seen.stop();
    expect(endOf(seen.events)?.status).toBe('interrupted');
  });

  it('a second question on the other instance is refused while the first is answered', async () => {
    const { onA, onB, sessionId, seen } = await slowChat('sam', 'refuse-across-1');
    await expect(
      onB.api.chat.send.mutate({
        sessionId,
        content: 'And another one',
        clientMessageId: 'refuse-across-2',
      }),
    ).rejects.toMatchObject({ data: { code: 'CONFLICT' } });
    await onA.api.chat.stop.mutate({ sessionId });
    await seen.until((all) => endOf(all) !== undefined);
    seen.stop();
  });

  it('in a room, a question on the other instance waits, shown to everyone; the owner stops from either', async () => {
    model.script([slowAnswer(), textAnswer('Second answer.')]);
    const owner = a.client('alex');
    const group = await owner.api.groups.create.mutate({
      name: 'Across',
      role: 'Sales',
      aiMode: 'mention',
    });
    await owner.api.groups.members.add.mutate({ groupId: group.id, userId: 'dev:sam' });
    const seen = collectEvents();
    const sub = owner.api.groups.events.subscribe(
      { groupId: group.id, lastEventId: null },
      { onStarted: seen.onStarted, onData: seen.onData },
    );
    await seen.started;
    await owner.api.groups.send.mutate({
      groupId: group.id,
      content: '@coach tell me a long story',
      clientMessageId: 'room-across-1',
    });
    await seen.until((all) => all.some((e) => e.event.type === 'answer.delta'));
    const second = await b.client('sam').api.groups.send.mutate({
      groupId: group.id,
      content: '@coach and then?',
      clientMessageId: 'room-across-2',
    });
    // Queued on B, seen by a member on A.
    await seen.until((all) =>
      all.some(
        (e) =>
          e.event.type === 'answer.queued' &&
          e.event.queue.some((q) => q.messageId === second.messageId),
      ),
    );
    await expect(b.client('alex').api.groups.stop.mutate({ groupId: group.id })).resolves.toEqual({
      stopped: true,
    });
    await seen.until((all) => endOf(all) !== undefined);
    expect(endOf(seen.events)?.status).toBe('interrupted');
    // The owner's stop cleared the waiting list on B too.
    await seen.until((all) =>
      all.some((e) => e.event.type === 'answer.queued' && e.event.queue.length === 0),
    );
    sub.unsubscribe();
  });
});
