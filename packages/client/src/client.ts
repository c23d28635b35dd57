import type { AppRouter } from '@salescoach/api';
import { createTRPCClient, createWSClient, httpLink, wsLink, type TRPCClient } from '@trpc/client';
import WebSocket from 'ws';
import { renewing } from './renewing-token.js';

export type ClientOptions =
  | { readonly url: string; readonly token: string | (() => Promise<string>) }
  | { readonly url: string; readonly devUser: string };

export interface SalesCoachClient {
  /** The typed tRPC client: queries, mutations and subscriptions over one WebSocket. */
  readonly api: TRPCClient<AppRouter>;
  close(): Promise<void>;
}

/** ws://host:port/trpc → http://host:port/trpc (for the dev sign-in call). */
export function httpUrlFor(wsUrl: string): string {
  const url = new URL(wsUrl);
  url.protocol = url.protocol === 'wss:' ? 'https:' : 'http:';
  return url.toString();
}

/** Dev mode: a token for a demo user, renewed a minute before it expires. */
export function devTokenSource(url: string, devUser: string): () => Promise<string> {
  const http = createTRPCClient<AppRouter>({ links: [httpLink({ url: httpUrlFor(url) })] });
  return renewing(() => http.auth.devLogin.mutate({ user: devUser }));
}

/**
 * The typed client for internal services (a CLI, a report job, a bot). The token is read
 * again on every (re)connect, so a renewed token is used after a drop.
 */
export function createSalesCoachClient(options: ClientOptions): SalesCoachClient {
  const tokenSource =
    'devUser' in options
      ? devTokenSource(options.url, options.devUser)
      : typeof options.token === 'function'
        ? options.token
        : (() => {
            const token = options.token;
            return async () => token;
          })();
  const ws = createWSClient({
    url: options.url,
    WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
    connectionParams: async () => ({ token: await tokenSource() }),
    keepAlive: { enabled: true, intervalMs: 20_000, pongTimeoutMs: 10_000 },
    retryDelayMs: (attempt) => Math.min(250 * 2 ** attempt, 5_000),
  });
  const api = createTRPCClient<AppRouter>({ links: [wsLink({ client: ws })] });
  return {
    api,
    async close() {
      await ws.close();
    },
  };
}
