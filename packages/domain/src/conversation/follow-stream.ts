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
  /** Deliver the event `stillAllowed` refused as the last item (without an id), then end. */
  readonly deliverEnding?: boolean;
  /** Events this subscriber does not receive (e.g. another member's request for input). */
  readonly hidden?: (event: ConversationEvent) => boolean;
}

/** Where a piped follower hands its items: `item` for each, then `end` once (with the error, if it failed). */
export interface FollowSink {
  item(item: FollowedEvent): void;
  end(error?: unknown): void;
}

/** A follower: an async generator (next, return, throw) that can be told what to do when it ends. */
export interface FollowStream extends AsyncGenerator<FollowedEvent, undefined> {
  /** Runs `close` once when the stream ends, fails or is closed by its reader. */
  onClose(close: () => Promise<void>): void;
  /**
   * Hands every item to `sink` instead of `next()`: a live event reaches the sink inside
   * the log's own delivery call, with no promise per item, so one room event reaches every
   * member's sink in a single synchronous pass. Same order, filters, replay and ending as
   * reading; `return()` or the signal ends it (the sink's `end` is called once, after the
   * `onClose` hooks). Call it at most once, and never together with `next()`.
   */
  pipe(sink: FollowSink): void;
}

const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });

/**
 * A conversation's events for one subscriber, in tRPC's documented order: start listening
 * FIRST (at the moment this function is called, not when iteration begins), then replay
 * from `lastEventId`, then stream live, skipping anything seen twice. When `lastEventId`
 * fell out of the log, a `sync.reset` tells the client to reload history.
 *
 * One hand-written iterator, not a chain of generators: a room event reaches hundreds of
 * followers, and each layer of `async function*` costs every one of them a few promise
 * turns per event.
 */
export function followStream(log: EventLog, stream: string, options: FollowOptions): FollowStream {
  return new Follower(log, stream, options);
}

class Follower implements FollowStream {
  private readonly live: StoredEvent[] = [];
  private liveHead = 0;
  /** Replayed items (or the resync notice), delivered before anything live. */
  private ready: FollowedEvent[] = [];
  private readyHead = 0;
  private seen: Set<string> | undefined;
  private replaying: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private reading: Promise<IteratorResult<FollowedEvent, undefined>> | undefined;
  private ended = false;
  private closed = false;
  private readonly closers: (() => Promise<void>)[] = [];
  private readonly unsubscribe: () => void;
  private sink: FollowSink | undefined;
  private sinkEnded = false;
  private readonly onAbort = () => {
    this.stopListening();
    if (this.sink) this.endSink();
    else this.wake?.();
  };

  constructor(
    log: EventLog,
    stream: string,
    private readonly options: FollowOptions,
  ) {
    this.unsubscribe = log.subscribe(stream, (stored) => {
      this.live.push(stored);
      if (this.sink) this.pump();
      else this.wake?.();
    });
    options.signal.addEventListener('abort', this.onAbort);
    if (options.signal.aborted) this.onAbort();
    if (options.lastEventId && !options.signal.aborted) {
      const lastEventId = options.lastEventId;
      this.replaying = log.readAfter(stream, lastEventId).then((replay) => {
        this.replaying = undefined;
        if (replay.missed) {
          this.ready.push({
            id: undefined,
            event: { type: 'sync.reset', reason: 'events since your last one are no longer kept' },
          });
          return;
        }
        this.seen = new Set();
        for (const stored of replay.events) {
          this.seen.add(stored.id);
          this.ready.push({ id: stored.id, event: stored.event });
        }
      });
      // Observed here: a replay that fails is reported by the first read.
      this.replaying.catch(() => undefined);
    }
  }

  onClose(close: () => Promise<void>): void {
    if (this.closed) void close();
    else this.closers.push(close);
  }

