import { randomUUID } from 'node:crypto';
import {
  silentLogger,
  type AnswerLock,
  type Logger,
  type ReleaseAnswerTurn,
  type TurnHolder,
  type WaitingQuestion,
} from '@salescoach/domain';
import { closeRedis, connectRedis } from './redis-connections.js';

export interface RedisAnswerLockOptions {
  /** `redis://[user:password@]host:port[/db]` or `rediss://…`. */
  readonly url: string;
  /** Prefix of every key; default `salescoach:`. */
  readonly keyPrefix?: string;
  /** The lease: a holder that stops renewing (crashed) loses the turn after this long; default 30 000. */
  readonly leaseMs?: number;
  /**
   * An instance that has not asked again for this long no longer holds its place in line;
   * keep it well above the queue's retry interval (200 ms); default 3 000.
   */
  readonly waiterStaleMs?: number;
  readonly logger?: Logger;
}

export type RedisAnswerLock = AnswerLock & { close(): Promise<void> };

/**
 * KEYS: lock, waiters (sorted set: instance → its ticket, in the order they started waiting),
 * seen (hash: instance → when it last asked, and the ticket counter). ARGV: token, lease ms,
 * instance, stale ms.
 * Free lock and no live instance waiting longer than this one: take it. Otherwise join (or
 * stay in) the line and refuse. Instances that stopped asking leave the line.
 */
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local lease = tonumber(ARGV[2])
local function wait()
  if not redis.call('ZSCORE', KEYS[2], ARGV[3]) then
    redis.call('ZADD', KEYS[2], redis.call('HINCRBY', KEYS[3], '#ticket', 1), ARGV[3])
  end
  redis.call('HSET', KEYS[3], ARGV[3], now)
  redis.call('PEXPIRE', KEYS[2], lease)
  redis.call('PEXPIRE', KEYS[3], lease)
  return 0
end
if redis.call('EXISTS', KEYS[1]) == 1 then return wait() end
for _, waiter in ipairs(redis.call('ZRANGE', KEYS[2], 0, -1)) do
  if waiter == ARGV[3] then break end
  local seen = tonumber(redis.call('HGET', KEYS[3], waiter) or '0')
  if seen >= now - tonumber(ARGV[4]) then return wait() end
  redis.call('ZREM', KEYS[2], waiter)
  redis.call('HDEL', KEYS[3], waiter)
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', lease)
redis.call('ZREM', KEYS[2], ARGV[3])
redis.call('HDEL', KEYS[3], ARGV[3])
return 1
`;

/**
 * KEYS: waiting (hash: instance → "<ms written> <list as JSON>"). ARGV: instance, its list
 * as JSON (empty to remove it), lease ms, stale ms. Returns every list that is not stale.
 */
const SHARE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
if ARGV[2] == '' then
  redis.call('HDEL', KEYS[1], ARGV[1])
else
  redis.call('HSET', KEYS[1], ARGV[1], now .. ' ' .. ARGV[2])
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
end
local out = {}
local all = redis.call('HGETALL', KEYS[1])
for i = 1, #all, 2 do
  local written = string.match(all[i + 1], '^(%d+) ')
  if written and tonumber(written) >= now - tonumber(ARGV[4]) then
    table.insert(out, string.sub(all[i + 1], #written + 2))
  else
    redis.call('HDEL', KEYS[1], all[i])
  end
end
return out
`;

/** KEYS: lock. ARGV: token, lease ms. Extends the lease if the token still holds it. */
const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
`;

/** KEYS: lock. ARGV: token. Deletes the lock if the token still holds it. */
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/**
 * One coach answer per conversation across API instances: a Redis lease per conversation
 * (SET PX with a random token that also names the question, renewed every lease/3 while
 * the answer runs, deleted on release only by its holder). Instances refused the lock wait
 * in line (oldest first), so an instance that just answered does not take the turn again
 * ahead of one already waiting. What each instance has waiting sits in a hash beside it.
 */
export async function createRedisAnswerLock(
  options: RedisAnswerLockOptions,
): Promise<RedisAnswerLock> {
  const prefix = options.keyPrefix ?? 'salescoach:';
  const leaseMs = options.leaseMs ?? 30_000;
  const staleMs = options.waiterStaleMs ?? 3_000;
  if (!(leaseMs > 0) || !(staleMs > 0))
    throw new RangeError('leaseMs and waiterStaleMs must be positive');
  const logger = (options.logger ?? silentLogger).child({ component: 'redis-answer-lock' });
  const redis = await connectRedis(options.url, 'command', logger, 'answer-lock');
  const instance = randomUUID();
  const keys = (id: string) =>
    [
      `${prefix}answer-turn:${id}`,
      `${prefix}answer-line:${id}`,
      `${prefix}answer-seen:${id}`,
      `${prefix}answer-waiting:${id}`,
    ] as const;
  /** Waiting lists older than this are an instance that stopped sharing (crashed). */
  const waitingStaleMs = Math.max(staleMs, 15_000);
  /** Turns held now, each with what stops its renewal. */
  const held = new Map<ReleaseAnswerTurn, () => void>();
  let closed = false;

  return {
    async acquire(groupId: string, holder: TurnHolder): Promise<ReleaseAnswerTurn | undefined> {
      if (closed) throw new Error('The answer lock is closed');
      const [lockKey, lineKey, seenKey] = keys(groupId);
      const token = `${randomUUID()} ${JSON.stringify(holder)}`;
      const got = await redis.eval(
        ACQUIRE,
        3,
        lockKey,
        lineKey,
        seenKey,
        token,
        leaseMs,
        instance,
        staleMs,
      );
      if (got !== 1) return undefined;

      let renewing = false;
      const renew = setInterval(
        () => {
          if (renewing) return;
          renewing = true;
          redis
            .eval(RENEW, 1, lockKey, token, leaseMs)
            .then((kept) => {
              if (kept === 1) return;
              clearInterval(renew);
              logger.warn({ groupId }, 'answer lease lost; another answer may start');
            })
            .catch((error: unknown) =>
              logger.warn({ groupId, err: (error as Error).message }, 'answer lease not renewed'),
            )
            .finally(() => (renewing = false));
        },
        Math.max(Math.floor(leaseMs / 3), 50),
      );
      renew.unref();

      let released = false;
      const release: ReleaseAnswerTurn = async () => {
        if (released) return;
        released = true;
        held.delete(release);
        clearInterval(renew);
        await redis.eval(RELEASE, 1, lockKey, token);
      };
      held.set(release, () => clearInterval(renew));
      return release;
    },

    async holder(id: string): Promise<TurnHolder | undefined> {
      const value = await redis.get(keys(id)[0]);
      if (!value) return undefined;
      const json = value.slice(value.indexOf(' ') + 1);
      return JSON.parse(json) as TurnHolder;
    },

    async share(
      id: string,
      who: string,
      waiting: readonly WaitingQuestion[],
    ): Promise<WaitingQuestion[]> {
      const lists = (await redis.eval(
        SHARE,
        1,
        keys(id)[3],
        who,
        waiting.length > 0 ? JSON.stringify(waiting) : '',
        leaseMs,
        waitingStaleMs,
      )) as string[];
      return lists
        .flatMap((list) => JSON.parse(list) as WaitingQuestion[])
        .sort((x, y) => x.seq - y.seq);
    },

    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      const turns = [...held.entries()];
      for (const [, stopRenewing] of turns) stopRenewing();
      // Turns still held are handed back; with Redis down they expire with their lease.
      if (redis.status === 'ready') await Promise.allSettled(turns.map(([release]) => release()));
      held.clear();
      await closeRedis(redis);
    },
  };
}
