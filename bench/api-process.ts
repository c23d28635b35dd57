import { join } from 'node:path';
import { createSalesCoachClient, type SalesCoachClient } from '@salescoach/client';
import type { ApiChildReady } from './api-child.js';
import { createApiDataDir } from './api-env.js';
import { createBenchTokenSigner, type BenchUser } from './bench-tokens.js';
import { forkBenchChild, type BenchChild } from './child-ipc.js';

export interface ApiProcess {
  readonly child: BenchChild;
  readonly wsUrl: string;
  readonly url: string;
  readonly dataDir: string;
  /** A signed-in benchmark user `dev:<key>` (roles default to Sales). */
  user(key: string, roles?: readonly string[]): Promise<BenchUser>;
  /** A typed client over its own WebSocket (closed with the process). */
  client(user: BenchUser): SalesCoachClient;
  /** Closes the given clients now (and forgets them). */
  closeClients(clients: readonly SalesCoachClient[]): Promise<void>;
  close(): Promise<void>;
}

/** The real API (apps/api startServer) in a child process, with a temporary DATA_DIR. */
export async function startApiProcess(overrides: Record<string, string> = {}): Promise<ApiProcess> {
  const data = await createApiDataDir();
  let started: { child: BenchChild; ready: ApiChildReady };
  try {
    started = await forkBenchChild<ApiChildReady>(join(import.meta.dirname, 'api-child.ts'), {
      env: data.env(overrides),
    });
  } catch (error) {
    await data.remove();
    throw error;
  }
  const { child, ready } = started;
  const sign = await createBenchTokenSigner(data.dir);
  const clients = new Set<SalesCoachClient>();
  const closeClients = async (list: readonly SalesCoachClient[]) => {
    for (const c of list) clients.delete(c);
    await Promise.allSettled(list.map((c) => c.close()));
  };
  return {
    child,
    wsUrl: ready.wsUrl,
    url: ready.url,
    dataDir: data.dir,
    // A user becomes known to the room directory by signing in once, as real users do.
    user: async (key, roles) => {
      const user = await sign(key, roles);
      await fetch(`${ready.url}/trpc/me.get`, {
        headers: { authorization: `Bearer ${user.token}` },
      });
      return user;
    },
    client(user) {
      const client = createSalesCoachClient({ url: ready.wsUrl, token: user.token });
      clients.add(client);
      return client;
    },
    closeClients,
    async close() {
      await closeClients([...clients]);
      await child.close();
      await data.remove();
    },
  };
}
