import type { Logger } from '@salescoach/domain';
import { Redis, type RedisOptions } from 'ioredis';

export type ConnectionRole = 'command' | 'reader' | 'subscriber' | 'check';

/** How long a command (other than the blocking read) may wait for Redis, reconnects included. */
export const COMMAND_TIMEOUT_MS = 10_000;

const ROLE_OPTIONS: Record<ConnectionRole, RedisOptions> = {
  // A command in flight when the connection drops is not sent again (an XADD that may have
  // run must not run twice); it fails by timeout instead. Commands issued while disconnected
  // wait in the offline queue and are sent once, after the reconnect.
  command: { autoResendUnfulfilledCommands: false, commandTimeout: COMMAND_TIMEOUT_MS },
  // The reader waits for Redis as long as it takes and re-issues its read itself (see
  // `failOnClose`): ioredis forgets, without settling, commands it does not resend.
  reader: { autoResendUnfulfilledCommands: false, maxRetriesPerRequest: null },
  // A subscribe issued during an outage waits for Redis rather than being dropped.
  subscriber: { autoResubscribe: true, maxRetriesPerRequest: null },
  // Checks made on every send (rate limits, running answers): while Redis is away they fail
  // at once (the caller falls back to counting locally) instead of queueing behind a reconnect.
  check: {
    enableOfflineQueue: false,
    commandTimeout: 1_000,
    autoResendUnfulfilledCommands: false,
  },
};

/** Settles like `pending`, or rejects as soon as the connection closes (or fails to open) first. */
export function failOnClose<T>(redis: Redis, pending: Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onClose = () => reject(new Error('Redis connection closed'));
    redis.once('close', onClose);
    pending.then(
      (value) => {
        redis.off('close', onClose);
        resolve(value);
      },
      (error: unknown) => {
        redis.off('close', onClose);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/**
 * Opens a connection that reconnects forever and reports state changes (never payloads) to
 * the logger. `component` names it in CLIENT LIST (default `event-log`).
 */
export function openRedisConnection(
  url: string,
  role: ConnectionRole,
  logger: Logger,
  component = 'event-log',
): Redis {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectionName: `salescoach-${component}-${role}`,
    retryStrategy: (times) => Math.min(50 * times, 1000),
    ...ROLE_OPTIONS[role],
  });
  let healthy = true;
  redis.on('error', (error: Error & { code?: string }) => {
    if (!healthy) return;
    healthy = false;
    logger.warn(
      { connection: role, err: error.code ?? error.name },
      'Redis connection failed; reconnecting',
    );
  });
  redis.on('ready', () => {
    if (healthy) return;
    healthy = true;
    logger.info({ connection: role }, 'Redis connection restored');
  });
  return redis;
}

/** Opens one connection and waits until it is ready; disconnects and throws when Redis cannot be reached. */
export async function connectRedis(
  url: string,
  role: ConnectionRole,
  logger: Logger,
  component: string,
): Promise<Redis> {
  const redis = openRedisConnection(url, role, logger, component);
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    throw new Error(`Could not connect to Redis for the ${component}`, { cause: error });
  }
  return redis;
}

/** Closes a connection: QUIT when Redis is up, a plain disconnect when it is down. */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === 'ready') await redis.quit().catch(() => undefined);
  redis.disconnect();
}
