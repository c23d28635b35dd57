import { randomUUID } from 'node:crypto';
import { silentLogger, type Logger, type RunningAnswers } from '@salescoach/domain';
import { closeRedis, connectRedis } from './redis-connections.js';

export interface RedisRunningAnswersOptions {
  readonly url: string;
  readonly logger?: Logger;
  /** Default `salescoach:`. */
  readonly keyPrefix?: string;
  /** How long an entry counts without renewal (an instance that died); default 30 s. */
  readonly leaseMs?: number;
}

export type RedisRunningAnswers = RunningAnswers & { close(): Promise<void> };

/** KEYS: the user's set. Drops lapsed entries (score = lease end, Redis time) and counts the rest. */
const COUNT = `
local now = redis.call('TIME')
local ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ms)
return redis.call('ZCARD', KEYS[1])`;

/** KEYS: the user's set. ARGV: entry, lease ms, only-if-present ("1" to renew). */
const PUT = `
local now = redis.call('TIME')
local ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local lease = tonumber(ARGV[2])
if ARGV[3] == '1' and not redis.call('ZSCORE', KEYS[1], ARGV[1]) then return 0 end
redis.call('ZADD', KEYS[1], ms + lease, ARGV[1])
redis.call('PEXPIRE', KEYS[1], lease * 2)
return 1`;

/**
 * Each user's running answers as a Redis sorted set of leases (member: a random id per answer,
 * score: when its lease ends), renewed every lease/3 while the answer runs and removed when it
 * ends; a crashed instance's entries lapse with their lease. Read by every API instance, so
 * `MAX_CONCURRENT_ANSWERS` holds per user across them.
 */
export async function createRedisRunningAnswers(
  options: RedisRunningAnswersOptions,
): Promise<RedisRunningAnswers> {
  const prefix = options.keyPrefix ?? 'salescoach:';
  const leaseMs = options.leaseMs ?? 30_000;
  if (!(leaseMs > 0)) throw new RangeError('leaseMs must be positive');
  const logger = (options.logger ?? silentLogger).child({ component: 'redis-running-answers' });
  const redis = await connectRedis(options.url, 'check', logger, 'running-answers');
  const key = (userId: string) => `${prefix}answers-running:${userId}`;
  const renewals = new Set<ReturnType<typeof setInterval>>();

  return {
    async count(userId) {
      return Number(await redis.eval(COUNT, 1, key(userId)));
    },
    async add(userId, answerId) {
      const entry = `${answerId}:${randomUUID()}`;
      await redis.eval(PUT, 1, key(userId), entry, leaseMs, '0');
      const renewal = setInterval(() => {
        redis
          .eval(PUT, 1, key(userId), entry, leaseMs, '1')
          .catch((error: Error) =>
            logger.warn({ err: error.message }, 'running answer lease not renewed'),
          );
      }, leaseMs / 3);
      renewal.unref();
      renewals.add(renewal);
      return async () => {
        clearInterval(renewal);
        renewals.delete(renewal);
        await redis.zrem(key(userId), entry);
      };
    },
    async close() {
      for (const renewal of renewals) clearInterval(renewal);
      renewals.clear();
      await closeRedis(redis);
    },
  };
}
