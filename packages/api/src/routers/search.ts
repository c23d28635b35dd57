import { SEARCH_PAGE_MAX, SEARCH_QUERY_MAX } from '@salescoach/domain';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { protectedProcedure } from '../trpc.js';

export const searchRouter = {
  /**
   * Full-text search over the caller's own chat sessions and the rooms they belong to now;
   * results carry a snippet split into plain and matching parts.
   */
  messages: protectedProcedure
    .input(
      z.object({
        query: z.string().min(1).max(SEARCH_QUERY_MAX),
        cursor: z.string().max(10).optional(),
        limit: z.number().int().min(1).max(SEARCH_PAGE_MAX).optional(),
      }),
    )
    .query(({ ctx, input }) => ctx.services.search.search(ctx.user, input)),
} satisfies TRPCRouterRecord;
