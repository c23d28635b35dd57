import { randomUUID } from 'node:crypto';
import type { ConversationEvent, EventLog, StoredEvent } from '@salescoach/domain';
import { EPHEMERAL_EVENT_ID } from '@salescoach/domain';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startRedisServer, type RedisServerHandle } from '../testing/redis-server.js';
import { createRedisEventLog } from './redis-event-log.js';

const delta = (text: string): ConversationEvent => ({
  type: 'answer.delta',
  messageId: 'm-1',
  text,
});
const textOf = (e: StoredEvent) => (e.event.type === 'answer.delta' ? e.event.text : e.event.type);
const until = (check: () => void | Promise<void>) =>
  vi.waitFor(check, { timeout: 30_000, interval: 20 });

describe('two instances on one Redis', () => {
  let redis: RedisServerHandle;
  let a: EventLog;
  let b: EventLog;

  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await redis?.stop();
  });
  beforeEach(async () => {
    const keyPrefix = `scale:${randomUUID()}:`;
    // A long block: a new subscription is picked up only because the blocked read is interrupted.
    a = await createRedisEventLog({ url: redis.url, maxEvents: 1000, keyPrefix, blockMs: 60_000 });
    b = await createRedisEventLog({ url: redis.url, maxEvents: 1000, keyPrefix, blockMs: 60_000 });
  });
  afterEach(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  it('a subscriber on B receives what A appends, in order', async () => {
    const received: StoredEvent[] = [];
    const off = b.subscribe('session:1', (e) => received.push(e));
    // Any later call on B resolves after its subscription's start point is fixed; without it,
    // A's first append could race B's start (instances share no ordering).
    await b.latestId('session:1');
    const ids: string[] = [];
    for (let i = 0; i < 50; i += 1) ids.push(await a.append('session:1', delta(`e${i}`)));
    await until(() => expect(received).toHaveLength(50));
    expect(received.map((e) => e.id)).toEqual(ids);
    expect(received.map(textOf)).toEqual(ids.map((_, i) => `e${i}`));
    off();
  });

  it('picks up streams subscribed while its reader is blocked', async () => {
    const first: string[] = [];
    const second: string[] = [];
    const offFirst = b.subscribe('group:1', (e) => first.push(textOf(e)));
    await a.append('group:1', delta('one'));
    await until(() => expect(first).toEqual(['one']));
    const offSecond = b.subscribe('group:2', (e) => second.push(textOf(e)));
    await b.latestId('group:2');
    await a.append('group:2', delta('two'));
    await until(() => expect(second).toEqual(['two']));
    expect(first).toEqual(['one']);
    offFirst();
    offSecond();
  });

  it('carries ephemeral events to the other instance, once each', async () => {
    const onA: StoredEvent[] = [];
    const onB: StoredEvent[] = [];
    const offA = a.subscribe('group:9', (e) => onA.push(e));
    const offB = b.subscribe('group:9', (e) => onB.push(e));
    const typing: ConversationEvent = {
      type: 'typing',
      groupId: '9',
      userId: 'dev:alex',
      name: 'Alex Rivera',
      expiresAt: '2030-01-01T00:00:00.000Z',
    };
    let published = 0;
    // B's pub/sub subscription completes in the background; publish until it is in place.
    await until(async () => {
      await a.publishEphemeral('group:9', typing);
      published += 1;
      expect(onB.length).toBeGreaterThan(0);
    });
    expect(onB[0]).toEqual({ id: EPHEMERAL_EVENT_ID, stream: 'group:9', event: typing });
    expect(onA).toHaveLength(published);
    expect(await a.latestId('group:9')).toBeUndefined();
    offA();
    offB();
  });

  it('resumes after Redis restarts, with no loss and no duplicates', async () => {
    const received: StoredEvent[] = [];
    const off = b.subscribe('session:r', (e) => received.push(e));
    await b.latestId('session:r');
    const before: string[] = [];
    for (let i = 0; i < 5; i += 1) before.push(await a.append('session:r', delta(`before${i}`)));
    await until(() => expect(received).toHaveLength(5));

    await redis.kill();
    // Wait until A has noticed, so the appends below queue for the new server instead of
    // being written to the dead connection.
    await until(async () => {
      await expect(a.ping()).rejects.toThrow();
    });
    const during = Array.from({ length: 5 }, (_, i) => a.append('session:r', delta(`during${i}`)));
    await redis.start();
    const duringIds = await Promise.all(during);
    const after: string[] = [];
    for (let i = 0; i < 5; i += 1) after.push(await a.append('session:r', delta(`after${i}`)));

    await until(() => expect(received).toHaveLength(15));
    expect(received.map((e) => e.id)).toEqual([...before, ...duringIds, ...after]);
    expect(received.map(textOf)).toEqual([
      ...before.map((_, i) => `before${i}`),
      ...duringIds.map((_, i) => `during${i}`),
      ...after.map((_, i) => `after${i}`),
    ]);
    expect(new Set(received.map((e) => e.id)).size).toBe(15);
    // The restarted server kept nothing (no persistence): an id from before is reported as missed.
    const replay = await b.readAfter('session:r', before[4]!);
    expect(replay.missed).toBe(true);
    expect(replay.events.map((e) => e.id)).toEqual([...duringIds, ...after]);
    await expect(b.ping()).resolves.toBeUndefined();
    off();
  });
});
