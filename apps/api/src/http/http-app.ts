import { appRouter } from '@salescoach/api';
import type { EventLog, McpConnections, Store, ToolHub } from '@salescoach/domain';
import { TRPCError } from '@trpc/server';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import express, { type Express } from 'express';
import type { ApiMetrics } from '../observability/metrics.js';
import type { Delegation } from '../compose/delegation.js';
import { bearerToken, type createContextFactory } from './context-factory.js';
import type { OriginPolicy } from './origin-policy.js';
import { mountDevTokenRoutes } from './dev-token-routes.js';
import { mountOAuthCallback } from './oauth-callback-route.js';

export interface HttpAppDeps {
  readonly store: Store;
  readonly log: EventLog;
  readonly tools: ToolHub;
  readonly metrics: ApiMetrics;
  readonly createContext: ReturnType<typeof createContextFactory>;
  readonly maxBodyBytes: number;
  readonly maxBatchSize: number;
  readonly originPolicy: OriginPolicy;
  readonly delegation?: Delegation;
  /** Users' connections to `oauth` MCP servers, finished at `GET /oauth/callback`. */
  readonly connections: McpConnections;
  /** `WEB_APP_URL`: where the callback sends the browser afterwards. */
  readonly webAppUrl: string;
}

async function probe(check: () => Promise<void>): Promise<string | null> {
  try {
    await check();
    return null;
  } catch (error) {
    return (error as Error).message || 'unavailable';
  }
}

/** Health, readiness, metrics and tRPC over HTTP. The SPA is served elsewhere (nginx). */
export function createHttpApp(deps: HttpAppDeps): Express {
  const app = express();
  app.disable('x-powered-by');

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/readyz', async (_req, res) => {
    const [store, eventLog] = await Promise.all([
      probe(() => deps.store.ping()),
      probe(() => deps.log.ping()),
    ]);
    const mcp = deps.tools.status().map((s) => ({
      name: s.name,
      connected: s.connected,
      tools: s.toolCount,
      lastError: s.lastError ?? null,
    }));
    const failed = [store && 'store', eventLog && 'eventLog'].filter((p): p is string =>
      Boolean(p),
    );
    res.status(failed.length > 0 ? 503 : 200).json({
      status: failed.length > 0 ? 'unavailable' : 'ready',
      failed,
      checks: { store: store ?? 'ok', eventLog: eventLog ?? 'ok' },
      // An MCP server being down degrades answers (its tools disappear) but the API still serves.
      mcp,
    });
  });

  app.get('/metrics', async (_req, res) => {
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });

  app.use('/trpc', (req, res, next) => {
    const verdict = deps.originPolicy.check(req.headers);
    if (verdict.ok) return next();
    res.status(verdict.status).json({ error: { message: verdict.reason } });
  });
  if (deps.delegation) mountDevTokenRoutes(app, deps.delegation);
  mountOAuthCallback(app, { connections: deps.connections, webAppUrl: deps.webAppUrl });

  app.use(
    '/trpc',
    createExpressMiddleware({
      router: appRouter,
      maxBodySize: deps.maxBodyBytes,
      createContext: ({ req, info }) => {
        // Subscriptions only over the WebSocket, where a socket ends with its identity.
        if (
          info.type === 'subscription' ||
          info.calls.some((c) => c.procedure?._def.type === 'subscription')
        )
          throw new TRPCError({
            code: 'METHOD_NOT_SUPPORTED',
            message: 'Subscriptions are served over the WebSocket only',
          });
        // Refused before any call runs (one request must not mint a thousand tokens).
        if (info.isBatchCall && info.calls.length > deps.maxBatchSize)
          throw new TRPCError({
            code: 'PAYLOAD_TOO_LARGE',
            message: `At most ${deps.maxBatchSize} calls in one batch request`,
          });
        return deps.createContext(bearerToken(req.headers.authorization));
      },
    }),
  );
  return app;
}
