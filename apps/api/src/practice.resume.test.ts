import type { Message } from '@salescoach/domain';
import {
  startScriptedOpenAiServer,
  textAnswer,
  type ScriptedOpenAiServer,
} from '@salescoach/llm/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  followPractice,
  startTestStack,
  type collectEvents,
  type TestStack,
} from './testing/index.js';

type Events = ReturnType<typeof collectEvents>['events'];

/** The buyer's reply, streamed slowly (chunks of 4 characters) so a client can drop midway. */
const REPLY =
  'Honestly, our team loses hours every week to manual scheduling, and our drivers end up waiting at depots. ' +
  'We have tried two tools already and neither stuck, so I am cautious about another one.';

let llm: ScriptedOpenAiServer;
let stack: TestStack;
beforeAll(async () => {
  llm = await startScriptedOpenAiServer();
  llm.setFallback(textAnswer(REPLY, { chunkSize: 4, delayMs: 10 }));
  stack = await startTestStack({ crm: false, openAiBaseUrl: llm.url });
});
afterAll(async () => {
  await stack.close();
  await llm.close();
});

const stored = (events: Events) => events.flatMap((e) => (e.id ? [e.id] : []));
const completed = (events: Events) => events.some((e) => e.event.type === 'answer.completed');
const streaming = (events: Events) => events.some((e) => e.event.type === 'answer.delta');
const finalOf = (events: Events) =>
  events
    .map((e) => e.event)
    .find((e): e is { type: 'answer.completed'; message: Message } => e.type === 'answer.completed')
    ?.message;
const textOf = (events: Events) =>
  events.flatMap((e) => (e.event.type === 'answer.delta' ? [e.event.text] : [])).join('');

/** A practice with its opening line stored, and where its event log stood then. */
async function startPractice(user: string) {
  const client = stack.client(user);
  const practice = await client.api.practice.start.mutate({ scenarioId: 'discovery-realistic' });
  const page = await client.api.practice.messages.query({ practiceId: practice.id });
  expect(page.messages.map((m) => m.author.kind)).toEqual(['assistant']);
  return { client, practice, from: page.lastEventId };
}

/** Follows the practice from `from`, says one rep line, and returns once the reply streams. */
async function sayAndFollow(user: string, line: string) {
  const { client, practice, from } = await startPractice(user);
  const seen = await followPractice(client, practice.id, from);
  await client.api.practice.send.mutate({
    practiceId: practice.id,
    content: line,
    clientMessageId: `line-${user}`,
  });
  await seen.until(streaming);
  return { client, practice, from, seen };
}

/** Every stored event after `from`, replayed by a new subscription once the reply is done. */
async function replay(user: string, practiceId: string, from: string | null): Promise<Events> {
  const again = await followPractice(stack.client(user), practiceId, from);
  await again.until(completed);
  again.stop();
  return again.events;
}

describe('practice events over real WebSockets: resume without loss or duplicates', () => {
  it('a subscription resumed from its lastEventId mid-reply gets exactly the rest', async () => {
    const {
      client,
      practice,
      from,
      seen: first,
    } = await sayAndFollow('alex', 'What is not working today?');
    first.stop();
    const lastId = stored(first.events).at(-1) ?? null;
    expect(completed(first.events)).toBe(false);

    const second = await followPractice(client, practice.id, lastId);
    await second.until(completed);
    second.stop();

    const resumed = [...stored(first.events), ...stored(second.events)];
    expect(new Set(resumed).size).toBe(resumed.length);
    expect(resumed).toEqual(stored(await replay('alex', practice.id, from)));
    const both = [...first.events, ...second.events];
    expect(textOf(both)).toBe(REPLY);
    expect(finalOf(both)).toMatchObject({ content: REPLY, status: 'complete' });
  });

  it('a client whose socket drops mid-reply reconnects and resumes by itself', async () => {
    const { client, practice, from, seen } = await sayAndFollow(
      'sam',
      'How do you measure what that costs you today?',
    );
    expect(completed(seen.events)).toBe(false);
    for (const socket of stack.server.sockets()) socket.terminate();
    await seen.until(completed);
    seen.stop();

    const ids = stored(seen.events);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(stored(await replay('sam', practice.id, from)));
    expect(textOf(seen.events)).toBe(REPLY);
    const history = await client.api.practice.messages.query({ practiceId: practice.id });
    expect(history.messages.map((m) => [m.author.kind, m.status])).toEqual([
      ['assistant', 'complete'],
      ['user', 'complete'],
      ['assistant', 'complete'],
    ]);
  });
});
