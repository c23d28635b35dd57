import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { protectedProcedure } from '../trpc.js';

const server = z.object({ server: z.string().regex(/^[a-zA-Z0-9_-]{1,32}$/) }).strict();

/**
 * The caller's connections to MCP servers whose `auth` is `oauth` (per-user OAuth 2.1).
 * The redirect back from the authorization server is `GET /oauth/callback` (not tRPC).
 */
export const connectionsRouter = {
  /** The `oauth` servers the caller's roles may use, each with the caller's status. */
  list: protectedProcedure.query(({ ctx }) => ctx.services.connections.list(ctx.user)),
  /** Starts a connection: the browser navigates to `authorizationUrl` (state single-use, 10 min). */
  connect: protectedProcedure
    .input(server)
    .mutation(({ ctx, input }) => ctx.services.connections.connect(ctx.user, input.server)),
  /** Revokes the caller's tokens at the server's authorization server and deletes them. */
  disconnect: protectedProcedure
    .input(server)
    .mutation(({ ctx, input }) => ctx.services.connections.disconnect(ctx.user, input.server)),
} satisfies TRPCRouterRecord;
