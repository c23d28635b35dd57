import type { IncomingMessage } from 'node:http';
import type { AnyRouter } from '@trpc/server';
import {
  callTRPCProcedure,
  getErrorShape,
  getTRPCErrorFromUnknown,
  transformTRPCResponse,
  TRPCError,
} from '@trpc/server';
import { parseConnectionParamsFromUnknown } from '@trpc/server/http';
import { isObservable } from '@trpc/server/observable';
import {
  parseTRPCMessage,
  type TRPCClientOutgoingMessage,
  type TRPCConnectionParamsMessage,
  type TRPCErrorShape,
  type TRPCResponseMessage,
} from '@trpc/server/rpc';
import {
  isAsyncIterable,
  isObject,
  type AnyRootTypes,
  type RootConfig,
} from '@trpc/server/unstable-core-do-not-import';
import type { WebSocket } from 'ws';
import type { WsEncoder } from './event-encoder.js';
import {
  discard,
  startSubscriptionDelivery,
  type RunningSubscription,
} from './subscription-delivery.js';

const OPEN = 1;

type RequestId = number | string;
type ConnectionParams = Record<string, string | undefined> | null;

export interface ConnectionHandlerOptions<TContext> {
  readonly router: AnyRouter;
  readonly encoder: WsEncoder;
  /** Once per connection, with its connectionParams (null when the URL announced none). */
  readonly createContext: (
    connectionParams: ConnectionParams,
    ws: WebSocket,
    req: IncomingMessage,
  ) => Promise<TContext>;
  /** Every message from the client (the keep-alive's proof of life). */
  readonly onMessage?: (ws: WebSocket) => void;
  /** False when nothing more may be written to the socket (its identity expired). */
  readonly mayWrite?: (ws: WebSocket) => boolean;
}

type ContextResult<TContext> = { ok: true; ctx: TContext } | { ok: false; error: TRPCError };

/**
 * One WebSocket connection speaking tRPC v11's WebSocket protocol, as `@trpc/server`'s own
 * adapter does (connectionParams, batches, PING/PONG, `started`/`data`/`stopped`, errors
 * shaped by the router), with procedures still called by tRPC (`callTRPCProcedure`: input
 * parsing, middleware, error formatting). What differs is how subscription items are sent
 * (subscription-delivery.ts) and what a connection keeps: this one object, one message
 * listener, a map only once something subscribes, and no timers (keep-alive.ts sweeps all
 * sockets from one interval). ADR 0008 has the why.
 */
export class TrpcConnection<TContext> {
  private ctxPromise: Promise<ContextResult<TContext>> | null = null;
  private ctx: TContext | undefined;
  private subscriptions: Map<RequestId, RunningSubscription> | undefined;
  private closed = false;

  constructor(
    readonly ws: WebSocket,
    private readonly options: ConnectionHandlerOptions<TContext>,
    req: IncomingMessage,
  ) {
    const wantsParams = new URL(req.url ?? '/', 'http://localhost').searchParams.get(
      'connectionParams',
    );
    if (wantsParams !== '1') this.ctxPromise = this.createContext(null, req);
    else this.pendingReq = req;
    ws.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    ws.on('error', () => undefined);
    ws.once('close', () => this.onClose());
  }

  /** The upgrade request, kept only until the connectionParams message arrives. */
  private pendingReq: IncomingMessage | undefined;

  get config(): RootConfig<AnyRootTypes> {
    return this.options.router._def._config as RootConfig<AnyRootTypes>;
  }

  get encoder(): WsEncoder {
    return this.options.encoder;
  }

  get context(): TContext | undefined {
    return this.ctx;
  }

  /** A finished frame may be written now (ws.send checks the same through the socket guard). */
  mayWrite(): boolean {
    return this.isOpen() && (this.options.mayWrite?.(this.ws) ?? true);
  }

  isOpen(): boolean {
    return !this.closed && this.ws.readyState === OPEN;
  }

  respond(message: TRPCResponseMessage): void {
    this.ws.send(this.options.encoder.encode(transformTRPCResponse(this.config, message)));
  }

  respondError(
    id: RequestId | null,
    jsonrpc: '2.0' | undefined,
    cause: unknown,
    call?: { type: 'query' | 'mutation' | 'subscription'; path: string; input: unknown },
  ): void {
    const error = getTRPCErrorFromUnknown(cause);
    const shape = getErrorShape({
      config: this.config,
      error,
      type: call?.type ?? 'unknown',
      path: call?.path,
      input: call?.input,
      ctx: this.ctx,
    }) as TRPCErrorShape;
    this.respond({ id, jsonrpc, error: shape });
  }

  /** Called by a subscription once it has ended (its `stopped` or error already sent). */
  forget(id: RequestId, subscription: RunningSubscription): void {
    if (this.subscriptions?.get(id) === subscription) this.subscriptions.delete(id);
  }

