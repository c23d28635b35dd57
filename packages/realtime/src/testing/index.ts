export {
  describeEventLogContract,
  type EventLogContractSettings,
  type EventLogUnderTest,
} from './event-log-contract.js';
export {
  startRedisServer,
  type RedisServerHandle,
  type RedisServerOptions,
} from './redis-server.js';
