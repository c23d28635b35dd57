import type { SalesCoachClient } from '@salescoach/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, subscribeOnce, type TestStack } from '../testing/index.js';
import { watchForLeaks } from './log-leak-check.js';

/**
 * The kinds of foreign resource access-matrix.test.ts does not cover: a room the caller was
 * removed from, a room the caller belongs to but does not own (owner-only procedures), a
 * session its owner deleted, and a room created with a role the caller does not hold.
 */
const secrets = watchForLeaks('matrix');
let stack: TestStack;
let alex: SalesCoachClient;
let sam: SalesCoachClient;
let formerRoom: string;
let sharedRoom: string;
let deletedSession: string;

beforeAll(async () => {
  stack = await startTestStack({ crm: false });
  alex = stack.client('alex');
  sam = stack.client('sam');
  formerRoom = (
    await alex.api.groups.create.mutate({ name: 'Former', role: 'Sales', aiMode: 'mention' })
  ).id;
  await alex.api.groups.members.add.mutate({ groupId: formerRoom, userId: 'dev:sam' });
  await alex.api.groups.send.mutate({
    groupId: formerRoom,
    content: `before removal ${secrets.canary('room')}`,
    clientMessageId: 'f-1',
  });
  await alex.api.groups.members.remove.mutate({ groupId: formerRoom, userId: 'dev:sam' });
  sharedRoom = (
    await alex.api.groups.create.mutate({ name: 'Shared', role: 'Sales', aiMode: 'mention' })
  ).id;
  await alex.api.groups.members.add.mutate({ groupId: sharedRoom, userId: 'dev:sam' });
  deletedSession = (await sam.api.chat.sessions.create.mutate({ title: 'gone' })).id;
  await sam.api.chat.send.mutate({
    sessionId: deletedSession,
    content: `secret ${secrets.canary('session')}`,
    clientMessageId: 'd-1',
  });
  await sam.api.chat.sessions.delete.mutate({ sessionId: deletedSession });
});
afterAll(async () => {
  await stack.close();
  secrets.expectAbsentFrom(stack.logLines);
});

type Call = (client: SalesCoachClient, id: string) => Promise<unknown>;

const roomProcedures: Record<string, Call> = {
  'groups.get': (c, id) => c.api.groups.get.query({ groupId: id }),
  'groups.messages.list': (c, id) => c.api.groups.messages.list.query({ groupId: id }),
  'groups.send': (c, id) =>
    c.api.groups.send.mutate({
      groupId: id,
      content: 'let me back in',
      clientMessageId: crypto.randomUUID(),
    }),
  'groups.typing': (c, id) => c.api.groups.typing.mutate({ groupId: id }),
  'groups.stop': (c, id) => c.api.groups.stop.mutate({ groupId: id }),
  'groups.leave': (c, id) => c.api.groups.leave.mutate({ groupId: id }),
  'groups.update': (c, id) => c.api.groups.update.mutate({ groupId: id, name: 'taken' }),
  'groups.delete': (c, id) => c.api.groups.delete.mutate({ groupId: id }),
  'groups.members.add': (c, id) =>
    c.api.groups.members.add.mutate({ groupId: id, userId: 'dev:sam' }),
  'groups.events': subscribeOnce((c, id, h) =>
    c.api.groups.events.subscribe({ groupId: id, lastEventId: null }, h),
  ),
};

const ownerOnly: Record<string, Call> = {
  'groups.update': (c, id) => c.api.groups.update.mutate({ groupId: id, name: 'taken' }),
  'groups.delete': (c, id) => c.api.groups.delete.mutate({ groupId: id }),
  'groups.members.add': (c, id) =>
    c.api.groups.members.add.mutate({ groupId: id, userId: 'dev:riley' }),
  'groups.members.remove': (c, id) =>
    c.api.groups.members.remove.mutate({ groupId: id, userId: 'dev:alex' }),
};

const sessionProcedures: Record<string, Call> = {
  'chat.sessions.get': (c, id) => c.api.chat.sessions.get.query({ sessionId: id }),
  'chat.sessions.rename': (c, id) =>
    c.api.chat.sessions.rename.mutate({ sessionId: id, title: 'back' }),
  'chat.sessions.delete': (c, id) => c.api.chat.sessions.delete.mutate({ sessionId: id }),
  'chat.messages.list': (c, id) => c.api.chat.messages.list.query({ sessionId: id }),
  'chat.send': (c, id) =>
    c.api.chat.send.mutate({
      sessionId: id,
      content: 'hello?',
      clientMessageId: crypto.randomUUID(),
    }),
  'chat.stop': (c, id) => c.api.chat.stop.mutate({ sessionId: id }),
  'chat.events': subscribeOnce((c, id, h) =>
    c.api.chat.events.subscribe({ sessionId: id, lastEventId: null }, h),
  ),
};

const refused = (codes: string) => ({
  data: { code: expect.stringMatching(new RegExp(`^(${codes})$`)) },
});

describe('access matrix, further kinds of foreign resource', () => {
  it.each(Object.entries(roomProcedures))(
    '%s by a member removed from the room is refused',
    async (_name, call) => {
      await expect(call(sam, formerRoom)).rejects.toMatchObject(refused('NOT_FOUND|FORBIDDEN'));
    },
  );

  it.each(Object.entries(ownerOnly))(
    '%s by a member who is not the owner is FORBIDDEN',
    async (_name, call) => {
      await expect(call(sam, sharedRoom)).rejects.toMatchObject(refused('FORBIDDEN'));
    },
  );

  it.each(Object.entries(sessionProcedures))(
    '%s on a session its owner deleted is NOT_FOUND, for the owner too',
    async (_name, call) => {
      await expect(call(sam, deletedSession)).rejects.toMatchObject(refused('NOT_FOUND'));
      await expect(call(alex, deletedSession)).rejects.toMatchObject(refused('NOT_FOUND'));
    },
  );

  it('creating a room with a role the caller does not hold is FORBIDDEN', async () => {
    for (const role of ['HR', 'Manager', 'Admin']) {
      await expect(
        sam.api.groups.create.mutate({ name: `${role} room`, role, aiMode: 'mention' }),
      ).rejects.toMatchObject(refused('FORBIDDEN'));
    }
  });

  it('left everything as it was: the rooms, their members and messages', async () => {
    const former = await alex.api.groups.get.query({ groupId: formerRoom });
    expect(former).toMatchObject({
      name: 'Former',
      members: [expect.objectContaining({ userId: 'dev:alex' })],
    });
    expect(former.members).toHaveLength(1);
    const shared = await alex.api.groups.get.query({ groupId: sharedRoom });
    expect(shared.name).toBe('Shared');
    expect(shared.members.map((m) => m.userId).sort()).toEqual(['dev:alex', 'dev:sam']);
    const messages = await alex.api.groups.messages.list.query({ groupId: formerRoom });
    expect(messages.messages.map((m) => m.author.kind === 'user' && m.author.userId)).toEqual([
      'dev:alex',
    ]);
    expect((await sam.api.groups.list.query()).map((g) => g.id)).toEqual([sharedRoom]);
  });
});
