import type { Logger, StoredEvent } from '@salescoach/domain';

export type EventListener = (event: StoredEvent) => void;

interface Pending {
  readonly event: StoredEvent;
  readonly targets: readonly EventListener[];
  readonly current: ReadonlySet<EventListener>;
}

/**
 * Calls listeners one event at a time, in the order events were queued. A listener that
 * appends or publishes from inside its callback queues behind the current event, so every
 * listener sees the same order; a listener that throws is reported and the others still
 * get the event. Listeners are fixed when the event is queued (a later subscriber does not
 * get it) and skipped if they unsubscribe before it is delivered.
 */
export class DeliveryQueue {
  private readonly pending: Pending[] = [];
  private draining = false;

  constructor(private readonly logger: Logger) {}

  /** Queues `event` for `targets` (default: every listener in `listeners`), skipping any that leave `listeners` first. */
  enqueue(
    event: StoredEvent,
    listeners: ReadonlySet<EventListener>,
    targets: Iterable<EventListener> = listeners,
  ): void {
    const fixed = [...targets];
    if (fixed.length === 0) return;
    this.pending.push({ event, targets: fixed, current: listeners });
    if (!this.draining) this.drain();
  }

  private drain(): void {
    this.draining = true;
    try {
      for (let item = this.pending.shift(); item; item = this.pending.shift()) {
        for (const listener of item.targets) {
          if (!item.current.has(listener)) continue;
          try {
            listener(item.event);
          } catch (error) {
            this.logger.error(
              {
                stream: item.event.stream,
                eventId: item.event.id,
                eventType: item.event.event.type,
                err: errorName(error),
              },
              'event listener threw; delivery to other listeners continues',
            );
          }
        }
      }
    } finally {
      this.draining = false;
    }
  }
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
