import { silentLogger, type Logger } from '@salescoach/domain';
import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import { refusingLimiter, type PerMinuteLimits } from '../rate-limits/per-minute-limits.js';
import { closeRedis, connectRedis } from './redis-connections.js';

export interface RedisRateLimitsOptions {
  readonly url: string;
  readonly logger?: Logger;
  /** Key prefix in Redis; default `salescoach:rate`. */
  readonly prefix?: string;
}

export interface RedisRateLimits extends PerMinuteLimits {
  close(): Promise<void>;
}

/**
 * Per-minute limits counted in Redis, so every API instance draws on one allowance per user
 * (two instances do not double it). While Redis cannot be reached, each limiter falls back to
 * counting in this process (rate-limiter-flexible's insurance limiter): limits stay on, per
 * instance, and a send never waits on a Redis outage.
 */
export async function createRedisRateLimits(
  options: RedisRateLimitsOptions,
): Promise<RedisRateLimits> {
  const redis = await connectRedis(
    options.url,
    'check',
    options.logger ?? silentLogger,
    'rate-limits',
  );
  const prefix = options.prefix ?? 'salescoach:rate';
  return {
    limiter: (name, perMinute, tooMany) =>
      refusingLimiter(
        new RateLimiterRedis({
          storeClient: redis,
          keyPrefix: `${prefix}:${name}`,
          points: perMinute,
          duration: 60,
          insuranceLimiter: new RateLimiterMemory({ points: perMinute, duration: 60 }),
        }),
        perMinute,
        tooMany,
      ),
    close: () => closeRedis(redis),
  };
}
