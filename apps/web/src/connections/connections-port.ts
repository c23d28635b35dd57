import type { ApiClient } from '../api/api-client.js';
import type { ConnectionsPort } from './connection-view.js';

/** The Connections screens' port over the typed client (`connections.*`). */
export function connectionsPort(api: ApiClient): ConnectionsPort {
  return {
    list: () => api.connections.list.query(),
    connect: (server) => api.connections.connect.mutate({ server }),
    disconnect: (server) => api.connections.disconnect.mutate({ server }),
  };
}
