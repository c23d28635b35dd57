import { useMemo, type ReactNode } from 'react';
import type { ApiClient } from '../api/api-client.js';
import { connectionsPort } from './connections-port.js';
import { ConnectionsContext, type Connections } from './ConnectionsContext.js';
import { KnownConnections, rememberingPort } from './known-connections.js';

/** The signed-in tab's connections: the page and the Connect buttons in messages use it. */
export function ConnectionsProvider({
  client,
  children,
}: {
  client: ApiClient;
  children: ReactNode;
}) {
  const value = useMemo<Connections>(() => {
    const known = new KnownConnections();
    return {
      port: rememberingPort(connectionsPort(client), known),
      leaveFor: (url) => window.location.assign(url),
      storage: window.sessionStorage,
      known,
    };
  }, [client]);
  return <ConnectionsContext.Provider value={value}>{children}</ConnectionsContext.Provider>;
}