  pipe(sink: FollowSink): void {
    if (this.sink || this.reading) throw new Error('a follower is either piped once or read');
    this.sink = sink;
    if (!this.replaying) return this.pump();
    this.replaying.then(
      () => this.pump(),
      (error: unknown) => this.endSink(error),
    );
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.return();
  }

  next(): Promise<IteratorResult<FollowedEvent, undefined>> {
    // Reads are answered in order, one at a time, as a generator's are.
    const previous = this.reading;
    const read = previous ? previous.then(() => this.read()) : this.read();
    const settled = read.finally(() => {
      if (this.reading === settled) this.reading = undefined;
    });
    this.reading = settled;
    return settled;
  }

  async return(): Promise<IteratorReturnResult<undefined>> {
    this.ended = true;
    if (this.sink) this.endSink();
    this.wake?.();
    await this.close();
    return DONE;
  }

  async throw(error: unknown): Promise<IteratorReturnResult<undefined>> {
    await this.return();
    throw error;
  }

  private async read(): Promise<IteratorResult<FollowedEvent, undefined>> {
    try {
      if (this.replaying) await this.replaying;
      for (;;) {
        if (this.ended || this.options.signal.aborted) return await this.finish();
        const item = this.nextReady() ?? this.nextLive();
        if (item) return item;
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = undefined;
      }
    } catch (error) {
      await this.finish();
      throw error;
    }
  }

  /** Piped: everything that can go now goes, in order, synchronously. */
  private pump(): void {
    const sink = this.sink!;
    if (this.replaying || this.sinkEnded) return;
    for (;;) {
      if (this.ended || this.options.signal.aborted) return this.endSink();
      const next = this.nextReady() ?? this.nextLive();
      if (!next) return;
      if (next.done) return this.endSink();
      sink.item(next.value);
    }
  }

  private endSink(error?: unknown): void {
    if (this.sinkEnded) return;
    this.sinkEnded = true;
    this.ended = true;
    const sink = this.sink!;
    this.close().then(
      () => sink.end(error),
      (closeError: unknown) => sink.end(error ?? closeError),
    );
  }

  private nextReady(): IteratorResult<FollowedEvent, undefined> | undefined {
    while (this.readyHead < this.ready.length) {
      const item = this.ready[this.readyHead++]!;
      if (this.readyHead === this.ready.length) {
        this.ready = [];
        this.readyHead = 0;
      }
      if (this.options.hidden?.(item.event)) continue;
      return this.allowed(item);
    }
    return undefined;
  }

  private nextLive(): IteratorResult<FollowedEvent, undefined> | undefined {
    while (this.liveHead < this.live.length) {
      const stored = this.live[this.liveHead++]!;
      if (this.liveHead === this.live.length) {
        this.live.length = 0;
        this.liveHead = 0;
      }
      if (stored.id !== '' && this.seen?.has(stored.id)) continue;
      // Ids past the replay can no longer repeat; keep the set from growing.
      if (stored.id !== '') this.seen = undefined;
      if (this.options.hidden?.(stored.event)) continue;
      return this.allowed({ id: stored.id === '' ? undefined : stored.id, event: stored.event });
    }
    return undefined;
  }

  /** The item, or the end of the stream when the subscriber may no longer see it. */
  private allowed(item: FollowedEvent): IteratorResult<FollowedEvent, undefined> {
    const { stillAllowed, deliverEnding } = this.options;
    if (!stillAllowed || stillAllowed(item.event)) return { done: false, value: item };
    this.ended = true;
    this.stopListening();
    if (deliverEnding) return { done: false, value: { id: undefined, event: item.event } };
    return DONE;
  }

  private async finish(): Promise<IteratorReturnResult<undefined>> {
    this.ended = true;
    await this.close();
    return DONE;
  }

  private stopListening(): void {
    this.options.signal.removeEventListener('abort', this.onAbort);
    this.unsubscribe();
  }

  private async close(): Promise<void> {
    this.stopListening();
    if (this.closed) return;
    this.closed = true;
    for (const close of this.closers.splice(0)) await close();
  }
}
