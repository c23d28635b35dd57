import { randomBytes } from 'node:crypto';
import {
  EPHEMERAL_EVENT_ID,
  silentLogger,
  type ConversationEvent,
  type EventLog,
  type Logger,
  type ReadAfterResult,
  type StoredEvent,
} from '@salescoach/domain';
import { DeliveryQueue, type EventListener } from '../delivery-queue.js';
import { RingBuffer } from './ring-buffer.js';

export interface MemoryEventLogOptions {
  /** Events kept per stream for replay. */
  readonly maxEvents: number;
  /** Events older than this are dropped from replay. */
  readonly maxAgeMs: number;
  /** Epoch milliseconds; for tests. */
  readonly now?: () => number;
  /** Reports listeners that throw. */
  readonly logger?: Logger;
}

export interface MemoryEventLogStats {
  readonly streams: number;
  readonly events: number;
}

export interface MemoryEventLog extends EventLog {
  /** How many streams and kept events the log holds (for metrics and tests). */
  stats(): MemoryEventLogStats;
}

interface Entry {
  readonly stored: StoredEvent;
  readonly seq: number;
  readonly at: number;
}

interface StreamState {
  readonly name: string;
  readonly events: RingBuffer<Entry>;
  readonly listeners: Set<EventListener>;
  /** The newest sequence number no longer kept: an `afterId` below it has missed events. */
  evictedUpTo: number;
  lastAppendAt: number;
}

/**
 * The single-process event log: a ring buffer per stream, bounded by count and age. Ids are
 * `<epoch>-<seq>` with a random epoch per instance, so an id from another process (or from
 * before a restart) is recognised as unknown and reported as `missed`.
 */
export function createMemoryEventLog(options: MemoryEventLogOptions): MemoryEventLog {
  const { maxEvents, maxAgeMs } = options;
  if (!Number.isInteger(maxEvents) || maxEvents < 1)
    throw new RangeError('maxEvents must be a positive integer');
  if (!Number.isFinite(maxAgeMs) || maxAgeMs <= 0)
    throw new RangeError('maxAgeMs must be positive');
  const now = options.now ?? Date.now;
  const delivery = new DeliveryQueue(options.logger ?? silentLogger);
  const epoch = randomBytes(6).toString('hex');
  const streams = new Map<string, StreamState>();
  /** Streams that keep events, least recently appended first: the age sweep stops at the first fresh one. */
  const byLastAppend = new Map<string, StreamState>();
  /** The newest sequence number of any stream that was dropped entirely. */
  let droppedUpTo = 0;
  let seq = 0;
  let closed = false;

  const parseId = (id: string): number | undefined => {
    const dash = id.lastIndexOf('-');
    if (dash <= 0 || id.slice(0, dash) !== epoch) return undefined;
    const digits = id.slice(dash + 1);
    if (!/^\d{1,15}$/.test(digits)) return undefined;
    const value = Number(digits);
    return value >= 1 && value <= seq ? value : undefined;
  };

  const stateFor = (name: string): StreamState => {
    let state = streams.get(name);
    if (!state) {
      state = {
        name,
        events: new RingBuffer<Entry>(maxEvents),
        listeners: new Set(),
        evictedUpTo: droppedUpTo,
        lastAppendAt: 0,
      };
      streams.set(name, state);
    }
    return state;
  };

  const dropIfIdle = (state: StreamState): void => {
    if (state.events.length > 0 || state.listeners.size > 0) return;
    if (streams.get(state.name) === state) streams.delete(state.name);
    droppedUpTo = Math.max(droppedUpTo, state.evictedUpTo);
  };

  const evictOldest = (state: StreamState): void => {
    const evicted = state.events.shift();
    if (evicted) state.evictedUpTo = Math.max(state.evictedUpTo, evicted.seq);
    if (state.events.length === 0) byLastAppend.delete(state.name);
  };

  /** Drops expired events: whole streams from the least recently appended end, then the front of `touched`. */
  const sweep = (touched?: StreamState): void => {
    const cutoff = now() - maxAgeMs;
    for (const state of byLastAppend.values()) {
      if (state.lastAppendAt >= cutoff) break;
      while (state.events.length > 0) evictOldest(state);
      dropIfIdle(state);
    }
    if (touched) {
      while ((touched.events.oldest()?.at ?? Infinity) < cutoff) evictOldest(touched);
    }
  };

  const assertOpen = (): void => {
    if (closed) throw new Error('The event log is closed');
  };

  return {
    async append(stream, event) {
      assertOpen();
      const state = stateFor(stream);
      sweep(state);
      seq += 1;
      const at = now();
      const stored: StoredEvent = Object.freeze({ id: `${epoch}-${seq}`, stream, event });
      const evicted = state.events.push({ stored, seq, at });
      if (evicted) state.evictedUpTo = Math.max(state.evictedUpTo, evicted.seq);
      state.lastAppendAt = at;
      byLastAppend.delete(stream);
      byLastAppend.set(stream, state);
      delivery.enqueue(stored, state.listeners);
      return stored.id;
    },

    async readAfter(stream, afterId, limit): Promise<ReadAfterResult> {
      assertOpen();
      if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) {
        throw new RangeError('limit must be a non-negative integer');
      }
      const state = streams.get(stream);
      sweep(state);
      const after = parseId(afterId);
      const missed = after === undefined || after < (state?.evictedUpTo ?? droppedUpTo);
      const events: StoredEvent[] = [];
      if (state) {
        const max = limit ?? state.events.length;
        const start = after === undefined ? 0 : state.events.firstIndexWhere((e) => e.seq > after);
        for (let i = start; i < state.events.length && events.length < max; i += 1) {
          events.push((state.events.at(i) as Entry).stored);
        }
      }
      return { events, missed };
    },

    async latestId(stream) {
      assertOpen();
      const state = streams.get(stream);
      if (!state) return undefined;
      sweep(state);
      return state.events.newest()?.stored.id;
    },

    subscribe(stream, listener) {
      assertOpen();
      const state = stateFor(stream);
      const own: EventListener = (event) => listener(event);
      state.listeners.add(own);
      return () => {
        if (!state.listeners.delete(own)) return;
        dropIfIdle(state);
      };
    },

    async publishEphemeral(stream, event: ConversationEvent) {
      assertOpen();
      const state = streams.get(stream);
      if (state)
        delivery.enqueue(Object.freeze({ id: EPHEMERAL_EVENT_ID, stream, event }), state.listeners);
    },

    async ping() {
      assertOpen();
    },

    async close() {
      closed = true;
      for (const state of streams.values()) {
        state.listeners.clear();
        state.events.clear();
      }
      streams.clear();
      byLastAppend.clear();
    },

    stats() {
      let events = 0;
      for (const state of byLastAppend.values()) events += state.events.length;
      return { streams: streams.size, events };
    },
  };
}
