import { randomUUID } from 'node:crypto';
import {
  EPHEMERAL_EVENT_ID,
  silentLogger,
  type EventLog,
  type ReadAfterResult,
  type StoredEvent,
} from '@salescoach/domain';
import { DeliveryQueue, type EventListener } from '../delivery-queue.js';
import { openRedisConnection } from './redis-connections.js';
import type { RedisEventLogOptions } from './redis-event-log-options.js';
import { decodeEntry, decodeEphemeral, encodeEvent, EVENT_FIELD } from './stream-entry-codec.js';
import { compareStreamIds, parseStreamId } from './stream-id.js';
import { StreamReader, type RawStreamEntry } from './stream-reader.js';

interface ListenerState {
  /** Events with this id or older are not for this listener; undefined until its start is known. */
  after: string | undefined;
  /** Events read while the start was being looked up. */
  readonly early: StoredEvent[];
}

interface LocalStream {
  readonly name: string;
  readonly key: string;
  readonly channel: string;
  readonly listeners: Set<EventListener>;
  readonly states: Map<EventListener, ListenerState>;
}

const DAY_SECONDS = 86_400;
/** An id further than this in the future was not issued by this Redis. */
const FUTURE_SLACK_MS = 86_400_000n;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The event log over Redis Streams, for several API instances: XADD with MAXLEN ~, replay
 * with XRANGE, one blocking reader per instance fanning out to local subscribers, and
 * ephemeral events over pub/sub.
 */
