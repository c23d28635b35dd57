import { randomUUID } from 'node:crypto';
import { DomainError } from '@salescoach/domain';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startRedisServer, type RedisServerHandle } from '../testing/redis-server.js';
import { createRedisRateLimits, type RedisRateLimits } from './redis-rate-limits.js';

/** What a refused consume threw: its code and whether it says when to retry. */
async function refusal(pending: Promise<void>): Promise<{ code: string; retryAfterMs: number }> {
  const error: unknown = await pending.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return { code: error.code, retryAfterMs: Number(error.details?.retryAfterMs) };
}

describe('rate limits in Redis, two API instances', () => {
  let redis: RedisServerHandle;
  let prefix: string;
  let a: RedisRateLimits;
  let b: RedisRateLimits;

  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await redis?.stop();
  });
  beforeEach(async () => {
    prefix = `rate:${randomUUID()}`;
    a = await createRedisRateLimits({ url: redis.url, prefix });
    b = await createRedisRateLimits({ url: redis.url, prefix });
  });
  afterEach(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  it('draws one allowance per user across instances: the instances together allow the limit, not twice it', async () => {
    const onA = a.limiter('send', 3, 'You are sending too fast');
    const onB = b.limiter('send', 3, 'You are sending too fast');
    await onA.consume('dev:alex');
    await onB.consume('dev:alex');
    await onA.consume('dev:alex');
    const refused = await refusal(onB.consume('dev:alex'));
    expect(refused.code).toBe('RATE_LIMITED');
    expect(refused.retryAfterMs).toBeGreaterThan(0);
    await expect(onA.consume('dev:alex')).rejects.toThrow(
      /^You are sending too fast \(limit 3 per minute\); try again in \d+ s$/,
    );
    // Another user, and another limiter of the same user, have their own allowance.
    await onB.consume('dev:sam');
    await b.limiter('room-create', 1, 'You are creating rooms too fast').consume('dev:alex');
  });

  it('keeps limiting in each instance while Redis is down, and does not wait on it', async () => {
    const onA = a.limiter('send', 2, 'You are sending too fast');
    await redis.kill();
    try {
      await onA.consume('dev:alex');
      await onA.consume('dev:alex');
      expect((await refusal(onA.consume('dev:alex'))).code).toBe('RATE_LIMITED');
    } finally {
      await redis.start();
    }
  });
});
