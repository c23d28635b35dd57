import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Settings } from '@salescoach/config';
import type { Logger } from '@salescoach/domain';
import { compose, type Composition } from './compose/services.js';
import { createContextFactory } from './http/context-factory.js';
import { createHttpApp } from './http/http-app.js';
import { createOriginPolicy } from './http/origin-policy.js';
import { createLogger } from './observability/logger.js';
import { ApiMetrics } from './observability/metrics.js';
import { attachWebSocketServer } from './ws/ws-server.js';

export interface RunningServer {
  readonly port: number;
  /** http://host:port */
  readonly url: string;
  /** ws://host:port/trpc */
  readonly wsUrl: string;
  readonly composition: Composition;
  readonly metrics: ApiMetrics;
  readonly logger: Logger;
  /** Open WebSocket connections (tests drop them to prove resumption). */
  sockets(): ReadonlySet<{ terminate(): void; bufferedAmount: number }>;
  /** Graceful stop: clients told to reconnect, answers given until the deadline, the rest interrupted. */
  close(): Promise<void>;
}

export interface StartOptions {
  /** Where JSON log lines go (default stdout). */
  readonly logDestination?: NodeJS.WritableStream;
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(
              `Port ${port} on ${host} is already in use: stop what runs there or set PORT to another port`,
            )
          : error,
      );
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

/** Starts the API (HTTP + WebSocket on one port). Used by main.ts and by tests (PORT=0). */
export async function startServer(
  settings: Settings,
  options: StartOptions = {},
): Promise<RunningServer> {
  const logger = createLogger({ level: settings.LOG_LEVEL, destination: options.logDestination });
  const metrics = new ApiMetrics();
  const composition = await compose(settings, logger, metrics);
  const createContext = createContextFactory({
    services: composition.services,
    verifier: composition.auth.verifier,
    directory: composition.auth.directory,
    logger,
    exposeStack: settings.EXPOSE_STACK_TRACES,
  });
  const originPolicy = createOriginPolicy({
    allowedOrigins: settings.ALLOWED_ORIGINS,
    allowedHosts: settings.ALLOWED_HOSTS,
  });
  const app = createHttpApp({
    originPolicy,
    store: composition.store,
    log: composition.log,
    tools: composition.hub,
    metrics,
    createContext,
    maxBodyBytes: settings.WS_MAX_PAYLOAD_BYTES,
    maxBatchSize: settings.HTTP_MAX_BATCH_SIZE,
    delegation: composition.auth.delegation,
    connections: composition.services.connections,
    webAppUrl: settings.WEB_APP_URL,
  });
  const server = createServer(app);
  const ws = attachWebSocketServer(server, {
    originPolicy,
    maxPayloadBytes: settings.WS_MAX_PAYLOAD_BYTES,
    maxBufferedBytes: settings.WS_MAX_BUFFERED_BYTES,
    maxSocketsPerUser: settings.MAX_SOCKETS_PER_USER,
    maxSubscriptionsPerSocket: settings.MAX_SUBSCRIPTIONS_PER_SOCKET,
    createContext,
    metrics,
    logger,
  });
  try {
    await listen(server, settings.PORT, settings.HOST);
  } catch (error) {
    await ws.close();
    await composition.close();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  const host = settings.HOST.includes(':') ? `[${settings.HOST}]` : settings.HOST;
  // The dev token endpoint is on this server: the hub connects once it is reachable.
  const selfHost = ['0.0.0.0', '::'].includes(settings.HOST) ? '127.0.0.1' : host;
  composition.auth.delegation.bind(`http://${selfHost}:${port}`);
  composition.oauth.bindPublicUrl(`http://${selfHost}:${port}`);
  composition.hub.start();
  logger.info(
    {
      port,
      store: settings.STORE,
      bus: settings.BUS,
      llm: settings.LLM_PROVIDER,
      auth: settings.AUTH_MODE,
    },
    'api listening',
  );

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      ws.broadcastReconnectNotification();
      server.close();
      composition.stopIntake();
      const drained = await composition.answers.drain(settings.SHUTDOWN_GRACE_MS);
      logger.info(drained, 'answers drained');
      await ws.close();
      server.closeAllConnections();
      await composition.close();
      logger.info({}, 'api stopped');
    })());

  return {
    port,
    url: `http://${host}:${port}`,
    wsUrl: `ws://${host}:${port}/trpc`,
    composition,
    metrics,
    logger,
    sockets: () => ws.wss.clients,
    close,
  };
}
