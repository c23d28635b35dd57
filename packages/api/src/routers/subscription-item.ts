import {
  hasOwnEventId,
  type ConversationEvent,
  type FollowedEvent,
  type FollowStream,
} from '@salescoach/domain';
import { tracked, type TrackedEnvelope } from '@trpc/server';
import type { PushableItems } from '../pushed-items.js';

/**
 * Stored events go out `tracked(id, …)` so a reconnecting client resumes after the last
 * one it saw. Live-only events (typing, presence, resync) have no id of their own; they go
 * out tracked with the id of the last stored event instead, because tRPC's wsLink takes
 * the id of EVERY data message as its resume point: an untracked one would make it
 * resubscribe from where it started (replaying, or losing, everything since).
 */
export type SubscriptionItem = TrackedEnvelope<ConversationEvent> | ConversationEvent;

export function toSubscriptionItem(
  item: FollowedEvent,
  resumeId?: string | null,
): SubscriptionItem {
  if (item.id) return tracked(item.id, item.event);
  return resumeId && !hasOwnEventId(item.event) ? tracked(resumeId, item.event) : item.event;
}

/**
 * Starts a follower NOW (so it listens before the subscription is acknowledged to the
 * client, and a send made right after `onStarted` cannot be missed) and maps its events.
 * A plain iterator over the follower (one `then` per event), not another generator layer;
 * a follower that can be piped (`FollowStream`) can also be pushed (`deliverTo`).
 */
export function startSubscription(
  events: AsyncGenerator<FollowedEvent> & Partial<Pick<FollowStream, 'pipe'>>,
  lastEventId?: string | null,
): PushableItems<SubscriptionItem> {
  const pipe = typeof events.pipe === 'function' ? events.pipe.bind(events) : undefined;
  // A piped follower listens from its creation; any other generator starts on its first read.
  let first: Promise<IteratorResult<FollowedEvent>> | undefined = pipe ? undefined : events.next();
  // Observed here so a follower refused before anyone reads it is not an unhandled rejection.
  first?.catch(() => undefined);
  let resumeId = lastEventId;
  let finished = false;
  const finish = async () => {
    if (finished) return;
    finished = true;
    await events.return(undefined);
  };
  const itemOf = (value: FollowedEvent): SubscriptionItem => {
    if (value.id) resumeId = value.id;
    return toSubscriptionItem(value, resumeId);
  };
  const map = (next: IteratorResult<FollowedEvent>): IteratorResult<SubscriptionItem> => {
    if (next.done) {
      void finish();
      return { done: true, value: undefined };
    }
    return { done: false, value: itemOf(next.value) };
  };
  const iterator: PushableItems<SubscriptionItem> = {
    [Symbol.asyncIterator]: () => iterator,
    next() {
      const pending = first ?? events.next();
      first = undefined;
      return pending.then(map, async (error: unknown) => {
        await finish();
        throw error;
      });
    },
    async return() {
      first = undefined;
      await finish();
      return { done: true, value: undefined };
    },
  };
  if (pipe)
    iterator.deliverTo = (sink) =>
      pipe({
        item: (value) => sink.item(itemOf(value)),
        end: (error) => {
          finished = true;
          sink.end(error);
        },
      });
  return iterator;
}

/** How the domain opens a follower: authorized before it resolves. */
export type OpenFollower = (
  lastEventId: string | null | undefined,
  signal: AbortSignal,
) => Promise<AsyncGenerator<FollowedEvent>>;

/**
 * A subscription's body: opens the follower first (so a refusal is a plain error, not a
 * broken stream), then starts it from `lastEventId`.
 */
export async function followSubscription(
  open: OpenFollower,
  lastEventId: string | null | undefined,
  signal: AbortSignal | undefined,
): Promise<PushableItems<SubscriptionItem>> {
  const stream = await open(lastEventId, signal ?? new AbortController().signal);
  return startSubscription(stream, lastEventId);
}
