export { createRedisEventLog } from './redis-event-log.js';
export type { RedisEventLogOptions } from './redis-event-log-options.js';
