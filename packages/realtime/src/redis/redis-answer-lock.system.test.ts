import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startRedisServer, type RedisServerHandle } from '../testing/redis-server.js';
import { startCrashingHolder } from './crashing-holder.js';
import { createRedisAnswerLock, type RedisAnswerLock } from './redis-answer-lock.js';

const LEASE_MS = 300;

describe('Redis room answer lock, two instances on one Redis', () => {
  let redis: RedisServerHandle;
  let keyPrefix: string;
  let a: RedisAnswerLock;
  let b: RedisAnswerLock;

  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await redis?.stop();
  });
  beforeEach(async () => {
    keyPrefix = `lock:${randomUUID()}:`;
    a = await createRedisAnswerLock({
      url: redis.url,
      keyPrefix,
      leaseMs: LEASE_MS,
      waiterStaleMs: 400,
    });
    b = await createRedisAnswerLock({
      url: redis.url,
      keyPrefix,
      leaseMs: LEASE_MS,
      waiterStaleMs: 400,
    });
  });
  afterEach(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  it('one holder per room; rooms are independent; the lease is renewed while held', async () => {
    const releaseA = await a.acquire('g1', { messageId: 'm', askedBy: 'u' });
    expect(releaseA).toBeDefined();
    expect(await b.acquire('g1', { messageId: 'm', askedBy: 'u' })).toBeUndefined();
    const otherRoom = await b.acquire('g2', { messageId: 'm', askedBy: 'u' });
    expect(otherRoom).toBeDefined();
    await otherRoom!();
    // Wait for a renewal written after the first lease had run out: A holds on by renewing.
    const probe = new Redis(redis.url);
    const turnExpiry = async () =>
      Number(await probe.call('PEXPIRETIME', `${keyPrefix}answer-turn:g1`));
    try {
      const acquiredExpiry = await turnExpiry();
      await vi.waitFor(
        async () => expect(await turnExpiry()).toBeGreaterThan(acquiredExpiry + 2 * LEASE_MS),
        { timeout: 10_000, interval: 25 },
      );
    } finally {
      probe.disconnect();
    }
    expect(await b.acquire('g1', { messageId: 'm', askedBy: 'u' })).toBeUndefined();
    await releaseA!();
    await releaseA!(); // idempotent
    expect(await b.acquire('g1', { messageId: 'm', askedBy: 'u' })).toBeDefined();
  });

  it('an instance already waiting goes before the one that just released', async () => {
    const first = await a.acquire('g1', { messageId: 'm', askedBy: 'u' });
    expect(await b.acquire('g1', { messageId: 'm', askedBy: 'u' })).toBeUndefined(); // B is now in line
    await first!();
    expect(await a.acquire('g1', { messageId: 'm', askedBy: 'u' })).toBeUndefined(); // A asks again at once: B was first
    const second = await b.acquire('g1', { messageId: 'm', askedBy: 'u' });
    expect(second).toBeDefined();
    await second!();
    expect(await a.acquire('g1', { messageId: 'm', askedBy: 'u' })).toBeDefined();
  });

  it('an instance that stops asking loses its place in line', async () => {
    const first = await a.acquire('g1', { messageId: 'm', askedBy: 'u' });
    expect(await b.acquire('g1', { messageId: 'm', askedBy: 'u' })).toBeUndefined();
    await first!();
    await vi.waitFor(
      async () => expect(await a.acquire('g1', { messageId: 'm', askedBy: 'u' })).toBeDefined(),
      {
        timeout: 10_000,
        interval: 100,
      },
    );
  });

  it("a crashed holder's turn ends with its lease", async () => {
    const holder = await startCrashingHolder('lock', redis.url, keyPrefix, 'g1');
    expect(await a.acquire('g1', { messageId: 'm', askedBy: 'u' })).toBeUndefined();
    await holder.crash();
    await vi.waitFor(
      async () => expect(await a.acquire('g1', { messageId: 'm', askedBy: 'u' })).toBeDefined(),
      {
        timeout: 10_000,
        interval: 100,
      },
    );
  });

  it('close hands back the turns it holds', async () => {
    expect(await a.acquire('g1', { messageId: 'm', askedBy: 'u' })).toBeDefined();
    await a.close();
    expect(await b.acquire('g1', { messageId: 'm', askedBy: 'u' })).toBeDefined();
  });
});
