export {
  createMemoryEventLog,
  type MemoryEventLog,
  type MemoryEventLogOptions,
  type MemoryEventLogStats,
} from './memory-event-log.js';
