import type { ConversationEvent } from '../model/events.js';
import type { EventLog } from '../ports/event-log.port.js';
import type { Logger } from '../ports/logger.port.js';
import { silentLogger } from '../ports/logger.port.js';

export interface CoalesceOptions {
  /** Flush pending text at the latest this long after its first delta. */
  readonly maxDelayMs: number;
  /** Flush as soon as this many characters are pending. */
  readonly maxChars: number;
}

interface PendingDelta {
  messageId: string;
  text: string;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * Publishes a conversation's events to the event log, in order, merging consecutive
 * `answer.delta` events of one message (one event per token is too many frames for a big
 * room). Any other event flushes the pending text first, so order is kept.
 */
export class ConversationPublisher {
  private readonly pending = new Map<string, PendingDelta>();
  private readonly tails = new Map<string, Promise<unknown>>();

  constructor(
    private readonly log: EventLog,
    private readonly options: CoalesceOptions,
    private readonly logger: Logger = silentLogger,
  ) {}

  /** Queues an event; resolves with its log id once it (and everything before it) is appended. */
  publish(stream: string, event: ConversationEvent): Promise<string | undefined> {
    if (event.type === 'answer.delta') {
      this.addDelta(stream, event.messageId, event.text);
      return Promise.resolve(undefined);
    }
    this.flush(stream);
    return this.enqueue(stream, event);
  }

  /** Live-only events (typing, presence): not kept for replay, not ordered with the rest. */
  publishEphemeral(stream: string, event: ConversationEvent): Promise<void> {
    return this.log.publishEphemeral(stream, event);
  }

  /** Appends whatever text is pending for the stream now. */
  flush(stream: string): void {
    const pending = this.pending.get(stream);
    if (!pending) return;
    clearTimeout(pending.timer);
    this.pending.delete(stream);
    void this.enqueue(stream, {
      type: 'answer.delta',
      messageId: pending.messageId,
      text: pending.text,
    });
  }

  /** Appends the stream's pending text and resolves once everything queued for it is in the log. */
  async settle(stream: string): Promise<void> {
    this.flush(stream);
    await this.tails.get(stream);
  }

  /** Resolves when every queued append has settled. */
  async drain(): Promise<void> {
    for (const stream of [...this.pending.keys()]) this.flush(stream);
    await Promise.allSettled([...this.tails.values()]);
  }

  private addDelta(stream: string, messageId: string, text: string): void {
    const current = this.pending.get(stream);
    if (current && current.messageId !== messageId) this.flush(stream);
    const pending = this.pending.get(stream);
    if (pending) {
      pending.text += text;
    } else {
      const timer = setTimeout(() => this.flush(stream), this.options.maxDelayMs);
      this.pending.set(stream, { messageId, text, timer });
    }
    if ((this.pending.get(stream)?.text.length ?? 0) >= this.options.maxChars) this.flush(stream);
  }

  private enqueue(stream: string, event: ConversationEvent): Promise<string | undefined> {
    const previous = this.tails.get(stream) ?? Promise.resolve();
    const next = previous
      .catch(() => undefined)
      .then(() => this.log.append(stream, event))
      .catch((error: unknown) => {
        this.logger.error(
          { stream, type: event.type, err: (error as Error).message },
          'event append failed',
        );
        return undefined;
      });
    this.tails.set(stream, next);
    void next.finally(() => {
      if (this.tails.get(stream) === next) this.tails.delete(stream);
    });
    return next;
  }
}
