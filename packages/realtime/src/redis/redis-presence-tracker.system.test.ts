import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startRedisServer, type RedisServerHandle } from '../testing/redis-server.js';
import { startCrashingHolder } from './crashing-holder.js';
import { createRedisPresenceTracker, type RedisPresenceTracker } from './redis-presence-tracker.js';

const alex = { userId: 'dev:alex', name: 'Alex Rivera' };
const sam = { userId: 'dev:sam', name: 'Sam Chen' };
const ids = (list: { userId: string }[]) => list.map((m) => m.userId);

describe('Redis presence tracker, two instances on one Redis', () => {
  let redis: RedisServerHandle;
  let keyPrefix: string;
  let a: RedisPresenceTracker;
  let b: RedisPresenceTracker;

  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await redis?.stop();
  });
  beforeEach(async () => {
    keyPrefix = `presence:${randomUUID()}:`;
    a = await createRedisPresenceTracker({ url: redis.url, keyPrefix });
    b = await createRedisPresenceTracker({ url: redis.url, keyPrefix });
  });
  afterEach(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  it('both instances list everyone once, ordered by name; a person stays online until their last connection leaves', async () => {
    const alexOnA = await a.join('g1', alex);
    const samOnB = await b.join('g1', sam);
    const alexOnB = await b.join('g1', { ...alex }); // a second tab, on the other instance
    expect(await a.online('g1')).toEqual([alex, sam]);
    expect(await b.online('g1')).toEqual([alex, sam]);
    expect(await a.online('g2')).toEqual([]);

    await alexOnA();
    await alexOnA(); // idempotent: does not end the other tab
    expect(ids(await b.online('g1'))).toEqual(['dev:alex', 'dev:sam']);
    await alexOnB();
    expect(await a.online('g1')).toEqual([sam]);
    await samOnB();
    expect(await b.online('g1')).toEqual([]);
  });

  it('entries stay while their instance is up (heartbeat), and close removes its own', async () => {
    const ttlMs = 300;
    const short = await createRedisPresenceTracker({
      url: redis.url,
      keyPrefix,
      ttlSeconds: ttlMs / 1000,
    });
    const probe = new Redis(redis.url);
    /** When sam's entry expires (its score), as the heartbeat last wrote it. */
    const samExpiry = async () => {
      const scored = await probe.zrange(`${keyPrefix}presence:g1`, 0, -1, 'WITHSCORES');
      const at = scored.findIndex((member, i) => i % 2 === 0 && member.includes(sam.userId));
      return at < 0 ? Number.NaN : Number(scored[at + 1]);
    };
    try {
      await short.join('g1', sam);
      await a.join('g1', alex);
      const joinedExpiry = await samExpiry();
      // Wait for a heartbeat written after the entry's first expiry had passed: only the
      // refresh keeps sam online now.
      await vi.waitFor(
        async () => expect(await samExpiry()).toBeGreaterThan(joinedExpiry + 2 * ttlMs),
        { timeout: 10_000, interval: 25 },
      );
      expect(ids(await a.online('g1'))).toEqual(['dev:alex', 'dev:sam']);
    } finally {
      probe.disconnect();
    }
    await short.close();
    expect(ids(await a.online('g1'))).toEqual(['dev:alex']);
  });

  it("a crashed instance's connections drop out within the ttl", async () => {
    await a.join('g1', alex);
    const holder = await startCrashingHolder('presence', redis.url, keyPrefix, 'g1');
    await vi.waitFor(
      async () => expect(ids(await b.online('g1'))).toEqual(['dev:crashed', 'dev:alex'].sort()),
      { timeout: 10_000 },
    );
    await holder.crash();
    await vi.waitFor(async () => expect(ids(await b.online('g1'))).toEqual(['dev:alex']), {
      timeout: 10_000,
      interval: 100,
    });
  });
});
