import type { ConnectionView, ConnectionsPort } from './connection-view.js';
import type { Connections } from './ConnectionsContext.js';
import { KnownConnections, rememberingPort } from './known-connections.js';

export const notConnected: ConnectionView = {
  server: 'notes',
  description: 'Meeting notes from your own notes account',
  status: 'not_connected',
};
export const connected: ConnectionView = {
  server: 'calendar',
  description: 'Your calendar: meetings with customers',
  status: 'connected',
  connectedAt: '2026-12-01T09:30:00.000Z',
  scope: 'calendar.read',
};

/** The API at its edge: a list, and the connects and disconnects it was asked for. */
export function fakeConnections(
  list: () => Promise<readonly ConnectionView[]>,
  options: { authorizationUrl?: string; revoked?: boolean; failDisconnect?: Error } = {},
) {
  const calls: string[] = [];
  const left: string[] = [];
  const port: ConnectionsPort = {
    list,
    connect(server) {
      calls.push(`connect:${server}`);
      return Promise.resolve({
        authorizationUrl:
          options.authorizationUrl ?? `https://login.example.com/authorize?server=${server}`,
      });
    },
    disconnect(server) {
      calls.push(`disconnect:${server}`);
      return options.failDisconnect
        ? Promise.reject(options.failDisconnect)
        : Promise.resolve({ disconnected: true, revoked: options.revoked ?? true });
    },
  };
  const known = new KnownConnections();
  const connections: Connections = {
    port: rememberingPort(port, known),
    leaveFor: (url) => left.push(url),
    storage: window.sessionStorage,
    known,
  };
  return { connections, calls, left };
}
