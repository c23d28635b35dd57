import type { ConversationEvent } from '@salescoach/domain';

/** Subscription data is either a tracked `{ id, data }` or a live-only event. */
export function unwrapEvent(item: unknown): { id: string | undefined; event: ConversationEvent } {
  if (item && typeof item === 'object' && 'id' in item && 'data' in item) {
    const tracked = item as { id: string; data: ConversationEvent };
    return { id: tracked.id, event: tracked.data };
  }
  return { id: undefined, event: item as ConversationEvent };
}
