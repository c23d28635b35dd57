import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { roleProcedure } from '../trpc.js';

export const insightsRouter = {
  /**
   * Managers: what their teams ask most (Admin: every team), grouped, with the previous
   * period and rising topics; counts only, phrasings only where enough people asked.
   */
  commonQuestions: roleProcedure('Manager', 'Admin')
    .input(
      z
        .object({
          days: z.number().int().min(1).max(365).optional(),
          limit: z.number().int().min(1).max(100).optional(),
          teamId: z.string().min(1).max(64).optional(),
        })
        .optional(),
    )
    .query(({ ctx, input }) => ctx.services.insights.commonQuestions(ctx.user, input ?? {})),
} satisfies TRPCRouterRecord;
