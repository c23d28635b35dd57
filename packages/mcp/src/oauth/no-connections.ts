import { DomainError, DomainErrorCode, type McpConnections } from '@salescoach/domain';

/** The connections of a hub with no `oauth` server: none to list, none to make. */
export const noConnections: McpConnections = {
  list: async () => [],
  connect: async (_user, server) => {
    throw new DomainError(DomainErrorCode.NotFound, `No server ${server} to connect`);
  },
  disconnect: async () => ({ disconnected: false, revoked: false }),
  complete: async () => ({ ok: false, error: 'No MCP server here uses OAuth' }),
};
