import { createHttpsServer } from '@vercel/cosmosdb-server';
import type { AddressInfo } from 'node:net';

export interface CosmosTestServer {
  /** https://127.0.0.1:<port> (self-signed certificate: open with allowSelfSigned). */
  readonly endpoint: string;
  close(): Promise<void>;
}

/**
 * Starts `@vercel/cosmosdb-server` in this process over HTTPS on 127.0.0.1 and a free port,
 * with the self-signed certificate the package ships. The data lives until close().
 */
export async function startCosmosTestServer(): Promise<CosmosTestServer> {
  const server = createHttpsServer({ keepAlive: true });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `https://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
