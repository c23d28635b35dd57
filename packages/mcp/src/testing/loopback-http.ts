import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Listens on 127.0.0.1 (`port` 0: any free port) and resolves with the port. */
export async function listenOnLoopback(http: Server, port = 0): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(port, '127.0.0.1', () => resolve());
  });
  return (http.address() as AddressInfo).port;
}

/** Closes every MCP session a test server holds, then the server and its open sockets. */
export async function closeMcpHttpServer(
  http: Server,
  sessions: Map<string, { mcp: { close(): Promise<void> } }>,
): Promise<void> {
  const open = [...sessions.values()];
  sessions.clear();
  await Promise.allSettled(open.map((s) => s.mcp.close()));
  http.closeAllConnections();
  await new Promise<void>((resolve) => http.close(() => resolve()));
}
