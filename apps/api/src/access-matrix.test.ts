import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SalesCoachClient } from '@salescoach/client';
import { startTestStack, subscribeOnce, type TestStack } from './testing/index.js';

/**
 * Every procedure that takes a resource id, called by someone who does not own the
 * resource (and for an id that does not exist): all refused, and nothing leaks or changes.
 */
let stack: TestStack;
let owner: SalesCoachClient;
let intruders: Record<string, SalesCoachClient>;
let sessionId: string;
let groupId: string;
/** The owner's message in the session, and in the room. */
let messageId: string;
let roomMessageId: string;

beforeAll(async () => {
  stack = await startTestStack({ crm: false });
  owner = stack.client('alex');
  intruders = {
    sam: stack.client('sam'),
    morgan: stack.client('morgan'),
    riley: stack.client('riley'),
    admin: stack.client('admin'),
  };
  sessionId = (await owner.api.chat.sessions.create.mutate({ title: 'private' })).id;
  messageId = (
    await owner.api.chat.send.mutate({
      sessionId,
      content: 'my secret plan',
      clientMessageId: 'm-1',
    })
  ).messageId;
  groupId = (
    await owner.api.groups.create.mutate({ name: 'Deal desk', role: 'Sales', aiMode: 'mention' })
  ).id;
  roomMessageId = (
    await owner.api.groups.send.mutate({ groupId, content: 'room plan', clientMessageId: 'g-1' })
  ).messageId;
});
afterAll(async () => {
  await stack.close();
});

type Call = (client: SalesCoachClient, id: string) => Promise<unknown>;

const sessionProcedures: Record<string, Call> = {
  'chat.sessions.get': (c, id) => c.api.chat.sessions.get.query({ sessionId: id }),
  'chat.sessions.rename': (c, id) =>
    c.api.chat.sessions.rename.mutate({ sessionId: id, title: 'pwned' }),
  'chat.sessions.setPrivate': (c, id) =>
    c.api.chat.sessions.setPrivate.mutate({ sessionId: id, private: true }),
  'chat.sessions.delete': (c, id) => c.api.chat.sessions.delete.mutate({ sessionId: id }),
  'chat.messages.list': (c, id) => c.api.chat.messages.list.query({ sessionId: id }),
  'chat.send': (c, id) =>
    c.api.chat.send.mutate({ sessionId: id, content: 'hi', clientMessageId: crypto.randomUUID() }),
  'chat.edit': (c, id) =>
    c.api.chat.edit.mutate({
      sessionId: id,
      messageId,
      content: 'pwned',
      clientMessageId: crypto.randomUUID(),
    }),
  'chat.regenerate': (c, id) => c.api.chat.regenerate.mutate({ sessionId: id, messageId }),
  'chat.stop': (c, id) => c.api.chat.stop.mutate({ sessionId: id }),
  'chat.events': subscribeOnce((c, id, h) =>
    c.api.chat.events.subscribe({ sessionId: id, lastEventId: null }, h),
  ),
};

const groupProcedures: Record<string, Call> = {
  'groups.get': (c, id) => c.api.groups.get.query({ groupId: id }),
  'groups.update': (c, id) => c.api.groups.update.mutate({ groupId: id, name: 'pwned' }),
  'groups.delete': (c, id) => c.api.groups.delete.mutate({ groupId: id }),
  'groups.leave': (c, id) => c.api.groups.leave.mutate({ groupId: id }),
  'groups.members.add': (c, id) =>
    c.api.groups.members.add.mutate({ groupId: id, userId: 'dev:sam' }),
  'groups.members.remove': (c, id) =>
    c.api.groups.members.remove.mutate({ groupId: id, userId: 'dev:alex' }),
  'groups.messages.list': (c, id) => c.api.groups.messages.list.query({ groupId: id }),
  'groups.send': (c, id) =>
    c.api.groups.send.mutate({ groupId: id, content: 'hi', clientMessageId: crypto.randomUUID() }),
  'groups.messages.edit': (c, id) =>
    c.api.groups.messages.edit.mutate({ groupId: id, messageId: roomMessageId, content: 'pwned' }),
  'groups.messages.delete': (c, id) =>
    c.api.groups.messages.delete.mutate({ groupId: id, messageId: roomMessageId }),
  'groups.stop': (c, id) => c.api.groups.stop.mutate({ groupId: id }),
  'groups.typing': (c, id) => c.api.groups.typing.mutate({ groupId: id }),
  'groups.events': subscribeOnce((c, id, h) =>
    c.api.groups.events.subscribe({ groupId: id, lastEventId: null }, h),
  ),
};

const refusal = { data: { code: expect.stringMatching(/^(NOT_FOUND|FORBIDDEN)$/) } };
const cases = [
  ...Object.entries(sessionProcedures).flatMap(([name, call]) =>
    ['sam', 'morgan', 'riley', 'admin'].flatMap((who) => [
      { name, who, target: 'foreign', call, id: () => sessionId },
      { name, who, target: 'missing', call, id: () => 'does-not-exist' },
    ]),
  ),
  ...Object.entries(groupProcedures).flatMap(([name, call]) =>
    ['sam', 'morgan', 'riley', 'admin'].flatMap((who) => [
      { name, who, target: 'foreign', call, id: () => groupId },
      { name, who, target: 'missing', call, id: () => 'does-not-exist' },
    ]),
  ),
];

describe('access matrix', () => {
  it.each(cases)('$name by $who on a $target resource is refused', async ({ call, who, id }) => {
    const client = intruders[who];
    if (!client) throw new Error(`no client for ${who}`);
    await expect(call(client, id())).rejects.toMatchObject(refusal);
  });

  it('left the owner’s resources untouched', async () => {
    const session = await owner.api.chat.sessions.get.query({ sessionId });
    expect(session.title).toBe('private');
    expect(session.private).toBe(false);
    const group = await owner.api.groups.get.query({ groupId });
    expect(group.name).toBe('Deal desk');
    expect(group.members.map((m) => m.userId)).toEqual(['dev:alex']);
    const sessionMessages = await owner.api.chat.messages.list.query({ sessionId });
    expect(sessionMessages.messages.filter((m) => m.author.kind === 'user')).toMatchObject([
      { id: messageId, content: 'my secret plan' },
    ]);
    const roomMessages = await owner.api.groups.messages.list.query({ groupId });
    expect(roomMessages.messages).toMatchObject([{ id: roomMessageId, content: 'room plan' }]);
  });

  it('search finds the owner’s session for the owner and for nobody else', async () => {
    await expect(owner.api.search.messages.query({ query: 'secret plan' })).resolves.toMatchObject({
      results: [{ conversation: { kind: 'session', id: sessionId } }],
    });
    for (const client of Object.values(intruders))
      await expect(client.api.search.messages.query({ query: 'secret plan' })).resolves.toEqual({
        results: [],
        nextCursor: null,
        terms: ['secret', 'plan'],
      });
  });

  it('keeps manager-only procedures from reps', async () => {
    await expect(owner.api.insights.commonQuestions.query()).rejects.toMatchObject({
      data: { code: 'FORBIDDEN' },
    });
    await expect(owner.api.admin.tools.status.query()).rejects.toMatchObject({
      data: { code: 'FORBIDDEN' },
    });
    await expect(intruders.morgan?.api.insights.commonQuestions.query()).resolves.toMatchObject({
      groups: expect.any(Array),
    });
    await expect(intruders.admin?.api.admin.tools.status.query()).resolves.toEqual(
      expect.any(Array),
    );
  });
});
