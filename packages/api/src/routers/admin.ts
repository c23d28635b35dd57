import type { TRPCRouterRecord } from '@trpc/server';
import { roleProcedure } from '../trpc.js';

export const adminRouter = {
  tools: {
    /** MCP servers' health: connected, tool count, last error, latency. */
    status: roleProcedure('Manager', 'Admin').query(({ ctx }) => ctx.services.tools.status()),
  },
} satisfies TRPCRouterRecord;
