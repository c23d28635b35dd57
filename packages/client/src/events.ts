import { EPHEMERAL_EVENT_TYPES, type ConversationEvent } from '@salescoach/domain';

/**
 * Subscription data is either a tracked `{ id, data }` or a live-only event. Live-only
 * events (typing, presence, resync) may come tracked with the last stored event's id (the
 * resume point for the socket's automatic resubscribe); they are not stored events, so
 * they get no id here.
 */
export function unwrapEvent(item: unknown): { id: string | undefined; event: ConversationEvent } {
  if (item && typeof item === 'object' && 'id' in item && 'data' in item) {
    const tracked = item as { id: string; data: ConversationEvent };
    const liveOnly =
      EPHEMERAL_EVENT_TYPES.has(tracked.data.type) || tracked.data.type === 'sync.reset';
    return { id: liveOnly ? undefined : tracked.id, event: tracked.data };
  }
  return { id: undefined, event: item as ConversationEvent };
}
