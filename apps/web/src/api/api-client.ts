import type { AppRouter } from '@salescoach/api';
import {
  createTRPCClient,
  createWSClient,
  httpBatchLink,
  splitLink,
  wsLink,
  type TRPCClient,
} from '@trpc/client';

export type ApiClient = TRPCClient<AppRouter>;
export type WsClient = ReturnType<typeof createWSClient>;

/** Where the API lives: always same-origin `/trpc` (nginx or Vite forwards it). */
export function apiUrls(location: Pick<Location, 'protocol' | 'host' | 'origin'>): {
  http: string;
  ws: string;
} {
  const wsProtocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return { http: `${location.origin}/trpc`, ws: `${wsProtocol}//${location.host}/trpc` };
}

/** Before sign-in: HTTP only (auth.info, auth.devLogin); no socket is opened. */
export function createPublicClient(httpUrl: string): ApiClient {
  return createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: httpUrl })] });
}

export interface SignedInClientOptions {
  readonly urls: { http: string; ws: string };
  /** Read on every request and on every (re)connect of the socket, so a renewed token is used. */
  readonly getToken: () => Promise<string | null>;
}

/**
 * After sign-in: subscriptions over one WebSocket (keep-alive on, never lazily closed, so
 * it reconnects by itself and resumes each subscription from its last tracked event id);
 * queries and mutations batched over HTTP with a bearer token.
 */
export function createSignedInClient(options: SignedInClientOptions): {
  client: ApiClient;
  ws: WsClient;
} {
  const ws = createWSClient({
    url: options.urls.ws,
    connectionParams: async () => {
      const token = await options.getToken();
      return token ? { token } : {};
    },
    keepAlive: { enabled: true, intervalMs: 15_000, pongTimeoutMs: 5_000 },
    lazy: { enabled: false, closeMs: 0 },
    retryDelayMs: (attempt) => Math.min(500 * 2 ** attempt, 10_000),
  });
  const client = createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: wsLink<AppRouter>({ client: ws }),
        false: httpBatchLink({
          url: options.urls.http,
          headers: async () => {
            const token = await options.getToken();
            return token ? { Authorization: `Bearer ${token}` } : {};
          },
        }),
      }),
    ],
  });
  return { client, ws };
}

/** Drops the current socket so the client reconnects with a fresh token and resumes. */
export function reconnectWithFreshToken(ws: WsClient): void {
  const connection = ws.connection;
  if (connection?.state === 'open') connection.ws.close();
}
