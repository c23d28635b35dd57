import { createContext, useContext } from 'react';
import type { ConnectionsPort } from './connection-view.js';
import type { KnownConnections } from './known-connections.js';

export interface Connections {
  readonly port: ConnectionsPort;
  /** Leaves the app for the server's authorization page (a full-page navigation). */
  readonly leaveFor: (authorizationUrl: string) => void;
  /** Where the tab remembers the page to come back to. */
  readonly storage: Storage;
  /** Where this tab last saw each connection stand. */
  readonly known: KnownConnections;
}

/** The signed-in tab's `connections.*` (absent outside sign-in: no Connect buttons then). */
export const ConnectionsContext = createContext<Connections | null>(null);

export function useConnections(): Connections | null {
  return useContext(ConnectionsContext);
}
