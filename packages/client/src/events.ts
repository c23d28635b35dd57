import { hasOwnEventId, type ConversationEvent } from '@salescoach/domain/events';

/** A subscription's data as a client receives it: a tracked `{ id, data }` or a bare event. */
export type StreamItem<E extends ConversationEvent = ConversationEvent> =
  { readonly id: string; readonly data: E } | E;

/** An event and its log id: `undefined` for events that have none of their own. */
export interface UnwrappedEvent<E extends ConversationEvent = ConversationEvent> {
  readonly id: string | undefined;
  readonly event: E;
}

/**
 * The one decoder of subscription items (the CLI, the SPA, tests and benchmarks). Live-only
 * events (typing, presence, resync) may come tracked with the last stored event's id, the
 * resume point for the socket's automatic resubscribe; they are not stored events, so they
 * get no id here.
 */
export function unwrapEvent<E extends ConversationEvent>(item: StreamItem<E>): UnwrappedEvent<E>;
export function unwrapEvent(item: unknown): UnwrappedEvent;
export function unwrapEvent(item: unknown): UnwrappedEvent {
  if (item && typeof item === 'object' && 'id' in item && 'data' in item) {
    const tracked = item as { id: string; data: ConversationEvent };
    return { id: hasOwnEventId(tracked.data) ? tracked.id : undefined, event: tracked.data };
  }
  return { id: undefined, event: item as ConversationEvent };
}
