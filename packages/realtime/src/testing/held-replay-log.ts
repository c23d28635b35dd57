import type { EventLog, StoredEvent } from '@salescoach/domain';

/** Where a held replay waits: before it reads the log, or after (holding what it read). */
export type HoldPoint = 'before-read' | 'after-read';

export interface HeldReplayLog {
  /** The wrapped log: its next `readAfter` waits until `release()`. */
  readonly log: EventLog;
  /** Resolves once `readAfter` was called (and, `after-read`, has read the log). */
  readonly entered: Promise<void>;
  /** Resolves once the subscribers together were handed `count` live events. */
  liveDelivered(count: number): Promise<void>;
  release(): void;
}

/**
 * An event log whose replay can be held open, so a test can append while a follower is
 * between "listening" and "replayed". Everything else goes straight to `inner`.
 */
export function holdReplay(inner: EventLog, point: HoldPoint): HeldReplayLog {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let enter!: () => void;
  const entered = new Promise<void>((resolve) => (enter = resolve));
  let delivered = 0;
  const waiting: { count: number; resolve: () => void }[] = [];
  const counted = (listener: (event: StoredEvent) => void) => (event: StoredEvent) => {
    delivered += 1;
    for (const waiter of waiting.filter((w) => delivered >= w.count)) {
      waiting.splice(waiting.indexOf(waiter), 1);
      waiter.resolve();
    }
    listener(event);
  };
  const log: EventLog = {
    append: (stream, event) => inner.append(stream, event),
    latestId: (stream) => inner.latestId(stream),
    subscribe: (stream, listener) => inner.subscribe(stream, counted(listener)),
    publishEphemeral: (stream, event) => inner.publishEphemeral(stream, event),
    ping: () => inner.ping(),
    close: () => inner.close(),
    async readAfter(stream, afterId, limit) {
      if (point === 'before-read') {
        enter();
        await released;
        return inner.readAfter(stream, afterId, limit);
      }
      const result = await inner.readAfter(stream, afterId, limit);
      enter();
      await released;
      return result;
    },
  };
  return {
    log,
    entered,
    liveDelivered: (count) =>
      delivered >= count
        ? Promise.resolve()
        : new Promise<void>((resolve) => waiting.push({ count, resolve })),
    release,
  };
}
