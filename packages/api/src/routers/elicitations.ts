import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { protectedProcedure } from '../trpc.js';

export const elicitationsRouter = {
  /**
   * The asker's answer to a tool's request for input (`tool.elicitation`): only they may
   * answer; accepted content must fit the requested form. Works from any API instance.
   */
  respond: protectedProcedure
    .input(
      z.object({
        id: z.string().min(1).max(100),
        action: z.enum(['accept', 'decline', 'cancel']),
        content: z
          .record(z.string().max(64), z.union([z.string().max(10_000), z.number(), z.boolean()]))
          .optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      await ctx.services.elicitations.respond(ctx.user, input);
      return { ok: true as const };
    }),
} satisfies TRPCRouterRecord;
