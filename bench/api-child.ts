// The API in a process of its own: started by the benchmarks over IPC so that its memory
// and CPU are measured alone. Not a product entry point (apps/api/src/main.ts is).
import { loadSettings } from '@salescoach/config';
import { startServer, type RunningServer } from '@salescoach/api-server';
import { serveParent } from './child-ipc.js';

export interface ApiChildReady {
  readonly url: string;
  readonly wsUrl: string;
}

let server: RunningServer | undefined;

serveParent({
  async start(payload) {
    const { env } = payload as { env: Record<string, string> };
    server = await startServer(loadSettings(env));
    return { url: server.url, wsUrl: server.wsUrl } satisfies ApiChildReady;
  },
  sockets: () => server?.sockets().size ?? 0,
  async close() {
    await server?.close();
    setImmediate(() => process.exit(0));
    return true;
  },
});
