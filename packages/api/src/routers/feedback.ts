import { FEEDBACK_REASON_MAX } from '@salescoach/domain';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { protectedProcedure, roleProcedure } from '../trpc.js';
import { idSchema } from './inputs.js';

const conversationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('session'), sessionId: idSchema }),
  z.object({ kind: z.literal('group'), groupId: idSchema }),
]);

/** "Good answer" / "Bad answer" on coach answers, and the counts managers see per topic. */
export const feedbackRouter = {
  /** Rates a coach answer in a conversation the user may read; `rating: null` takes it back. */
  set: protectedProcedure
    .input(
      z.object({
        conversation: conversationSchema,
        messageId: idSchema,
        rating: z.enum(['good', 'bad']).nullable(),
        reason: z.string().max(FEEDBACK_REASON_MAX).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => ({
      feedback: await ctx.services.feedback.rate(ctx.user, input),
    })),
  /** The user's own feedback in one conversation. */
  mine: protectedProcedure
    .input(z.object({ conversation: conversationSchema }))
    .query(({ ctx, input }) => ctx.services.feedback.mine(ctx.user, input.conversation)),
  /** Managers (their teams; Admin: all): good and bad counts per topic, never who or why. */
  byTopic: roleProcedure('Manager', 'Admin')
    .input(
      z
        .object({
          days: z.number().int().min(1).max(365).optional(),
          teamId: z.string().min(1).max(64).optional(),
        })
        .optional(),
    )
    .query(({ ctx, input }) => ctx.services.feedback.byTopic(ctx.user, input ?? {})),
} satisfies TRPCRouterRecord;
