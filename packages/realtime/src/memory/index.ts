export {
  createMemoryEventLog,
  type MemoryEventLog,
  type MemoryEventLogOptions,
  type MemoryEventLogStats,
} from './memory-event-log.js';
export { createMemoryRateLimits } from './memory-rate-limits.js';
