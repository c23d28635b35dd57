import type { Logger } from '@salescoach/domain';
import { Redis, type RedisOptions } from 'ioredis';

export type ConnectionRole = 'command' | 'reader' | 'subscriber';

const ROLE_OPTIONS: Record<ConnectionRole, RedisOptions> = {
  // A command in flight when the connection drops fails instead of being sent again: an
  // XADD that may already have run must not run twice. Commands issued while disconnected
  // wait in the offline queue and are sent once, after the reconnect.
  command: { autoResendUnfulfilledCommands: false },
  // The reader waits for Redis as long as it takes and re-issues its read itself.
  reader: { autoResendUnfulfilledCommands: false, maxRetriesPerRequest: null },
  subscriber: { autoResubscribe: true },
};

/** Opens a connection that reconnects forever and reports state changes (never payloads) to the logger. */
export function openRedisConnection(url: string, role: ConnectionRole, logger: Logger): Redis {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectionName: `salescoach-event-log-${role}`,
    retryStrategy: (times) => Math.min(50 * times, 1000),
    ...ROLE_OPTIONS[role],
  });
  let healthy = true;
  redis.on('error', (error: Error & { code?: string }) => {
    if (!healthy) return;
    healthy = false;
    logger.warn({ connection: role, err: error.code ?? error.name }, 'Redis connection failed; reconnecting');
  });
  redis.on('ready', () => {
    if (healthy) return;
    healthy = true;
    logger.info({ connection: role }, 'Redis connection restored');
  });
  return redis;
}
