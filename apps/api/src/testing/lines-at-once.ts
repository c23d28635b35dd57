import type { SalesCoachClient } from '@salescoach/client';
import type { collectEvents } from './event-collector.js';

/**
 * Each sender posts `line <i>` (client message id `line-<i>`) to the room at the same time;
 * resolves once every follower has seen a message.created for each of them.
 */
export async function sendLinesAtOnce(
  groupId: string,
  senders: readonly SalesCoachClient[],
  followers: readonly ReturnType<typeof collectEvents>[],
): Promise<void> {
  await Promise.all(
    senders.map((client, i) =>
      client.api.groups.send.mutate({
        groupId,
        content: `line ${i}`,
        clientMessageId: `line-${i}`,
      }),
    ),
  );
  await Promise.all(
    followers.map((seen) =>
      seen.until(
        (all) => all.filter((e) => e.event.type === 'message.created').length === senders.length,
      ),
    ),
  );
}