export async function createRedisEventLog(options: RedisEventLogOptions): Promise<EventLog> {
  const { url, maxEvents } = options;
  if (!Number.isInteger(maxEvents) || maxEvents < 1)
    throw new RangeError('maxEvents must be a positive integer');
  const prefix = options.keyPrefix ?? 'salescoach:';
  const ttlMs = (options.streamTtlSeconds ?? DAY_SECONDS) * 1000;
  const logger = (options.logger ?? silentLogger).child({ component: 'redis-event-log' });
  const instance = randomUUID();
  const delivery = new DeliveryQueue(logger);
  const streamKey = (stream: string) => `${prefix}stream:${stream}`;
  const channelPrefix = `${prefix}ephemeral:`;

  const command = openRedisConnection(url, 'command', logger);
  const readerConnection = openRedisConnection(url, 'reader', logger);
  const subscriber = openRedisConnection(url, 'subscriber', logger);
  const connections = [command, readerConnection, subscriber];
  try {
    await Promise.all(connections.map((c) => c.connect()));
  } catch (error) {
    for (const c of connections) c.disconnect();
    throw new Error('Could not connect to Redis for the event log', { cause: error });
  }

  const locals = new Map<string, LocalStream>();
  const localsByKey = new Map<string, LocalStream>();
  let closed = false;

  const onEntries = (key: string, entries: RawStreamEntry[]) => {
    const local = localsByKey.get(key);
    if (!local) return;
    for (const entry of entries) {
      const stored = decodeEntry(local.name, entry);
      if (!stored) {
        logger.warn(
          { stream: local.name, eventId: entry[0] },
          'skipped an unreadable stream entry',
        );
        continue;
      }
      dispatch(local, stored);
    }
  };
  const reader = new StreamReader({
    reader: readerConnection,
    control: command,
    blockMs: options.blockMs ?? 5000,
    logger,
    onEntries,
  });
  reader.start();

  subscriber.on('message', (channel: string, message: string) => {
    if (!channel.startsWith(channelPrefix)) return;
    const local = locals.get(channel.slice(channelPrefix.length));
    const decoded = decodeEphemeral(message);
    if (!local || !decoded || decoded.origin === instance) return;
    delivery.enqueue(
      Object.freeze({ id: EPHEMERAL_EVENT_ID, stream: local.name, event: decoded.event }),
      local.listeners,
    );
  });

  /** Hands a stored event to each listener whose start is older, once and in order. */
  function dispatch(local: LocalStream, stored: StoredEvent): void {
    const targets: EventListener[] = [];
    for (const [listener, state] of local.states) {
      if (state.after === undefined) state.early.push(stored);
      else if (compareStreamIds(stored.id, state.after) > 0) {
        state.after = stored.id;
        targets.push(listener);
      }
    }
    delivery.enqueue(stored, local.listeners, targets);
  }

  async function newestId(key: string): Promise<string | undefined> {
    const newest = await command.xrevrange(key, '+', '-', 'COUNT', 1);
    return newest[0]?.[0];
  }

  /** Finds where a new listener starts (the stream's newest id when it subscribed), then lets events through. */
  async function start(
    local: LocalStream,
    listener: EventListener,
    state: ListenerState,
  ): Promise<void> {
    let from: string | undefined;
    for (let attempt = 1; from === undefined; attempt += 1) {
      try {
        from = (await newestId(local.key)) ?? '0-0';
      } catch (error) {
        if (closed || !local.listeners.has(listener)) return;
        logger.warn(
          { stream: local.name, err: (error as Error).name, attempt },
          'subscription start failed; retrying',
        );
        await sleep(Math.min(100 * attempt, 2000));
      }
    }
    if (closed || !local.listeners.has(listener)) return;
    state.after = from;
    for (const stored of state.early.splice(0)) {
      if (compareStreamIds(stored.id, state.after) <= 0) continue;
      state.after = stored.id;
      delivery.enqueue(stored, local.listeners, [listener]);
    }
    if (locals.get(local.name) === local) reader.track(local.key, from);
  }

  function openLocal(stream: string): LocalStream {
    const existing = locals.get(stream);
    if (existing) return existing;
    const local: LocalStream = {
      name: stream,
      key: streamKey(stream),
      channel: `${channelPrefix}${stream}`,
      listeners: new Set(),
      states: new Map(),
    };
    locals.set(stream, local);
    localsByKey.set(local.key, local);
    subscriber.subscribe(local.channel).catch((error: unknown) => {
      logger.warn(
        { stream, err: (error as Error).name },
        'could not subscribe to ephemeral events',
      );
    });
    return local;
  }

  function closeLocal(local: LocalStream): void {
    if (local.listeners.size > 0 || locals.get(local.name) !== local) return;
    locals.delete(local.name);
    localsByKey.delete(local.key);
    reader.untrack(local.key);
    if (!closed) {
      subscriber.unsubscribe(local.channel).catch((error: unknown) => {
        logger.debug(
          { stream: local.name, err: (error as Error).name },
          'could not unsubscribe from ephemeral events',
        );
      });
    }
  }

  async function range(
    key: string,
    startId: string,
    limit: number | undefined,
  ): Promise<RawStreamEntry[]> {
    return limit === undefined
      ? command.xrange(key, startId, '+')
      : command.xrange(key, startId, '+', 'COUNT', limit);
  }

  const toEvents = (stream: string, entries: RawStreamEntry[]): StoredEvent[] =>
    entries
      .map((entry) => decodeEntry(stream, entry))
      .filter((e): e is StoredEvent => e !== undefined);

  const assertOpen = () => {
    if (closed) throw new Error('The event log is closed');
  };

  const isPlausibleId = (id: string): boolean => {
    const parsed = parseStreamId(id);
    return parsed !== undefined && parsed[0] <= BigInt(Date.now()) + FUTURE_SLACK_MS;
  };

  return {
    async append(stream, event) {
      assertOpen();
      const key = streamKey(stream);
      const results = await command
        .multi()
        .xadd(key, 'MAXLEN', '~', maxEvents, '*', EVENT_FIELD, encodeEvent(event))
        .pexpire(key, ttlMs)
        .exec();
      const [added] = results ?? [];
      if (!added || added[0] || typeof added[1] !== 'string')
        throw new Error('Redis did not append the event');
      return added[1];
    },

    async readAfter(stream, afterId, limit): Promise<ReadAfterResult> {
      assertOpen();
      if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) {
        throw new RangeError('limit must be a non-negative integer');
      }
      if (limit === 0) return { events: [], missed: false };
      const key = streamKey(stream);
      if (!isPlausibleId(afterId)) {
        return { events: toEvents(stream, await range(key, '-', limit)), missed: true };
      }
      // One transaction, so trimming cannot fall between reading the events and the oldest id.
      const tx = command.multi().xrange(key, '-', '+', 'COUNT', 1);
      if (limit === undefined) tx.xrange(key, `(${afterId}`, '+');
      else tx.xrange(key, `(${afterId}`, '+', 'COUNT', limit);
      const results = await tx.exec();
      const [oldestReply, afterReply] = results ?? [];
      if (!oldestReply || !afterReply || oldestReply[0] || afterReply[0]) {
        throw new Error('Redis could not read the event stream');
      }
      const oldest = (oldestReply[1] as RawStreamEntry[])[0]?.[0];
      const missed = oldest === undefined || compareStreamIds(afterId, oldest) < 0;
      return { events: toEvents(stream, afterReply[1] as RawStreamEntry[]), missed };
    },

    async latestId(stream) {
      assertOpen();
      return newestId(streamKey(stream));
    },

    subscribe(stream, listener) {
      assertOpen();
      const local = openLocal(stream);
      const own: EventListener = (event) => listener(event);
      const state: ListenerState = { after: undefined, early: [] };
      local.listeners.add(own);
      local.states.set(own, state);
      void start(local, own, state);
      return () => {
        if (!local.listeners.delete(own)) return;
        local.states.delete(own);
        closeLocal(local);
      };
    },

    async publishEphemeral(stream, event) {
      assertOpen();
      const local = locals.get(stream);
      if (local)
        delivery.enqueue(Object.freeze({ id: EPHEMERAL_EVENT_ID, stream, event }), local.listeners);
      await command.publish(
        `${channelPrefix}${stream}`,
        JSON.stringify({ origin: instance, event }),
      );
    },

    async ping() {
      assertOpen();
      if (command.status !== 'ready') throw new Error('Redis is not connected');
      // A readiness probe must answer: a PING queued behind a dead connection fails after 2 s.
      let timer: ReturnType<typeof setTimeout> | undefined;
      try {
        await Promise.race([
          command.ping(),
          new Promise<never>((_, reject) => {
            timer = setTimeout(
              () => reject(new Error('Redis did not answer PING within 2 s')),
              2_000,
            );
          }),
        ]);
      } finally {
        clearTimeout(timer);
      }
    },

    async close() {
      if (closed) return;
      closed = true;
      for (const local of locals.values()) {
        local.listeners.clear();
        local.states.clear();
      }
      locals.clear();
      localsByKey.clear();
      await reader.stop();
      // QUIT waits for Redis; a connection that is down is simply dropped.
      await Promise.allSettled(
        [command, subscriber].map((c) =>
          c.status === 'ready' ? c.quit() : Promise.resolve(c.disconnect()),
        ),
      );
      for (const c of connections) c.disconnect();
    },
  };
}
