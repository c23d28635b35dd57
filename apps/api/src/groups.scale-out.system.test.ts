import type { SalesCoachClient } from '@salescoach/client';
import type { ConversationEvent } from '@salescoach/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectEvents, openRoom, sendLinesAtOnce, type TestStack } from './testing/index.js';
import { startInstancePair, type InstancePair } from './testing/instance-pair.js';

/**
 * Two API instances on one Redis (BUS=redis) and one SQLite file, with a room's members
 * split across them: Alex and Sam on A, Morgan and Riley on B.
 */
let pair: InstancePair;
let a: TestStack;
let b: TestStack;
let alex: SalesCoachClient;
let sam: SalesCoachClient;
let morgan: SalesCoachClient;
let riley: SalesCoachClient;

beforeAll(async () => {
  pair = await startInstancePair();
  ({ a, b } = pair);
  alex = a.client('alex');
  sam = a.client('sam');
  morgan = b.client('morgan');
  riley = b.client('riley');
  await pair.toolsReady();
});
afterAll(async () => {
  await pair?.close();
});

type Collected = ReturnType<typeof collectEvents>;
type AnswerEnd = Extract<ConversationEvent, { type: 'answer.completed' | 'answer.failed' }>;

function follow(client: SalesCoachClient, groupId: string) {
  const seen = collectEvents();
  const sub = client.api.groups.events.subscribe(
    { groupId, lastEventId: null },
    { onStarted: seen.onStarted, onData: seen.onData, onError: () => undefined },
  );
  return { seen, unsubscribe: () => sub.unsubscribe() };
}

const stored = (seen: Collected) => seen.events.filter((e) => e.id !== undefined);
const lastOnline = (seen: Collected) =>
  seen.events
    .flatMap((e) =>
      e.event.type === 'presence' ? [e.event.online.map((o) => o.userId).join(',')] : [],
    )
    .at(-1);
const ends = (seen: Collected) =>
  seen.events
    .map((e) => e.event)
    .filter((e): e is AnswerEnd => e.type === 'answer.completed' || e.type === 'answer.failed');

/** A Sales room owned by Alex (instance A) with Sam, Morgan and Riley in it. */
async function splitRoom(name: string): Promise<string> {
  const group = await openRoom(alex.api, { name, role: 'Sales', aiMode: 'mention' }, [
    'dev:sam',
    'dev:morgan',
    'dev:riley',
  ]);
  return group.id;
}

// Ordered by name: Alex Rivera, Morgan Lee, Riley Park, Sam Chen.
const everyone = 'dev:alex,dev:morgan,dev:riley,dev:sam';

async function followAll(groupId: string) {
  const subs = [alex, sam, morgan, riley].map((client) => follow(client, groupId));
  // Presence is read from the shared tracker: each instance lists the other's members too.
  await Promise.all(subs.map((s) => s.seen.until(() => lastOnline(s.seen) === everyone)));
  return subs;
}

