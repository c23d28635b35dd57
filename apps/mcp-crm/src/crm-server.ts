import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMcpExpressApp } from '@modelcontextprotocol/sdk/server/express.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import type { Request, Response } from 'express';
import type { CrmAuthOptions } from './auth/crm-token-verifier.js';
import { protectResource } from './auth/protected-resource.js';
import { CrmQueries } from './crm-queries.js';
import { registerCrmTools } from './crm-tools.js';
import { CrmStore } from './store/crm-store.js';
import { registerWriteTools } from './writes/write-tools.js';

export interface CrmServerOptions {
  readonly port: number;
  readonly host?: string;
  /**
   * The CRM's SQLite file; `:memory:` (the default) for a throwaway store. An empty file is
   * seeded on first start; later starts keep every write.
   */
  readonly storeFile?: string;
  /** Seed of the generated dataset (the same seed and day give the same data). */
  readonly seed?: number;
  /** "Today" for reads and date checks, and the day a first seed is generated around; today by default. */
  readonly now?: Date;
  /** Simulated backend latency per tool call, in ms. */
  readonly delayMs?: number;
  /** Told the tool's name as each call arrives, before it runs (lets a test act mid-call). */
  readonly onToolCall?: (tool: string) => void;
  /** Token subjects of services allowed pipeline totals for a named rep or manager (see crm-tools). */
  readonly aggregateReaders?: readonly string[];
  /** Whose tokens it accepts. Every request needs a valid bearer token issued for this server. */
  readonly auth: CrmAuthOptions;
}

export interface RunningCrmServer {
  /** The MCP endpoint, e.g. `http://127.0.0.1:3101/mcp`. */
  readonly url: string;
  /** Its resource identifier: the audience its tokens must carry (the URL unless configured). */
  readonly resource: string;
  readonly port: number;
  /** Back to the seeded data (for demos and tests); every write is gone. */
  reset(options?: { seed?: number; now?: Date }): void;
  close(): Promise<void>;
}

export const CRM_SERVER_INFO = { name: 'salescoach-crm', version: '1.0.0' } as const;

function jsonRpcError(res: Response, status: number, message: string): void {
  res.status(status).json({ jsonrpc: '2.0', error: { code: -32000, message }, id: null });
}

/** Starts the CRM MCP server (Streamable HTTP, stateful sessions) on `/mcp`. Rejects if the port is taken. */
export async function startCrmServer(options: CrmServerOptions): Promise<RunningCrmServer> {
  const host = options.host ?? '127.0.0.1';
  const store = CrmStore.open({
    file: options.storeFile ?? ':memory:',
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.now === undefined ? {} : { now: options.now }),
  });
  const queries = new CrmQueries(store);
  const sessions = new Map<string, StreamableHTTPServerTransport>();

  const newSession = async (): Promise<StreamableHTTPServerTransport> => {
    const mcp = new McpServer(CRM_SERVER_INFO, {
      capabilities: { tools: { listChanged: true } },
      instructions:
        'Sales CRM: accounts, contacts, opportunities, pipeline, forecast, rep scorecards and deal risks; log activities and update your deals. Amounts are USD.',
    });
    registerCrmTools(mcp, queries, {
      delayMs: options.delayMs,
      aggregateReaders: new Set(options.aggregateReaders ?? []),
    });
    registerWriteTools(mcp, store, queries);
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        sessions.set(id, transport);
      },
      onsessionclosed: (id) => {
        sessions.delete(id);
      },
    });
    transport.onclose = () => {
      if (transport.sessionId) sessions.delete(transport.sessionId);
    };
    await mcp.connect(transport);
    return transport;
  };

  const app = createMcpExpressApp({ host });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(options.port, host);
    s.once('listening', () => resolve(s));
    s.once('error', reject);
  }).catch((error: unknown) => {
    store.close();
    throw error;
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  const url = `http://${urlHost}:${port}/mcp`;
  const resource = new URL(options.auth.resource ?? url);
  const authorized = protectResource(app, resource, options.auth);

  app.post('/mcp', authorized, async (req: Request, res: Response) => {
    const sessionId = req.header('mcp-session-id');
    const existing = sessionId === undefined ? undefined : sessions.get(sessionId);
    if (existing) {
      const body = req.body as { method?: unknown; params?: { name?: unknown } } | undefined;
      if (body?.method === 'tools/call') options.onToolCall?.(String(body.params?.name));
      return existing.handleRequest(req, res, req.body);
    }
    if (sessionId !== undefined) return jsonRpcError(res, 404, 'Session not found');
    if (!isInitializeRequest(req.body))
      return jsonRpcError(res, 400, 'Bad request: no session; send initialize first');
    const transport = await newSession();
    return transport.handleRequest(req, res, req.body);
  });
  const onSession = async (req: Request, res: Response): Promise<void> => {
    const sessionId = req.header('mcp-session-id');
    const transport = sessionId === undefined ? undefined : sessions.get(sessionId);
    if (!transport)
      return jsonRpcError(
        res,
        sessionId === undefined ? 400 : 404,
        sessionId === undefined ? 'Missing session id' : 'Session not found',
      );
    return transport.handleRequest(req, res);
  };
  app.get('/mcp', authorized, onSession);
  app.delete('/mcp', authorized, onSession);

  return {
    url,
    resource: options.auth.audience ?? resource.href,
    port,
    close: async () => {
      const open = [...sessions.values()];
      sessions.clear();
      await Promise.allSettled(open.map((t) => t.close()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      store.close();
    },
    reset: (reset) => store.reset(reset),
  };
}
