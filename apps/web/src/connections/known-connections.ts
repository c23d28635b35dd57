import { VersionedStore } from '../app/versioned-store.js';
import type { ConnectionStatus, ConnectionsPort } from './connection-view.js';

/**
 * Where this tab last saw each of the user's connections stand (from `connections.list`
 * and disconnects), so a "Connect <server>" button in an older message goes away once
 * the server is connected.
 */
export class KnownConnections extends VersionedStore {
  private statuses = new Map<string, ConnectionStatus>();

  status(server: string): ConnectionStatus | undefined {
    return this.statuses.get(server);
  }

  put(entries: readonly (readonly [string, ConnectionStatus])[]): void {
    const fresh = entries.filter(([server, status]) => this.statuses.get(server) !== status);
    if (fresh.length === 0) return;
    for (const [server, status] of fresh) this.statuses.set(server, status);
    this.changed();
  }
}

/** The same port, keeping what its answers say in `known`. */
export function rememberingPort(port: ConnectionsPort, known: KnownConnections): ConnectionsPort {
  return {
    async list() {
      const list = await port.list();
      known.put(list.map((c) => [c.server, c.status] as const));
      return list;
    },
    connect: (server) => port.connect(server),
    async disconnect(server) {
      const result = await port.disconnect(server);
      known.put([[server, 'not_connected']]);
      return result;
    },
  };
}
