import type { SalesCoachClient } from '@salescoach/client';
import type { ConversationEvent, Message } from '@salescoach/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  collectEvents,
  openRoom,
  sendLinesAtOnce,
  startTestStack,
  type TestStack,
} from './testing/index.js';

/**
 * Group rooms over real WebSockets with the typed client: three people, the coach on the
 * offline model with the real CRM MCP server, typing, presence and resume (removal
 * mid-answer: groups.removal.test.ts).
 */
let stack: TestStack;
let alex: SalesCoachClient;
let sam: SalesCoachClient;
let morgan: SalesCoachClient;

beforeAll(async () => {
  stack = await startTestStack();
  alex = stack.client('alex');
  sam = stack.client('sam');
  morgan = stack.client('morgan');
  await stack.toolsReady();
});
afterAll(async () => {
  await stack.close();
});

type Collected = ReturnType<typeof collectEvents>;

/** Subscribes to a room's events; `ended` resolves when the server ends the subscription. */
function follow(client: SalesCoachClient, groupId: string, lastEventId: string | null = null) {
  const seen = collectEvents();
  let markEnded: () => void = () => undefined;
  const ended = new Promise<void>((resolve) => (markEnded = resolve));
  const sub = client.api.groups.events.subscribe(
    { groupId, lastEventId },
    {
      onData: seen.onData,
      onStopped: () => markEnded(),
      onComplete: () => markEnded(),
      onError: () => markEnded(),
    },
  );
  return { seen, ended, unsubscribe: () => sub.unsubscribe() };
}

const stored = (seen: Collected) => seen.events.filter((e) => e.id !== undefined);
const createdContents = (seen: Collected) =>
  seen.events.flatMap((e) => (e.event.type === 'message.created' ? [e.event.message.content] : []));
const online = (seen: Collected) =>
  seen.events.flatMap((e) =>
    e.event.type === 'presence'
      ? [
          e.event.online
            .map((o) => o.userId)
            .sort()
            .join(','),
        ]
      : [],
  );
const completed = (seen: Collected) =>
  seen.events
    .map((e) => e.event)
    .find(
      (e): e is Extract<ConversationEvent, { type: 'answer.completed' }> =>
        e.type === 'answer.completed',
    );

async function roomOfThree(
  name: string,
  role = 'Sales',
  aiMode: 'mention' | 'always' = 'mention',
  owner = alex,
) {
  const group = await openRoom(owner.api, { name, role, aiMode }, [
    'dev:alex',
    'dev:sam',
    'dev:morgan',
  ]);
  return group.id;
}

const everyone = 'dev:alex,dev:morgan,dev:sam';

