import type { ConversationEvent, FollowedEvent } from '@salescoach/domain';
import { tracked, type TrackedEnvelope } from '@trpc/server';

/**
 * Stored events go out `tracked(id, …)` so a reconnecting client resumes after the last
 * one it saw; live-only events (typing, presence, resync) have no id and go out as they are.
 */
export type SubscriptionItem = TrackedEnvelope<ConversationEvent> | ConversationEvent;

export function toSubscriptionItem(item: FollowedEvent): SubscriptionItem {
  return item.id ? tracked(item.id, item.event) : item.event;
}

/**
 * Starts a follower NOW (so it listens before the subscription is acknowledged to the
 * client, and a send made right after `onStarted` cannot be missed) and maps its events.
 */
export function startSubscription(events: AsyncGenerator<FollowedEvent>): AsyncGenerator<SubscriptionItem> {
  const first = events.next();
  // Observed here so a follower refused before anyone reads it is not an unhandled rejection.
  first.catch(() => undefined);
  return (async function* () {
    try {
      let next = await first;
      while (!next.done) {
        yield toSubscriptionItem(next.value);
        next = await events.next();
      }
    } finally {
      await events.return(undefined);
    }
  })();
}
