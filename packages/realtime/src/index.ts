export {
  createMemoryEventLog,
  type MemoryEventLog,
  type MemoryEventLogOptions,
  type MemoryEventLogStats,
} from './memory/memory-event-log.js';
export type { RedisEventLogOptions } from './redis/redis-event-log-options.js';
export type { PerMinuteLimits } from './rate-limits/per-minute-limits.js';
export { createCreationLimits, createSendLimiter } from './rate-limits/conversation-limits.js';
