import { randomUUID } from 'node:crypto';
import {
  silentLogger,
  type Logger,
  type OnlineMember,
  type PresenceTracker,
} from '@salescoach/domain';
import { closeRedis, connectRedis } from './redis-connections.js';

export interface RedisPresenceTrackerOptions {
  /** `redis://[user:password@]host:port[/db]` or `rediss://…`. */
  readonly url: string;
  /** Prefix of every key; default `salescoach:`. */
  readonly keyPrefix?: string;
  /** A connection not refreshed for this long counts as gone (its instance crashed); default 30. */
  readonly ttlSeconds?: number;
  readonly logger?: Logger;
}

export type RedisPresenceTracker = PresenceTracker & { close(): Promise<void> };

/** One connection's entry: `[connection key, userId, name]`, as a sorted-set member. */
type Entry = [string, string, string];

function parseEntry(member: string): Entry | undefined {
  try {
    const value: unknown = JSON.parse(member);
    if (Array.isArray(value) && value.length === 3 && value.every((v) => typeof v === 'string'))
      return value as Entry;
  } catch {
    // Not one of ours: ignored.
  }
  return undefined;
}

/**
 * Presence shared by every API instance: per room a sorted set of connections (member
 * `[instance:connection, userId, name]`, score = when it expires). Each instance refreshes
 * its own connections every ttl/3 and removes them when they end, so a crashed instance's
 * connections drop out within the ttl. `online` counts each person once (two tabs, or two
 * instances, are one person). Scores use the instances' clocks, which must roughly agree.
 */
export async function createRedisPresenceTracker(
  options: RedisPresenceTrackerOptions,
): Promise<RedisPresenceTracker> {
  const prefix = options.keyPrefix ?? 'salescoach:';
  const ttlMs = (options.ttlSeconds ?? 30) * 1000;
  if (!(ttlMs > 0)) throw new RangeError('ttlSeconds must be positive');
  const logger = (options.logger ?? silentLogger).child({ component: 'redis-presence' });
  const redis = await connectRedis(options.url, 'command', logger, 'presence');
  const instance = randomUUID();
  const roomKey = (groupId: string) => `${prefix}presence:${groupId}`;
  /** This instance's connections, per room. */
  const local = new Map<string, Set<string>>();
  let closed = false;

  /** Writes (or re-writes) entries with a fresh expiry; the room's key outlives its last entry by a ttl. */
  async function refresh(groupId: string, members: readonly string[]): Promise<void> {
    if (members.length === 0) return;
    const key = roomKey(groupId);
    const expiresAt = Date.now() + ttlMs;
    const tx = redis.multi();
    for (const member of members) tx.zadd(key, expiresAt, member);
    await tx.pexpire(key, ttlMs * 2).exec();
  }

  async function heartbeat(): Promise<void> {
    const rooms = [...local.entries()];
    const results = await Promise.allSettled(
      rooms.map(([groupId, members]) => refresh(groupId, [...members])),
    );
    const failed = results.filter((r) => r.status === 'rejected').length;
    if (failed > 0)
      logger.warn(
        { rooms: rooms.length, failed },
        'presence heartbeat failed; retrying at the next beat',
      );
  }

  const timer = setInterval(() => void heartbeat(), Math.max(Math.floor(ttlMs / 3), 100));
  timer.unref();

  return {
    async join(groupId: string, user: OnlineMember): Promise<() => Promise<void>> {
      if (closed) throw new Error('The presence tracker is closed');
      const member = JSON.stringify([
        `${instance}:${randomUUID()}`,
        user.userId,
        user.name,
      ] satisfies Entry);
      let members = local.get(groupId);
      if (!members) {
        members = new Set();
        local.set(groupId, members);
      }
      members.add(member);
      try {
        await refresh(groupId, [member]);
      } catch (error) {
        // Presence is advisory: the next heartbeat writes the entry.
        logger.warn({ groupId, err: (error as Error).message }, 'presence not recorded yet');
      }
      let left = false;
      return async () => {
        if (left) return;
        left = true;
        const room = local.get(groupId);
        room?.delete(member);
        if (room?.size === 0) local.delete(groupId);
        if (closed) return;
        try {
          await redis.zrem(roomKey(groupId), member);
        } catch (error) {
          // Not refreshed any more: it expires within the ttl.
          logger.warn(
            { groupId, err: (error as Error).message },
            'presence not removed; it expires',
          );
        }
      };
    },

    async online(groupId: string): Promise<OnlineMember[]> {
      const key = roomKey(groupId);
      const results = await redis
        .multi()
        .zremrangebyscore(key, '-inf', Date.now())
        .zrange(key, 0, -1, 'REV')
        .exec();
      const reply = results?.[1];
      if (!reply || reply[0]) throw new Error('Redis could not read presence');
      const people = new Map<string, OnlineMember>();
      // Newest expiry first, so the most recently refreshed name wins.
      for (const member of reply[1] as string[]) {
        const entry = parseEntry(member);
        if (entry && !people.has(entry[1]))
          people.set(entry[1], { userId: entry[1], name: entry[2] });
      }
      return [...people.values()].sort(
        (a, b) => a.name.localeCompare(b.name) || a.userId.localeCompare(b.userId),
      );
    },

    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      clearInterval(timer);
      const rooms = [...local.entries()];
      local.clear();
      if (redis.status === 'ready' && rooms.length > 0) {
        const tx = redis.multi();
        for (const [groupId, members] of rooms) tx.zrem(roomKey(groupId), ...members);
        await tx.exec().catch((error: unknown) => {
          logger.warn(
            { rooms: rooms.length, err: (error as Error).message },
            'presence not removed on close; it expires',
          );
        });
      }
      await closeRedis(redis);
    },
  };
}
