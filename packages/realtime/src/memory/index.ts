export {
  createMemoryEventLog,
  type MemoryEventLog,
  type MemoryEventLogOptions,
  type MemoryEventLogStats,
} from './memory-event-log.js';
export { createMemoryRateLimits } from './memory-rate-limits.js';
export { MemoryAnswerLock } from './memory-answer-lock.js';
export { MemoryPresenceTracker } from './memory-presence-tracker.js';
