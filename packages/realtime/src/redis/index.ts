export { createRedisEventLog } from './redis-event-log.js';
export type { RedisEventLogOptions } from './redis-event-log-options.js';
export {
  createRedisPresenceTracker,
  type RedisPresenceTracker,
  type RedisPresenceTrackerOptions,
} from './redis-presence-tracker.js';
export {
  createRedisAnswerLock,
  type RedisAnswerLock,
  type RedisAnswerLockOptions,
} from './redis-answer-lock.js';
export {
  createRedisRateLimits,
  type RedisRateLimits,
  type RedisRateLimitsOptions,
} from './redis-rate-limits.js';
export {
  createRedisRunningAnswers,
  type RedisRunningAnswers,
  type RedisRunningAnswersOptions,
} from './redis-running-answers.js';
