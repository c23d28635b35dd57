import type { ConversationEvent, FollowedEvent } from '@salescoach/domain';
import type { TrackedEnvelope } from '@trpc/server';

/**
 * Stored events go out `tracked(id, …)` so a reconnecting client resumes after the last
 * one it saw; live-only events (typing, presence, resync) have no id and go out as they are.
 */
export type SubscriptionItem = TrackedEnvelope<ConversationEvent> | ConversationEvent;

export function toSubscriptionItem(
  item: FollowedEvent,
  track: (id: string, event: ConversationEvent) => TrackedEnvelope<ConversationEvent>,
): SubscriptionItem {
  return item.id ? track(item.id, item.event) : item.event;
}
