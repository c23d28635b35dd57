import type { ConversationEvent } from '@salescoach/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectEvents, startTestStack, type TestStack } from '../testing/index.js';

/**
 * Room membership and idempotency as an outside caller would try them: members are added by
 * directory id only (a name typed by the caller never shows), unknown ids are refused, a
 * member's clientMessageId cannot swallow another member's message, and adding someone who
 * lacks the room's role is answered with a warning and recorded.
 */
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ crm: false });
});
afterAll(async () => {
  await stack.close();
});

describe('room membership', () => {
  it('adds by directory id with the directory name and e-mail, whatever name the caller sends', async () => {
    const alex = stack.client('alex');
    const room = await alex.api.groups.create.mutate({ name: 'Names', role: 'Sales' });
    const token = await stack.token('alex');
    // A raw caller still sends a name of its own: it is ignored.
    const response = await fetch(`${stack.server.url}/trpc/groups.members.add`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ groupId: room.id, userId: 'dev:sam', name: 'Morgan Lee' }),
    });
    expect(response.status).toBe(200);
    const members = (await alex.api.groups.get.query({ groupId: room.id })).members;
    expect(members.map((m) => m.name)).toEqual(['Alex Rivera', 'Sam Chen']);
    const directory = await alex.api.groups.directory.query();
    expect(directory.find((p) => p.userId === 'dev:sam')).toMatchObject({
      name: 'Sam Chen',
      email: expect.stringMatching(/@/) as string,
    });
  });

  it('refuses an id the directory does not know', async () => {
    const alex = stack.client('alex');
    const room = await alex.api.groups.create.mutate({ name: 'Unknown', role: 'Sales' });
    await expect(
      alex.api.groups.members.add.mutate({ groupId: room.id, userId: 'dev:mallory' }),
    ).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
    const members = (await alex.api.groups.get.query({ groupId: room.id })).members;
    expect(members.map((m) => m.userId)).toEqual(['dev:alex']);
  });
});

describe('idempotency keys in a room', () => {
  it('keeps sam\u2019s message when sam sends with the clientMessageId alex just used', async () => {
    const alex = stack.client('alex');
    const sam = stack.client('sam');
    const room = await alex.api.groups.create.mutate({ name: 'Keys', role: 'Sales' });
    await alex.api.groups.members.add.mutate({ groupId: room.id, userId: 'dev:sam' });
    const first = await alex.api.groups.send.mutate({
      groupId: room.id,
      content: 'alex speaking',
      clientMessageId: 'shared-key',
    });
    const second = await sam.api.groups.send.mutate({
      groupId: room.id,
      content: 'sam speaking',
      clientMessageId: 'shared-key',
    });
    expect(second).toMatchObject({ created: true, message: { content: 'sam speaking' } });
    expect(second.messageId).not.toBe(first.messageId);
    const retry = await alex.api.groups.send.mutate({
      groupId: room.id,
      content: 'alex speaking',
      clientMessageId: 'shared-key',
    });
    expect(retry).toMatchObject({ created: false, messageId: first.messageId });
    const page = await sam.api.groups.messages.list.query({ groupId: room.id });
    expect(page.messages.map((m) => m.content)).toEqual(['alex speaking', 'sam speaking']);
  });
});

describe('a member who lacks the room\u2019s role', () => {
  it('is added with a warning in the response, a flag on the event, and a log record', async () => {
    const alex = stack.client('alex');
    const room = await alex.api.groups.create.mutate({ name: 'Sales floor', role: 'Sales' });
    const seen = collectEvents();
    alex.api.groups.events.subscribe(
      { groupId: room.id, lastEventId: null },
      { onData: seen.onData, onStarted: seen.onStarted },
    );
    await seen.started;

    const holder = await alex.api.groups.members.add.mutate({
      groupId: room.id,
      userId: 'dev:sam',
    });
    expect(holder).toMatchObject({ added: true, warning: null });
    const lacking = await alex.api.groups.members.add.mutate({
      groupId: room.id,
      userId: 'dev:riley',
    });
    expect(lacking.added).toBe(true);
    expect(lacking.warning).toEqual({
      code: 'ROLE_NOT_HELD',
      userId: 'dev:riley',
      name: 'Riley Park',
      role: 'Sales',
      roles: ['HR'],
      message:
        'Riley Park does not hold the role Sales (holds HR). In this room the coach answers with Sales tools and data, so Riley Park will see what Sales may see.',
    });
    const again = await alex.api.groups.members.add.mutate({
      groupId: room.id,
      userId: 'dev:riley',
    });
    expect(again).toMatchObject({ added: false, warning: null });

    const added = (all: { event: ConversationEvent }[]) =>
      all.flatMap((e) => (e.event.type === 'member.added' ? [e.event] : []));
    await seen.until((all) => added(all).length >= 2);
    expect(added(seen.events).map((e) => [e.userId, e.lacksRole ?? false])).toEqual([
      ['dev:sam', false],
      ['dev:riley', true],
    ]);
    const records = stack.logLines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((l) => l.msg === 'member added without the room role' && l.groupId === room.id);
    expect(records.map((r) => [r.userId, r.role, r.by])).toEqual([
      ['dev:riley', 'Sales', 'dev:alex'],
    ]);
  });
});
