import type { ConversationEvent } from '../model/events.js';
import type { EventLog, StoredEvent } from '../ports/event-log.port.js';

export interface FollowedEvent {
  /** The log id, or undefined for live-only events (typing, presence) and resyncs. */
  readonly id: string | undefined;
  readonly event: ConversationEvent;
}

export interface FollowOptions {
  readonly lastEventId?: string | null;
  readonly signal: AbortSignal;
  /** Ends the stream early (e.g. a member removed from a room). Checked for every event. */
  readonly stillAllowed?: (event: ConversationEvent) => boolean;
}

/**
 * A conversation's events for one subscriber, in tRPC's documented order: start listening
 * FIRST (at the moment this function is called, not when iteration begins), then replay
 * from `lastEventId`, then stream live, skipping anything seen twice. When `lastEventId`
 * fell out of the log, a `sync.reset` tells the client to reload history.
 */
export function followStream(
  log: EventLog,
  stream: string,
  options: FollowOptions,
): AsyncGenerator<FollowedEvent> {
  const queue: StoredEvent[] = [];
  let wake: (() => void) | undefined;
  const unsubscribe = log.subscribe(stream, (stored) => {
    queue.push(stored);
    wake?.();
  });
  const onAbort = () => {
    unsubscribe();
    wake?.();
  };
  options.signal.addEventListener('abort', onAbort);
  if (options.signal.aborted) onAbort();

  async function* events(): AsyncGenerator<FollowedEvent> {
    try {
      const seen = new Set<string>();
      if (options.lastEventId) {
        const replay = await log.readAfter(stream, options.lastEventId);
        if (replay.missed) {
          yield {
            id: undefined,
            event: { type: 'sync.reset', reason: 'events since your last one are no longer kept' },
          };
        } else {
          for (const stored of replay.events) {
            seen.add(stored.id);
            if (options.stillAllowed && !options.stillAllowed(stored.event)) return;
            yield { id: stored.id, event: stored.event };
          }
        }
      }
      while (!options.signal.aborted) {
        const stored = queue.shift();
        if (!stored) {
          await new Promise<void>((resolve) => (wake = resolve));
          wake = undefined;
          continue;
        }
        if (stored.id !== '' && seen.has(stored.id)) continue;
        if (options.stillAllowed && !options.stillAllowed(stored.event)) return;
        // Ids past the replay can no longer repeat; keep the set from growing.
        if (stored.id !== '') seen.clear();
        yield { id: stored.id === '' ? undefined : stored.id, event: stored.event };
      }
    } finally {
      options.signal.removeEventListener('abort', onAbort);
      unsubscribe();
    }
  }
  const generator = events();
  // A follower closed before its first read never runs its `finally`: stop listening anyway.
  const close = generator.return.bind(generator);
  generator.return = (value) => {
    options.signal.removeEventListener('abort', onAbort);
    unsubscribe();
    return close(value);
  };
  return generator;
}
