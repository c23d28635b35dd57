import type { SalesCoachClient } from '@salescoach/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../testing/index.js';
import { TrpcFramesSocket } from '../testing/trpc-frames-socket.js';

/**
 * The pushed delivery of room events (subscription-delivery.ts): real WebSockets speaking
 * tRPC's protocol by hand, so the test sees exactly which frames reach which socket.
 */
let stack: TestStack;
let alex: SalesCoachClient;
const sockets: TrpcFramesSocket[] = [];

beforeAll(async () => {
  stack = await startTestStack({ crm: false, env: { SENDS_PER_MINUTE: '10000' } });
  alex = stack.client('alex');
});
afterAll(async () => {
  await Promise.all(sockets.map((s) => s.close()));
  await stack.close();
});

async function socketOf(user: string): Promise<TrpcFramesSocket> {
  const socket = await TrpcFramesSocket.open(stack.server.wsUrl, await stack.token(user));
  sockets.push(socket);
  return socket;
}

async function room(name: string, members: readonly string[]): Promise<string> {
  const group = await alex.api.groups.create.mutate({ name, role: 'Sales', aiMode: 'mention' });
  for (const user of members)
    await alex.api.groups.members.add.mutate({ groupId: group.id, userId: `dev:${user}` });
  return group.id;
}

let sent = 0;
const send = (groupId: string, content: string) =>
  alex.api.groups.send.mutate({ groupId, content, clientMessageId: `delivery-${++sent}` });

const follow = (socket: TrpcFramesSocket, groupId: string, lastEventId: string | null = null) =>
  socket.subscribe('groups.events', { groupId, lastEventId });

/** The message contents of subscription `id`, with their ids, in arrival order. */
function messages(socket: TrpcFramesSocket, id: number) {
  return socket
    .items(id)
    .flatMap((item) =>
      item.event.type === 'message.created'
        ? [{ id: item.id, content: (item.event.message as { content: string }).content }]
        : [],
    );
}

const contents = (socket: TrpcFramesSocket, id: number) =>
  messages(socket, id).map((m) => m.content);

