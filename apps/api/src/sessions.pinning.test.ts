import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from './testing/index.js';

describe('pinned sessions, through the real API', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ crm: false });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('lists a pinned session first, even past the limit, for its owner only', async () => {
    const api = stack.client('alex').api;
    const oldest = await api.chat.sessions.create.mutate({ title: 'Oldest' });
    const middle = await api.chat.sessions.create.mutate({ title: 'Middle' });
    const newest = await api.chat.sessions.create.mutate({ title: 'Newest' });
    await expect(
      stack
        .client('sam')
        .api.chat.sessions.setPinned.mutate({ sessionId: oldest.id, pinned: true }),
    ).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });

    await expect(
      api.chat.sessions.setPinned.mutate({ sessionId: oldest.id, pinned: true }),
    ).resolves.toMatchObject({ id: oldest.id, pinned: true });
    const ids = async (limit: number) =>
      (await api.chat.sessions.list.query({ limit })).map((s) => s.id);
    // Sessions made in the same millisecond may list in either order: only the pin is asserted.
    const all = await ids(200);
    expect(all[0]).toBe(oldest.id);
    expect(all.slice(1, 3).sort()).toEqual([middle.id, newest.id].sort());
    const short = await ids(1);
    expect(short).toHaveLength(2);
    expect(short[0]).toBe(oldest.id);

    await api.chat.sessions.setPinned.mutate({ sessionId: oldest.id, pinned: false });
    expect(await ids(1)).not.toContain(oldest.id);
    await expect(api.chat.sessions.get.query({ sessionId: oldest.id })).resolves.toMatchObject({
      pinned: false,
    });
  });
});
