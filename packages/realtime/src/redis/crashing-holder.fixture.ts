/**
 * Test fixture run as a child process: joins a room's presence or takes its answer lock,
 * says so on stdout, then stays up until the test kills it (a crashed instance).
 * Arguments: presence|lock, Redis url, key prefix, group id.
 */
import { createRedisPresenceTracker } from './redis-presence-tracker.js';
import { createRedisAnswerLock } from './redis-answer-lock.js';

const [kind, url, keyPrefix, groupId] = process.argv.slice(2);
if (!url || !keyPrefix || !groupId)
  throw new Error('usage: presence|lock <url> <keyPrefix> <groupId>');

if (kind === 'presence') {
  const tracker = await createRedisPresenceTracker({ url, keyPrefix, ttlSeconds: 1 });
  await tracker.join(groupId, { userId: 'dev:crashed', name: 'Crashed Instance' });
} else {
  const lock = await createRedisAnswerLock({ url, keyPrefix, leaseMs: 600 });
  if (!(await lock.acquire(groupId, { messageId: 'm', askedBy: 'u' })))
    throw new Error('lock not acquired');
}
process.stdout.write('ready\n');
setInterval(() => undefined, 60_000);