describe('two API instances on one Redis, members split across them', () => {
  it('presence lists the members of both instances, and follows a leave on either', async () => {
    const groupId = await splitRoom('Presence');
    const subs = await followAll(groupId);
    const [alexSub, samSub, morganSub, rileySub] = subs;
    for (const sub of subs) expect(lastOnline(sub.seen)).toBe(everyone);

    rileySub!.unsubscribe(); // on B
    await alexSub!.seen.until(() => lastOnline(alexSub!.seen) === 'dev:alex,dev:morgan,dev:sam');
    samSub!.unsubscribe(); // on A
    await morganSub!.seen.until(() => lastOnline(morganSub!.seen) === 'dev:alex,dev:morgan');
    await alexSub!.seen.until(() => lastOnline(alexSub!.seen) === 'dev:alex,dev:morgan');
    alexSub!.unsubscribe();
    morganSub!.unsubscribe();
  });

  it('everyone sees the same messages in the same order, sent from both instances at once', async () => {
    const groupId = await splitRoom('Order');
    const subs = await followAll(groupId);
    await sendLinesAtOnce(
      groupId,
      [alex, morgan, sam, riley, morgan, alex, riley, sam],
      subs.map((s) => s.seen),
    );

    const created = subs.map((s) =>
      stored(s.seen).flatMap((e) =>
        e.event.type === 'message.created'
          ? [`${e.id}|${e.event.message.id}|${e.event.message.seq}`]
          : [],
      ),
    );
    for (const other of created.slice(1)) expect(other).toEqual(created[0]);
    const seqs = stored(subs[0]!.seen).flatMap((e) =>
      e.event.type === 'message.created' ? [e.event.message.seq] : [],
    );
    expect([...seqs].sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    // Both instances read the same history from the shared store.
    const fromA = await sam.api.groups.messages.list.query({ groupId });
    const fromB = await riley.api.groups.messages.list.query({ groupId });
    expect(fromB.messages.map((m) => [m.id, m.seq])).toEqual(
      fromA.messages.map((m) => [m.id, m.seq]),
    );
    expect(fromA.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    for (const s of subs) s.unsubscribe();
  });

  it('an @coach answer generated on B streams to the members on A, identically', async () => {
    const groupId = await splitRoom('Coach across instances');
    const subs = await followAll(groupId);
    await morgan.api.groups.send.mutate({
      groupId,
      content: '@coach how is my pipeline this quarter?',
      clientMessageId: 'ask-b',
    });
    await Promise.all(subs.map((s) => s.seen.until(() => ends(s.seen).length === 1)));

    const sequences = subs.map((s) => stored(s.seen).map((e) => `${e.id}:${e.event.type}`));
    for (const other of sequences.slice(1)) expect(other).toEqual(sequences[0]);
    const types = stored(subs[0]!.seen).map((e) => e.event.type);
    expect(types.slice(0, 2)).toEqual(['message.created', 'answer.started']);
    expect(types).toContain('answer.delta');
    const answer = ends(subs[1]!.seen)[0]!; // Sam, on A
    expect(answer).toMatchObject({
      type: 'answer.completed',
      message: { status: 'complete', conversationKind: 'group' },
    });
    expect(answer.message.toolCalls.some((c) => c.server === 'crm' && c.status === 'ok')).toBe(
      true,
    );
    const streamed = stored(subs[1]!.seen)
      .flatMap((e) => (e.event.type === 'answer.delta' ? [e.event.text] : []))
      .join('');
    expect(answer.message.content.startsWith(streamed.slice(0, 20))).toBe(true);
    for (const s of subs) s.unsubscribe();
  });

  it('two @coach questions sent at once on different instances are answered one after the other', async () => {
    const groupId = await splitRoom('One answer at a time');
    const subs = await followAll(groupId);
    const [fromA, fromB] = await Promise.all([
      sam.api.groups.send.mutate({
        groupId,
        content: '@coach how is my pipeline this quarter?',
        clientMessageId: 'both-a',
      }),
      riley.api.groups.send.mutate({
        groupId,
        content: '@coach which deals are at risk?',
        clientMessageId: 'both-b',
      }),
    ]);
    await Promise.all(subs.map((s) => s.seen.until(() => ends(s.seen).length === 2, 40_000)));

    const sequences = subs.map((s) => stored(s.seen).map((e) => `${e.id}:${e.event.type}`));
    for (const other of sequences.slice(1)) expect(other).toEqual(sequences[0]);

    // Walk the one ordered stream: an answer's events all fall between its start and its end.
    let running: string | undefined;
    const answered: string[] = [];
    for (const { event } of stored(subs[3]!.seen)) {
      if (event.type === 'answer.started') {
        expect(running).toBeUndefined();
        running = event.message.id;
        answered.push(event.message.id);
      } else if (
        event.type === 'answer.delta' ||
        event.type === 'tool.started' ||
        event.type === 'tool.finished'
      ) {
        expect(event.messageId).toBe(running);
      } else if (event.type === 'answer.completed' || event.type === 'answer.failed') {
        expect(event.message.id).toBe(running);
        running = undefined;
      }
    }
    expect(running).toBeUndefined();
    expect(ends(subs[0]!.seen).map((e) => e.message.status)).toEqual(['complete', 'complete']);
    expect(new Set(answered).size).toBe(2);
    expect([fromA.created, fromB.created]).toEqual([true, true]);
    for (const s of subs) s.unsubscribe();
  });
});