describe('room events pushed to member sockets', () => {
  it('every member gets every message once, in the same order, as tracked tRPC data frames', async () => {
    const groupId = await room('Order', ['sam', 'morgan']);
    const members = await Promise.all(['alex', 'sam', 'morgan'].map(socketOf));
    // Sam's subscription gets another request id than the others': frames are built once
    // per distinct envelope, and each socket must get its own subscription's.
    await members[1]!.roundTrip();
    const subs = await Promise.all(members.map((s) => follow(s, groupId)));
    expect(new Set(subs).size).toBe(2);
    const texts = Array.from({ length: 30 }, (_, i) => `order ${i}`);
    // Sent at once: the server picks one order, and every member must see that one.
    await Promise.all(texts.map((text) => send(groupId, text)));
    await Promise.all(members.map((s, i) => s.until(() => contents(s, subs[i]!).length >= 30)));

    const first = messages(members[0]!, subs[0]!);
    expect([...first.map((m) => m.content)].sort()).toEqual([...texts].sort());
    for (const [i, socket] of members.entries()) {
      expect(messages(socket, subs[i]!)).toEqual(first);
      for (const frame of socket.of(subs[i]!).filter((f) => f.result?.type === 'data'))
        expect((frame.result!.data as { id?: string }).id).toBe(frame.result!.id);
    }
    const page = await alex.api.groups.messages.list.query({ groupId, limit: 50 });
    const storedOrder = page.messages.map((m) => m.content).filter((c) => c.startsWith('order '));
    expect(first.map((m) => m.content)).toEqual(storedOrder);
  });

  it('resumes after lastEventId: exactly the messages after it, then live ones', async () => {
    const groupId = await room('Resume', ['sam']);
    const alexSocket = await socketOf('alex');
    const live = await follow(alexSocket, groupId);
    for (let i = 0; i < 6; i += 1) await send(groupId, `resume ${i}`);
    await alexSocket.until(() => contents(alexSocket, live).length >= 6);
    const third = messages(alexSocket, live)[2]!;

    const sam = await socketOf('sam');
    const resumed = await follow(sam, groupId, third.id);
    await send(groupId, 'resume 6');
    await sam.until(() => contents(sam, resumed).includes('resume 6'));
    expect(contents(sam, resumed)).toEqual(['resume 3', 'resume 4', 'resume 5', 'resume 6']);
  });

  it('a stopped subscription gets `stopped` and nothing after it; the others keep receiving', async () => {
    const groupId = await room('Stop', ['sam']);
    const [alexSocket, sam] = await Promise.all([socketOf('alex'), socketOf('sam')]);
    const [watching, stopping] = await Promise.all([
      follow(alexSocket, groupId),
      follow(sam, groupId),
    ]);
    await send(groupId, 'before stop');
    await sam.until(() => contents(sam, stopping).length === 1);
    sam.stop(stopping);
    await sam.until(() => sam.of(stopping).some((f) => f.result?.type === 'stopped'));

    await send(groupId, 'after stop');
    await alexSocket.until(() => contents(alexSocket, watching).includes('after stop'));
    await sam.roundTrip();
    expect(contents(sam, stopping)).toEqual(['before stop']);
    expect(sam.of(stopping).at(-1)?.result?.type).toBe('stopped');
  });

  it('a member removed from the room gets the removal last, then nothing more', async () => {
    const groupId = await room('Removal', ['sam', 'morgan']);
    const [alexSocket, morgan] = await Promise.all([socketOf('alex'), socketOf('morgan')]);
    const [watching, removed] = await Promise.all([
      follow(alexSocket, groupId),
      follow(morgan, groupId),
    ]);
    await send(groupId, 'while a member');
    await alex.api.groups.members.remove.mutate({ groupId, userId: 'dev:morgan' });
    await morgan.until(() => morgan.of(removed).some((f) => f.result?.type === 'stopped'));
    await send(groupId, 'after removal');
    await alexSocket.until(() => contents(alexSocket, watching).includes('after removal'));
    await morgan.roundTrip();

    const types = morgan.items(removed).map((i) => i.event.type);
    expect(contents(morgan, removed)).toEqual(['while a member']);
    expect(types.at(-1)).toBe('member.removed');
    // Re-subscribing is refused: the removal holds for new subscriptions too.
    await expect(follow(morgan, groupId)).rejects.toThrow();
  });

  it('a socket that never subscribed, or follows another room, receives none of the room', async () => {
    const groupId = await room('Private', ['sam']);
    const otherId = await room('Elsewhere', ['morgan']);
    const [alexSocket, idle, elsewhere] = await Promise.all([
      socketOf('alex'),
      socketOf('sam'),
      socketOf('morgan'),
    ]);
    const watching = await follow(alexSocket, groupId);
    const other = await follow(elsewhere, otherId);
    await send(groupId, 'only for the room');
    await alexSocket.until(() => contents(alexSocket, watching).length === 1);
    await Promise.all([idle.roundTrip(), elsewhere.roundTrip()]);

    expect(idle.frames.filter((f) => f.result?.type === 'data' && f.result.id)).toEqual([]);
    expect(elsewhere.items(other).map((i) => i.event.type)).not.toContain('message.created');
    expect(
      elsewhere.frames.every(
        (f) => f.id === other || f.result?.type !== 'data' || f.result.id === undefined,
      ),
    ).toBe(true);
  });

  it('two subscriptions on one socket each get their own room, under their own request id', async () => {
    const first = await room('First', ['sam']);
    const second = await room('Second', ['sam']);
    const sam = await socketOf('sam');
    const [a, b] = [await follow(sam, first), await follow(sam, second)];
    await send(first, 'to first');
    await send(second, 'to second');
    await sam.until(() => contents(sam, b).length === 1 && contents(sam, a).length === 1);
    expect(contents(sam, a)).toEqual(['to first']);
    expect(contents(sam, b)).toEqual(['to second']);
  });
});
