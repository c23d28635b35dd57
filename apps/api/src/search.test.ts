import type { SalesCoachClient } from '@salescoach/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from './testing/index.js';

/**
 * Search through the real API: each person finds what they may read now — their own
 * sessions and the rooms they belong to — and nothing else, with snippets and paging.
 */
let stack: TestStack;
const clients = new Map<string, SalesCoachClient>();
const client = (user: string) =>
  clients.get(user) ?? clients.set(user, stack.client(user)).get(user)!;
const WORD = 'quokkaplan';
let room: string;
let hrRoom: string;

async function session(user: string, content: string) {
  const api = client(user).api;
  const { id } = await api.chat.sessions.create.mutate({ title: `${user}'s notes` });
  await api.chat.send.mutate({ sessionId: id, content, clientMessageId: `s-${user}` });
  return id;
}

beforeAll(async () => {
  stack = await startTestStack({ crm: false });
  room = (
    await client('alex').api.groups.create.mutate({
      name: 'Deal desk',
      role: 'Sales',
      aiMode: 'mention',
    })
  ).id;
  await client('alex').api.groups.members.add.mutate({ groupId: room, userId: 'dev:sam' });
  hrRoom = (
    await client('riley').api.groups.create.mutate({
      name: 'People',
      role: 'HR',
      aiMode: 'mention',
    })
  ).id;
  await client('alex').api.groups.send.mutate({
    groupId: room,
    content: `Team, the ${WORD} for Contoso is due Friday`,
    clientMessageId: 'r-1',
  });
  await client('riley').api.groups.send.mutate({
    groupId: hrRoom,
    content: `Confidential ${WORD} for the reorg`,
    clientMessageId: 'r-2',
  });
}, 60_000);
afterAll(async () => {
  await stack?.close();
});

const found = async (user: string, query = WORD) =>
  (await client(user).api.search.messages.query({ query })).results
    .map((r) => `${r.conversation.kind}:${r.conversation.title}`)
    .sort();

describe('search', () => {
  it('finds own sessions and current rooms only, as a matrix of people × places', async () => {
    await session('alex', `My ${WORD} draft for Contoso`);
    await session('sam', `Sam's ${WORD} thoughts`);
    expect(await found('alex')).toEqual(['group:Deal desk', "session:alex's notes"]);
    expect(await found('sam')).toEqual(['group:Deal desk', "session:sam's notes"]);
    expect(await found('riley')).toEqual(['group:People']);
    expect(await found('morgan')).toEqual([]);
    expect(await found('admin')).toEqual([]);

    await client('alex').api.groups.members.remove.mutate({ groupId: room, userId: 'dev:sam' });
    expect(await found('sam')).toEqual(["session:sam's notes"]);
  });

  it('returns the matching words as marked snippet parts, and pages with a cursor', async () => {
    const api = client('alex').api;
    for (let i = 0; i < 3; i += 1) await session('alex', `Northwind renewal step ${i}`);
    const first = await api.search.messages.query({ query: 'northwind RENEW', limit: 2 });
    expect(first.terms).toEqual(['northwind', 'renew']);
    expect(first.results).toHaveLength(2);
    expect(first.results[0]!.snippet.filter((p) => p.match).map((p) => p.text)).toEqual([
      'Northwind',
      'renew',
    ]);
    expect(first.nextCursor).not.toBeNull();
    const rest = await api.search.messages.query({
      query: 'northwind renew',
      limit: 2,
      cursor: first.nextCursor!,
    });
    expect(rest.nextCursor).toBeNull();
    const ids = [...first.results, ...rest.results].map((r) => r.messageId);
    expect(new Set(ids).size).toBe(3);
  });

  it('explains a query with nothing to search for', async () => {
    await expect(
      client('alex').api.search.messages.query({ query: '" * a' }),
    ).rejects.toMatchObject({
      data: { code: 'BAD_REQUEST' },
      message: 'Type at least one word of two letters or more',
    });
  });
});
