import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startRedisServer, type RedisServerHandle } from '../testing/redis-server.js';
import { createRedisRunningAnswers, type RedisRunningAnswers } from './redis-running-answers.js';

describe('running answers in Redis, two API instances', () => {
  let redis: RedisServerHandle;
  let keyPrefix: string;
  let a: RedisRunningAnswers;
  let b: RedisRunningAnswers;

  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await redis?.stop();
  });
  beforeEach(async () => {
    keyPrefix = `running:${randomUUID()}:`;
    a = await createRedisRunningAnswers({ url: redis.url, keyPrefix, leaseMs: 300 });
    b = await createRedisRunningAnswers({ url: redis.url, keyPrefix, leaseMs: 300 });
  });
  afterEach(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  it('counts an answer running on one instance on the other, per user, until it is removed', async () => {
    const removeOnA = await a.add('dev:alex', 'session-1');
    const removeOnB = await b.add('dev:alex', 'session-2');
    await b.add('dev:sam', 'session-3');
    expect(await b.count('dev:alex')).toBe(2);
    expect(await a.count('dev:sam')).toBe(1);
    await removeOnA();
    expect(await b.count('dev:alex')).toBe(1);
    await removeOnB();
    expect(await a.count('dev:alex')).toBe(0);
  });

  it('renews the lease of a running answer, and lets a dead instance’s entries lapse', async () => {
    const key = `${keyPrefix}answers-running:dev:alex`;
    const probe = new Redis(redis.url);
    try {
      await a.add('dev:alex', 'session-1');
      const [, firstEnd] = await probe.zrange(key, 0, -1, 'WITHSCORES');
      // Renewed while it runs: its lease end moves on, and it is still counted past the first lease.
      await vi.waitFor(
        async () => {
          const [, end] = await probe.zrange(key, 0, -1, 'WITHSCORES');
          expect(Number(end)).toBeGreaterThan(Number(firstEnd) + 300);
        },
        { timeout: 5_000, interval: 50 },
      );
      expect(await b.count('dev:alex')).toBe(1);
      // The instance dies (no removal, no renewal): the entry lapses with its lease.
      await a.close();
      await vi.waitFor(async () => expect(await b.count('dev:alex')).toBe(0), {
        timeout: 5_000,
        interval: 50,
      });
    } finally {
      probe.disconnect();
    }
  });
});
