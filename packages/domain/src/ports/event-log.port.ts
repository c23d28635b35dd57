import type { ConversationEvent } from '../model/events.js';

export interface StoredEvent {
  /** Unique within the stream, assigned by the log; increases with append order. */
  readonly id: string;
  readonly stream: string;
  readonly event: ConversationEvent;
}

export interface ReadAfterResult {
  readonly events: StoredEvent[];
  /**
   * True when `afterId` is older than what the log still keeps, or unknown to it (another
   * process's id): the caller must resync from persisted messages.
   */
  readonly missed: boolean;
}

/**
 * Append-only per-stream log with a live tail. In-memory ring buffer by default, Redis
 * Streams for several API instances. A listener that throws never stops delivery to the
 * other listeners.
 */
export interface EventLog {
  append(stream: string, event: ConversationEvent): Promise<string>;
  /** Events after `afterId` (exclusive), oldest first, at most `limit` (default: all kept). */
  readAfter(stream: string, afterId: string, limit?: number): Promise<ReadAfterResult>;
  /** The newest id in the stream, if any: a starting point for a later `readAfter`. */
  latestId(stream: string): Promise<string | undefined>;
  /** Every event appended (or published) after this call returns, in order. */
  subscribe(stream: string, listener: (event: StoredEvent) => void): () => void;
  /** Delivered live to subscribers (on every instance) but never kept for replay: typing, presence. */
  publishEphemeral(stream: string, event: ConversationEvent): Promise<void>;
  /** Throws when the log cannot be used (for /readyz). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Ephemeral events reach listeners with this id: they are not resumable. */
export const EPHEMERAL_EVENT_ID = '';
