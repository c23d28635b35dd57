import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { appRouter } from '@salescoach/api';
import type { Logger } from '@salescoach/domain';
import { WebSocketServer } from 'ws';
import type { createContextFactory } from '../http/context-factory.js';
import type { OriginPolicy } from '../http/origin-policy.js';
import type { ApiMetrics } from '../observability/metrics.js';
import { createEventEncoder } from './event-encoder.js';
import { createKeepAlive } from './keep-alive.js';
import { createSocketGuard } from './socket-guard.js';
import { TrpcConnection, type ConnectionHandlerOptions } from './trpc-connection.js';

export interface WsOptions {
  readonly originPolicy: OriginPolicy;
  readonly maxPayloadBytes: number;
  readonly maxBufferedBytes: number;
  readonly maxSocketsPerUser: number;
  readonly maxSubscriptionsPerSocket: number;
  readonly createContext: ReturnType<typeof createContextFactory>;
  readonly metrics: ApiMetrics;
  readonly logger: Logger;
}

function refuse(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * tRPC over WebSocket on the HTTP server's port, at /trpc. The upgrade must name an allowed
 * Host, and browsers must come from an allowed Origin (clients without an Origin header,
 * such as services and the CLI, cannot be driven by a foreign page). Frames over maxPayload close that socket. A socket whose
 * send buffer passes maxBufferedBytes (a client that stopped reading) is closed; the
 * client resumes from its last event id. A socket is closed when its identity expires (see
 * socket-guard.ts), whatever it subscribed to.
 */
export function attachWebSocketServer(server: Server, options: WsOptions) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayloadBytes });
  const guard = createSocketGuard({
    maxSocketsPerUser: options.maxSocketsPerUser,
    maxSubscriptionsPerSocket: options.maxSubscriptionsPerSocket,
    now: Date.now,
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/trpc') return refuse(socket, 404, 'Not Found');
    const verdict = options.originPolicy.check(req.headers);
    if (!verdict.ok) {
      options.logger.warn(
        { origin: req.headers.origin, host: req.headers.host, status: verdict.status },
        'WebSocket from a foreign origin or host refused',
      );
      return refuse(
        socket,
        verdict.status,
        verdict.status === 403 ? 'Forbidden' : 'Misdirected Request',
      );
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  const keepAlive = createKeepAlive(wss.clients, {
    pingMs: 30_000,
    pongWaitMs: 10_000,
    now: Date.now,
  });
  const connection: ConnectionHandlerOptions<unknown> = {
    router: appRouter,
    encoder: createEventEncoder(),
    onMessage: (ws) => keepAlive.heard(ws),
    mayWrite: (ws) => guard.mayWrite(ws),
    createContext: async (params, ws) => {
      const token = params?.token;
      const ctx = await options.createContext(typeof token === 'string' ? token : undefined);
      return { ...ctx, connection: guard.admit(ws, ctx.identity) };
    },
  };
  wss.on('connection', (ws, req: IncomingMessage) => {
    options.metrics.sockets.inc();
    ws.on('close', () => options.metrics.sockets.dec());
    keepAlive.watch(ws);
    new TrpcConnection(ws, connection, req);
  });

  const watchdog = setInterval(() => {
    for (const ws of wss.clients) {
      if (ws.bufferedAmount > options.maxBufferedBytes) {
        options.metrics.slowConsumerDrops.inc();
        options.logger.warn(
          { buffered: ws.bufferedAmount },
          'closing a socket that stopped reading',
        );
        ws.terminate();
      }
    }
  }, 250);
  watchdog.unref();

  return {
    wss,
    broadcastReconnectNotification: () => {
      const notice = JSON.stringify({ id: null, method: 'reconnect' });
      for (const ws of wss.clients) if (ws.readyState === ws.OPEN) ws.send(notice);
    },
    async close() {
      clearInterval(watchdog);
      keepAlive.close();
      for (const ws of wss.clients) ws.close(1012, 'server restarting');
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
