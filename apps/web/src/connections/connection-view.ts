import type { RouterOutputs } from '@salescoach/api';

/**
 * What the Connections screens need of a per-user OAuth connection to an MCP server (the
 * shape `connections.list` returns), what they ask of the API, and the sentences they show.
 */

/** One `oauth` server the signed-in user's role may use, and where their consent stands. */
export type ConnectionView = RouterOutputs['connections']['list'][number];
export type ConnectionStatus = ConnectionView['status'];

/** What the Connections screens ask of the API (`connections.*`). */
export interface ConnectionsPort {
  list(): Promise<readonly ConnectionView[]>;
  connect(server: string): Promise<{ authorizationUrl: string }>;
  disconnect(server: string): Promise<{ disconnected: boolean; revoked: boolean }>;
}

const day = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** "Connected since 2 Dec 2026", "Not connected", "Needs reconnecting". */
export function statusText(connection: Pick<ConnectionView, 'status' | 'connectedAt'>): string {
  switch (connection.status) {
    case 'connected': {
      const since = connection.connectedAt ? new Date(connection.connectedAt) : null;
      return since && !Number.isNaN(since.getTime())
        ? `Connected since ${day.format(since)}`
        : 'Connected';
    }
    case 'needs_reconnect':
      return 'Needs reconnecting: your consent expired or was withdrawn';
    case 'not_connected':
      return 'Not connected';
  }
}

/** What the status region says once a disconnect went through. */
export function disconnectedText(server: string, revoked: boolean): string {
  return revoked
    ? `${server} disconnected`
    : `${server} disconnected. Its tokens are deleted here; the server offers no way to revoke them, so they stop working when they expire.`;
}

/** The authorization page must be a web address (never `javascript:` or the like). */
export function isWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}
