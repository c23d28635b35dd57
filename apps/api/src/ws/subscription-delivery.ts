import { pushEntryOf, type ItemSink } from '@salescoach/api';
import { isObservable, observableToAsyncIterable, type Observable } from '@trpc/server/observable';
import type { TRPCResultMessage } from '@trpc/server/rpc';
import { defaultTransformer, isTrackedEnvelope } from '@trpc/server/unstable-core-do-not-import';
import { frameWriterOf } from './shared-frames.js';
import type { TrpcConnection } from './trpc-connection.js';

type RequestId = number | string;

export interface SubscriptionCall {
  readonly type: 'query' | 'mutation' | 'subscription';
  readonly path: string;
  readonly input: unknown;
}

export interface RunningSubscription {
  /** The client stopped it or the socket closed: ends it (a `stopped` goes out if still open). */
  stop(): Promise<void>;
}

type Items = AsyncIterable<unknown> | Observable<unknown, unknown>;

/**
 * Sends a started subscription's items. A pushed subscription (`deliverTo`, the followers of
 * chats and rooms) writes each item's tRPC `data` frame straight to the socket inside the
 * event log's delivery call: one room event goes out to every member in one synchronous
 * pass, the event's JSON made once (event-encoder.ts), with no promise, envelope object or
 * race against the abort per item. Any other subscription is read as tRPC's adapter reads
 * it. Either way the frames are the ones tRPC sends: `data` (tracked: with the event id),
 * then `stopped`; an error frame (then `stopped`) when the items fail.
 */
export function startSubscriptionDelivery(
  connection: TrpcConnection<unknown>,
  id: RequestId,
  jsonrpc: '2.0' | undefined,
  call: SubscriptionCall,
  result: Items,
  abort: AbortController,
): RunningSubscription {
  const items = isObservable(result) ? observableToAsyncIterable(result, abort.signal) : result;
  const push = pushEntryOf<unknown>(items);
  const subscription = new Delivery(connection, id, jsonrpc, call, items, abort);
  if (push) push(subscription);
  else void subscription.pull();
  return subscription;
}

/** A procedure's subscription that will never be started: its items are closed at once. */
export async function discard(result: unknown, abort: AbortController): Promise<void> {
  abort.abort();
  if (!isObservable(result))
    await (result as AsyncIterable<unknown>)[Symbol.asyncIterator]().return?.();
}

class Delivery implements RunningSubscription, ItemSink<unknown> {
  private ended = false;
  private readonly iterator: AsyncIterator<unknown>;

  constructor(
    private readonly connection: TrpcConnection<unknown>,
    private readonly id: RequestId,
    private readonly jsonrpc: '2.0' | undefined,
    private readonly call: SubscriptionCall,
    items: AsyncIterable<unknown>,
    private readonly abort: AbortController,
  ) {
    this.iterator = items[Symbol.asyncIterator]();
  }

  item(value: unknown): void {
    if (this.ended || !this.connection.isOpen()) return;
    const { connection } = this;
    if (connection.config.transformer === defaultTransformer) {
      const writer = frameWriterOf(connection.ws);
      const frame = writer && connection.encoder.wireFrame(this.id, this.jsonrpc, value);
      if (frame) {
        if (connection.mayWrite()) writer.sendFrame(frame);
      } else {
        connection.ws.send(connection.encoder.dataFrame(this.id, this.jsonrpc, value));
      }
      return;
    }
    const result: TRPCResultMessage<unknown>['result'] = isTrackedEnvelope(value)
      ? { type: 'data', id: value[0], data: { id: value[0], data: value[1] } }
      : { type: 'data', data: value };
    connection.respond({ id: this.id, jsonrpc: this.jsonrpc, result });
  }

  end(error?: unknown): void {
    if (this.ended) return;
    this.ended = true;
    this.connection.forget(this.id, this);
    if (!this.connection.isOpen()) return;
    if (error !== undefined) this.connection.respondError(this.id, this.jsonrpc, error, this.call);
    this.connection.respond({ id: this.id, jsonrpc: this.jsonrpc, result: { type: 'stopped' } });
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.iterator.return?.();
  }

  /** tRPC's way: read item after item, racing each read against the abort. */
  async pull(): Promise<void> {
    const aborted = new Promise<'abort'>((resolve) =>
      this.abort.signal.addEventListener('abort', () => resolve('abort'), { once: true }),
    );
    let failure: unknown;
    try {
      for (;;) {
        const next = await Promise.race([this.iterator.next(), aborted]);
        if (next === 'abort' || next.done) break;
        this.item(next.value);
      }
    } catch (error) {
      failure = error ?? new Error('subscription failed');
    }
    await Promise.resolve(this.iterator.return?.()).catch(() => undefined);
    this.end(failure);
  }
}
