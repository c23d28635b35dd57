import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { describeEventLogContract } from '../testing/event-log-contract.js';
import { describeReplayOverlap } from '../testing/replay-overlap-contract.js';
import { startRedisServer, type RedisServerHandle } from '../testing/redis-server.js';
import { createRedisEventLog } from './redis-event-log.js';

let redis: RedisServerHandle;

beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis?.stop();
});

describeEventLogContract('redis', async ({ maxEvents }) => {
  const log = await createRedisEventLog({
    url: redis.url,
    maxEvents,
    keyPrefix: `test:${randomUUID()}:`,
  });
  return { log, cleanup: () => log.close() };
});

describeReplayOverlap('redis', async () => {
  const log = await createRedisEventLog({
    url: redis.url,
    maxEvents: 100,
    keyPrefix: `test:${randomUUID()}:`,
  });
  return { log, cleanup: () => log.close() };
});

describe('redis event log', () => {
  it('fails fast when Redis cannot be reached', async () => {
    await expect(
      createRedisEventLog({ url: 'redis://127.0.0.1:1', maxEvents: 10 }),
    ).rejects.toThrow('Could not connect to Redis');
  });

  it('reports an id newer than anything it holds as nothing missed, and an empty stream as missed', async () => {
    const log = await createRedisEventLog({
      url: redis.url,
      maxEvents: 10,
      keyPrefix: `test:${randomUUID()}:`,
    });
    try {
      const id = await log.append('s', { type: 'answer.delta', messageId: 'm', text: 'a' });
      expect(await log.readAfter('s', id)).toEqual({ events: [], missed: false });
      expect((await log.readAfter('never-written', id)).missed).toBe(true);
      expect(await log.readAfter('s', id, 0)).toEqual({ events: [], missed: false });
    } finally {
      await log.close();
    }
  });
});

describe('redis event log while Redis is down', () => {
  it('fails ping and still closes', async () => {
    const own = await startRedisServer();
    try {
      const log = await createRedisEventLog({ url: own.url, maxEvents: 10 });
      const off = log.subscribe('s', () => undefined);
      await own.kill();
      await vi.waitFor(
        async () => {
          await expect(log.ping()).rejects.toThrow();
        },
        { timeout: 15_000, interval: 100 },
      );
      off();
      await log.close();
      await expect(log.ping()).rejects.toThrow('closed');
    } finally {
      await own.stop();
    }
  });
});