describe('group rooms over WebSocket', () => {
  it('three people see the same messages in the same order', async () => {
    const groupId = await roomOfThree('Deal desk');
    const subs = [alex, sam, morgan].map((c) => follow(c, groupId));
    await Promise.all(
      subs.map((s) =>
        s.seen.until((all) =>
          all.some((e) => e.event.type === 'presence' && e.event.online.length === 3),
        ),
      ),
    );

    await sendLinesAtOnce(
      groupId,
      [alex, sam, morgan, sam, alex, morgan],
      subs.map((s) => s.seen),
    );

    const orders = subs.map((s) =>
      stored(s.seen)
        .filter((e) => e.event.type === 'message.created')
        .map((e) => e.id),
    );
    expect(orders[1]).toEqual(orders[0]);
    expect(orders[2]).toEqual(orders[0]);
    const seqs = stored(subs[0]!.seen).flatMap((e) =>
      e.event.type === 'message.created' ? [e.event.message.seq] : [],
    );
    expect(seqs).toEqual([1, 2, 3, 4, 5, 6]);
    const history = await sam.api.groups.messages.list.query({ groupId });
    expect(history.messages.map((m) => m.content)).toEqual(createdContents(subs[1]!.seen));
    for (const s of subs) s.unsubscribe();
  });

  it('an @coach answer streams to all three, with the tools of the ROOM role', async () => {
    const groupId = await roomOfThree('Pipeline review');
    await alex.api.groups.members.add.mutate({ groupId, userId: 'dev:riley' });
    const subs = [alex, sam, morgan].map((c) => follow(c, groupId));
    await Promise.all(
      subs.map((s) => s.seen.until((all) => online(s.seen).includes(everyone) && all.length > 0)),
    );

    // Riley is HR, a role offered no CRM tool; in this Sales room the coach runs with the
    // room's (Sales) tools, and the CRM answers for Riley's own access.
    await stack.client('riley').api.groups.send.mutate({
      groupId,
      content: '@coach how is my pipeline this quarter?',
      clientMessageId: 'ask-1',
    });
    await Promise.all(
      subs.map((s) => s.seen.until((all) => all.some((e) => e.event.type === 'answer.completed'))),
    );

    const sequences = subs.map((s) => stored(s.seen).map((e) => `${e.id}:${e.event.type}`));
    expect(sequences[1]).toEqual(sequences[0]);
    expect(sequences[2]).toEqual(sequences[0]);
    const types = stored(subs[0]!.seen).map((e) => e.event.type);
    expect(types.slice(0, 2)).toEqual(['message.created', 'answer.started']);
    expect(types).toContain('answer.delta');
    expect(types).toContain('tool.started');
    const answer = completed(subs[2]!.seen)!.message;
    expect(answer).toMatchObject({
      status: 'complete',
      conversationKind: 'group',
      model: { provider: 'offline' },
    });
    const crmCalls = answer.toolCalls.filter((c) => c.server === 'crm');
    expect(crmCalls.length).toBeGreaterThan(0);
    expect(crmCalls.every((c) => c.status !== 'refused')).toBe(true);
    const streamed = stored(subs[1]!.seen)
      .flatMap((e) => (e.event.type === 'answer.delta' ? [e.event.text] : []))
      .join('');
    expect(streamed.length).toBeGreaterThan(0);
    expect(answer.content.startsWith(streamed.slice(0, 20))).toBe(true);
    for (const s of subs) s.unsubscribe();
  });

  it('in an HR room the same question runs no CRM tool, whoever asks', async () => {
    const riley = stack.client('riley');
    const group = await openRoom(riley.api, { name: 'People team', role: 'HR', aiMode: 'always' }, [
      'dev:alex',
    ]);
    const sub = follow(alex, group.id);
    await sub.seen.until((all) => all.some((e) => e.event.type === 'presence'));
    await alex.api.groups.send.mutate({
      groupId: group.id,
      content: 'How is my pipeline this quarter?',
      clientMessageId: 'hr-ask',
    });
    await sub.seen.until((all) => all.some((e) => e.event.type === 'answer.completed'));
    expect(completed(sub.seen)!.message.toolCalls.filter((c) => c.server === 'crm')).toEqual([]);
    expect(
      sub.seen.events.some((e) => e.event.type === 'tool.started' && e.event.call.server === 'crm'),
    ).toBe(false);
    sub.unsubscribe();
  });

  it('typing reaches the others live (no id), presence follows who is connected', async () => {
    const groupId = await roomOfThree('Standup');
    const watcher = follow(alex, groupId);
    await watcher.seen.until(() => online(watcher.seen).includes('dev:alex'));
    const samSub = follow(sam, groupId);
    const morganSub = follow(morgan, groupId);
    await watcher.seen.until(() => online(watcher.seen).includes(everyone));

    const before = Date.now();
    await sam.api.groups.typing.mutate({ groupId });
    const after = Date.now();
    await sam.api.groups.typing.mutate({ groupId }); // throttled: within a second of the first
    await watcher.seen.until((all) => all.some((e) => e.event.type === 'typing'));
    await morganSub.seen.until((all) => all.some((e) => e.event.type === 'typing'));
    const typing = watcher.seen.events.filter((e) => e.event.type === 'typing');
    expect(typing).toHaveLength(1);
    expect(typing[0]).toMatchObject({
      id: undefined,
      event: { type: 'typing', groupId, userId: 'dev:sam' },
    });
    const event = typing[0]!.event as Extract<ConversationEvent, { type: 'typing' }>;
    expect(Date.parse(event.expiresAt)).toBeGreaterThanOrEqual(before + 3_000);
    expect(Date.parse(event.expiresAt)).toBeLessThanOrEqual(after + 3_000);

    morganSub.unsubscribe();
    await watcher.seen.until(() => online(watcher.seen).at(-1) === 'dev:alex,dev:sam');
    samSub.unsubscribe();
    await watcher.seen.until(() => online(watcher.seen).at(-1) === 'dev:alex');
    // Live-only events are not in history.
    const page = await alex.api.groups.messages.list.query({ groupId });
    expect(page.messages).toEqual([]);
    watcher.unsubscribe();
  });

  it('reconnects and resumes from the last event id without loss or repeats', async () => {
    const groupId = await roomOfThree('Resume');
    const page = await sam.api.groups.messages.list.query({ groupId });
    const first = follow(sam, groupId, page.lastEventId);
    await first.seen.until((all) => all.some((e) => e.event.type === 'presence'));
    await alex.api.groups.send.mutate({ groupId, content: 'one', clientMessageId: 'r1' });
    await first.seen.until(() => createdContents(first.seen).length === 1);
    const lastId = stored(first.seen).at(-1)!.id!;
    first.unsubscribe();

    // Sam is away: the room goes on.
    await alex.api.groups.send.mutate({ groupId, content: 'two', clientMessageId: 'r2' });
    await morgan.api.groups.send.mutate({ groupId, content: 'three', clientMessageId: 'r3' });

    const samAgain = stack.client('sam'); // a new connection, as after a network drop
    const resumed = follow(samAgain, groupId, lastId);
    await resumed.seen.until(() => createdContents(resumed.seen).length === 2);
    await alex.api.groups.send.mutate({ groupId, content: 'four', clientMessageId: 'r4' });
    await resumed.seen.until(() => createdContents(resumed.seen).length === 3);

    expect(createdContents(resumed.seen)).toEqual(['two', 'three', 'four']);
    const ids = stored(resumed.seen).map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    const history = await samAgain.api.groups.messages.list.query({ groupId });
    expect(history.messages.map((m: Message) => m.content)).toEqual([
      'one',
      'two',
      'three',
      'four',
    ]);
    resumed.unsubscribe();
  });
});