  private async createContext(
    params: (() => ConnectionParams) | null,
    req: IncomingMessage,
  ): Promise<ContextResult<TContext>> {
    try {
      this.ctx = await this.options.createContext(params ? params() : null, this.ws, req);
      return { ok: true, ctx: this.ctx };
    } catch (cause) {
      const error = getTRPCErrorFromUnknown(cause);
      this.respondError(null, undefined, error);
      setImmediate(() => this.ws.close());
      return { ok: false, error };
    }
  }

  private onMessage(raw: unknown, isBinary: boolean): void {
    this.options.onMessage?.(this.ws);
    if (!Buffer.isBuffer(raw)) {
      return this.respondError(
        null,
        undefined,
        new TRPCError({
          code: 'UNPROCESSABLE_CONTENT',
          message: 'Unexpected WebSocket message format',
        }),
      );
    }
    const data = isBinary ? raw : raw.toString('utf8');
    if (data === 'PONG') return;
    if (data === 'PING') return void this.ws.send('PONG');
    if (!this.ctxPromise) {
      const req = this.pendingReq!;
      this.pendingReq = undefined;
      this.ctxPromise = this.createContext(() => this.paramsOf(data), req);
      return;
    }
    let messages: TRPCClientOutgoingMessage[];
    try {
      const json: unknown = this.options.encoder.decode(data);
      const list: unknown[] = Array.isArray(json) ? json : [json];
      const transformer = this.options.router._def._config.transformer;
      messages = list.map((m) => parseTRPCMessage(m, transformer));
    } catch (cause) {
      return this.respondError(null, undefined, new TRPCError({ code: 'PARSE_ERROR', cause }));
    }
    messages.forEach((message, index) => this.handle(message, index));
  }

  private paramsOf(data: string | Uint8Array): ConnectionParams {
    let message: TRPCConnectionParamsMessage;
    try {
      message = this.options.encoder.decode(data) as TRPCConnectionParamsMessage;
      if (!isObject(message)) throw new Error('Message was not an object');
    } catch (cause) {
      throw new TRPCError({
        code: 'PARSE_ERROR',
        message: 'Malformed TRPCConnectionParamsMessage',
        cause,
      });
    }
    return parseConnectionParamsFromUnknown(message.data);
  }

  private handle(message: TRPCClientOutgoingMessage, batchIndex: number): void {
    const { id, jsonrpc } = message;
    if (id === null) {
      return this.respondError(
        id,
        jsonrpc,
        new TRPCError({ code: 'PARSE_ERROR', message: '`id` is required' }),
      );
    }
    if (message.method === 'subscription.stop') {
      void this.subscriptions?.get(id)?.stop();
      return;
    }
    const { path, lastEventId } = message.params;
    let { input } = message.params;
    if (lastEventId !== undefined) {
      if (isObject(input)) input = { ...input, lastEventId };
      else input ??= { lastEventId };
    }
    const call = { type: message.method, path, input };
    this.call(id, jsonrpc, call, batchIndex).catch((cause: unknown) =>
      this.respondError(id, jsonrpc, cause, call),
    );
  }

  private async call(
    id: RequestId,
    jsonrpc: '2.0' | undefined,
    call: { type: 'query' | 'mutation' | 'subscription'; path: string; input: unknown },
    batchIndex: number,
  ): Promise<void> {
    const context = await this.ctxPromise!;
    if (!context.ok) throw context.error;
    const abort = new AbortController();
    const result: unknown = await callTRPCProcedure({
      router: this.options.router,
      path: call.path,
      getRawInput: async () => call.input,
      ctx: context.ctx,
      type: call.type,
      signal: abort.signal,
      batchIndex,
    });
    const iterable = isAsyncIterable(result) || isObservable(result);
    if (call.type !== 'subscription') {
      if (iterable)
        throw new TRPCError({
          code: 'UNSUPPORTED_MEDIA_TYPE',
          message: `Cannot return an async iterable or observable from a ${call.type} procedure with WebSockets`,
        });
      return this.respond({ id, jsonrpc, result: { type: 'data', data: result } });
    }
    if (!iterable)
      throw new TRPCError({
        code: 'INTERNAL_SERVER_ERROR',
        message: `Subscription ${call.path} did not return an observable or a AsyncGenerator`,
      });
    if (!this.isOpen() || this.subscriptions?.has(id)) {
      // Closed while starting (nothing to tell), or a second subscription with a live id.
      await discard(result, abort);
      if (this.isOpen())
        throw new TRPCError({ code: 'BAD_REQUEST', message: `Duplicate id ${id}` });
      return;
    }
    this.respond({ id, jsonrpc, result: { type: 'started' } });
    this.subscriptions ??= new Map();
    this.subscriptions.set(id, startSubscriptionDelivery(this, id, jsonrpc, call, result, abort));
  }

  private onClose(): void {
    this.closed = true;
    this.pendingReq = undefined;
    for (const subscription of this.subscriptions?.values() ?? []) void subscription.stop();
    this.subscriptions = undefined;
  }
}
