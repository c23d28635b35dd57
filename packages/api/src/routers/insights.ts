import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { requireService, roleProcedure } from '../trpc.js';

export const insightsRouter = {
  /** Managers and admins: what people ask most, grouped, counts only (no names). */
  commonQuestions: roleProcedure('Manager', 'Admin')
    .input(
      z
        .object({
          days: z.number().int().min(1).max(365).optional(),
          limit: z.number().int().min(1).max(100).optional(),
        })
        .optional(),
    )
    .query(({ ctx, input }) =>
      requireService(ctx.services.insights, 'Insights').commonQuestions(ctx.user, input ?? {}),
    ),
} satisfies TRPCRouterRecord;
