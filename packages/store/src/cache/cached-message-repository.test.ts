import type { ConversationRef, MessageRepository } from '@salescoach/domain';
import { beforeEach, describe, expect, it } from 'vitest';
import { createMemoryStore, type MemoryStore } from '../memory/memory-store.js';
import { sessionFixture, sessionRef, userMessageFixture } from '../testing/store-fixtures.js';
import { withMessageCache } from './cached-message-repository.js';

/** Counts the calls that reach the real repository behind the cache. */
function counting(repo: MessageRepository) {
  const calls = { list: 0, findByClientId: 0 };
  const wrapped: MessageRepository = {
    ...repo,
    append: (ref, m) => repo.append(ref, m),
    get: (ref, id) => repo.get(ref, id),
    findByClientId: (ref, key, author) => {
      calls.findByClientId += 1;
      return repo.findByClientId(ref, key, author);
    },
    update: (ref, id, p) => repo.update(ref, id, p),
    listStreaming: () => repo.listStreaming(),
    list: (ref, o) => {
      calls.list += 1;
      return repo.list(ref, o);
    },
  };
  return { wrapped, calls };
}

describe('withMessageCache', () => {
  let store: MemoryStore;
  let ref: ConversationRef;

  beforeEach(async () => {
    store = createMemoryStore();
    ref = sessionRef(await store.sessions.create(sessionFixture('alex')));
    for (let i = 1; i <= 5; i += 1)
      await store.messages.append(ref, userMessageFixture(ref, `m${i}`));
  });

  it('serves the latest page from memory after the first read', async () => {
    const { wrapped, calls } = counting(store.messages);
    const cache = withMessageCache(wrapped, { maxConversations: 10 });
    const first = await cache.list(ref, { limit: 3 });
    const second = await cache.list(ref, { limit: 3 });
    expect(first.map((m) => m.seq)).toEqual([3, 4, 5]);
    expect(second).toEqual(first);
    expect(calls.list).toBe(1);
    expect(cache.stats).toEqual({ hits: 1, misses: 1 });
  });

  it('adds appended messages and applies updates without reloading', async () => {
    const { wrapped, calls } = counting(store.messages);
    const cache = withMessageCache(wrapped, { maxConversations: 10 });
    await cache.list(ref, { limit: 10 });
    const { message } = await cache.append(ref, userMessageFixture(ref, 'm6'));
    await cache.update(ref, message.id, { content: 'edited', status: 'interrupted' });
    const page = await cache.list(ref, { limit: 10 });
    expect(page.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(page.at(-1)).toMatchObject({ content: 'edited', status: 'interrupted' });
    expect(page).toEqual(await store.messages.list(ref, { limit: 10 }));
    expect(calls.list).toBe(1);
  });

  it('finds a retried clientMessageId in the window; asks the store only beyond it', async () => {
    const { wrapped, calls } = counting(store.messages);
    const cache = withMessageCache(wrapped, {
      maxConversations: 10,
      maxMessagesPerConversation: 3,
    });
    const old = await cache.append(
      ref,
      userMessageFixture(ref, 'old', { clientMessageId: 'k-old' }),
    );
    for (const n of [1, 2, 3]) await cache.append(ref, userMessageFixture(ref, `n${n}`));
    const recent = await cache.append(
      ref,
      userMessageFixture(ref, 'recent', { clientMessageId: 'k-new' }),
    );
    await cache.list(ref, { limit: 3 }); // the window: the newest three
    await expect(cache.findByClientId(ref, 'k-new', 'alex')).resolves.toEqual(recent.message);
    await expect(cache.findByClientId(ref, 'k-new', 'sam')).resolves.toBeNull();
    expect(calls.findByClientId).toBe(1); // sam's: not in the window, which starts after seq 1
    await expect(cache.findByClientId(ref, 'k-old', 'alex')).resolves.toEqual(old.message);
    expect(calls.findByClientId).toBe(2);
    // A copy: changing what it returned does not change the window.
    const found = await cache.findByClientId(ref, 'k-new', 'alex');
    found!.content = 'changed';
    await expect(cache.findByClientId(ref, 'k-new', 'alex')).resolves.toMatchObject({
      content: 'recent',
    });
  });

  it('reloads when another writer appended in between', async () => {
    const cache = withMessageCache(store.messages, { maxConversations: 10 });
    await cache.list(ref, { limit: 10 });
    await store.messages.append(ref, userMessageFixture(ref, 'from another instance'));
    await cache.append(ref, userMessageFixture(ref, 'through the cache'));
    const page = await cache.list(ref, { limit: 10 });
    expect(page.map((m) => m.content)).toEqual([
      'm1',
      'm2',
      'm3',
      'm4',
      'm5',
      'from another instance',
      'through the cache',
    ]);
  });

  it('sends beforeSeq pages and afterSeq reads outside the window to the repository', async () => {
    const { wrapped, calls } = counting(store.messages);
    const cache = withMessageCache(wrapped, {
      maxConversations: 10,
      maxMessagesPerConversation: 3,
    });
    await cache.list(ref, { limit: 3 });
    expect((await cache.list(ref, { limit: 2, beforeSeq: 3 })).map((m) => m.seq)).toEqual([1, 2]);
    expect((await cache.list(ref, { limit: 10, afterSeq: 3 })).map((m) => m.seq)).toEqual([4, 5]);
    expect(calls.list).toBe(2);
    expect((await cache.list(ref, { limit: 10, afterSeq: 1 })).map((m) => m.seq)).toEqual([
      2, 3, 4, 5,
    ]);
    expect(calls.list).toBe(4);
  });

  it('evicts the least recently used conversation', async () => {
    const { wrapped, calls } = counting(store.messages);
    const cache = withMessageCache(wrapped, { maxConversations: 2 });
    const refs = [ref];
    for (let i = 0; i < 2; i += 1)
      refs.push(sessionRef(await store.sessions.create(sessionFixture('alex'))));
    for (const r of refs) await cache.list(r, { limit: 5 });
    expect(calls.list).toBe(3);
    await cache.list(refs[2]!, { limit: 5 });
    await cache.list(refs[1]!, { limit: 5 });
    expect(calls.list).toBe(3);
    await cache.list(refs[0]!, { limit: 5 });
    expect(calls.list).toBe(4);
  });

  it('trusts a window only for maxAgeMs and forgets a conversation on invalidate', async () => {
    let clock = 0;
    const { wrapped, calls } = counting(store.messages);
    const cache = withMessageCache(wrapped, {
      maxConversations: 5,
      maxAgeMs: 1_000,
      now: () => clock,
    });
    await cache.list(ref, { limit: 5 });
    clock = 999;
    await cache.list(ref, { limit: 5 });
    expect(calls.list).toBe(1);
    clock = 2_001;
    await cache.list(ref, { limit: 5 });
    expect(calls.list).toBe(2);
    cache.invalidate(ref);
    await cache.list(ref, { limit: 5 });
    expect(calls.list).toBe(3);
  });

  it('hands out copies, so a caller cannot change what is cached', async () => {
    const cache = withMessageCache(store.messages, { maxConversations: 5 });
    const page = await cache.list(ref, { limit: 5 });
    page[0]!.content = 'tampered';
    page.pop();
    expect((await cache.list(ref, { limit: 5 })).map((m) => m.content)).toEqual([
      'm1',
      'm2',
      'm3',
      'm4',
      'm5',
    ]);
  });

  it('does not keep a window loaded while a write was in flight', async () => {
    const cache = withMessageCache(store.messages, { maxConversations: 5 });
    const [page] = await Promise.all([
      cache.list(ref, { limit: 10 }),
      cache.append(ref, userMessageFixture(ref, 'm6')),
    ]);
    expect(page.length).toBeGreaterThanOrEqual(5);
    expect((await cache.list(ref, { limit: 10 })).map((m) => m.content).at(-1)).toBe('m6');
  });
});
