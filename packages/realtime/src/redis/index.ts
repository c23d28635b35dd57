export { createRedisEventLog } from './redis-event-log.js';
export type { RedisEventLogOptions } from './redis-event-log-options.js';
export {
  createRedisPresenceTracker,
  type RedisPresenceTracker,
  type RedisPresenceTrackerOptions,
} from './redis-presence-tracker.js';
export {
  createRedisRoomAnswerLock,
  type RedisRoomAnswerLock,
  type RedisRoomAnswerLockOptions,
} from './redis-room-answer-lock.js';
