import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { protectedProcedure } from '../trpc.js';
import { teamIdSchema } from './coaching-practice.js';

/** A team's id or name (`West`). */
const team = z.string().trim().min(1).max(100);

/** The team's room (id `team-<teamId>`): its people join it, the digest posts there. */
export const teamRoomRouter = {
  join: protectedProcedure
    .input(z.object({ teamId: teamIdSchema }))
    .mutation(({ ctx, input }) => ctx.services.coaching.rooms.join(ctx.user, input.teamId)),
} satisfies TRPCRouterRecord;

/** The weekly team digest: only a configured service identity, only for its configured teams. */
export const digestRouter = {
  summary: protectedProcedure
    .meta({ services: true })
    .input(z.object({ team }))
    .query(({ ctx, input }) => ctx.services.coaching.digest.summary(ctx.user, input.team)),
  post: protectedProcedure
    .meta({ services: true })
    .input(z.object({ team, content: z.string().trim().min(1).max(8_000) }))
    .mutation(async ({ ctx, input }) => {
      const message = await ctx.services.coaching.digest.post(ctx.user, input.team, input.content);
      return { messageId: message.id, groupId: message.conversationId, seq: message.seq };
    }),
} satisfies TRPCRouterRecord;
