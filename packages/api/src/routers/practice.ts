import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { creatingProcedure, protectedProcedure } from '../trpc.js';
import { clientMessageIdSchema, contentSchema, idSchema, pageSchema } from './inputs.js';
import { practiceRoomRouter } from './practice-room.js';
import { eventsProcedure } from './events-procedure.js';

const practiceId = z.object({ practiceId: idSchema });

/** Practice calls against a buyer (DESIGN §11): thin, every call authorized in the domain. */
export const practiceRouter = {
  /** Library scenarios, then ones built from the caller's own open deals. */
  scenarios: protectedProcedure.query(({ ctx }) =>
    ctx.services.practice.scenarios(ctx.user, ctx.identity.token),
  ),
  /**
   * Starts from a library scenario or one of the caller's deals (FORBIDDEN for anyone
   * else's). A practice is a session: it counts against SESSIONS_CREATED_PER_MINUTE.
   */
  start: creatingProcedure('session')
    .input(
      z.union([
        z.object({ scenarioId: z.string().min(1).max(100) }),
        z.object({ opportunityId: z.string().min(1).max(100) }),
      ]),
    )
    .mutation(({ ctx, input }) => ctx.services.practice.start(ctx.user, ctx.identity.token, input)),
  get: protectedProcedure
    .input(practiceId)
    .query(({ ctx, input }) => ctx.services.practice.view(ctx.user, input.practiceId)),
  /** The caller's practices, newest first, with their scorecards (history and trend). */
  list: protectedProcedure
    .input(z.object({ limit: z.number().int().min(1).max(200).optional() }).optional())
    .query(({ ctx, input }) => ctx.services.practice.list(ctx.user, input?.limit)),
  messages: protectedProcedure
    .input(z.object({ practiceId: idSchema, ...pageSchema }))
    .query(({ ctx, input }) => ctx.services.practice.listMessages(ctx.user, input)),
  /** Stores the rep's line before returning; the buyer answers in the background. */
  send: protectedProcedure
    .input(
      z.object({
        practiceId: idSchema,
        content: contentSchema,
        clientMessageId: clientMessageIdSchema,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { message, created } = await ctx.services.practice.send(
        ctx.user,
        ctx.identity.token,
        input,
      );
      return { messageId: message.id, seq: message.seq, created, message };
    }),
  /** A private, out-of-character tip for the rep. */
  hint: protectedProcedure
    .input(practiceId)
    .mutation(({ ctx, input }) => ctx.services.practice.hint(ctx.user, input.practiceId)),
  /** Ends and scores; when scoring failed (`scoreError`), calling again retries it. */
  end: protectedProcedure
    .input(practiceId)
    .mutation(({ ctx, input }) => ctx.services.practice.end(ctx.user, input.practiceId)),
  events: eventsProcedure({ practiceId: idSchema }, (ctx, input, last, stop) =>
    ctx.services.practice.follow(ctx.user, input.practiceId, last, stop),
  ),
  /** The same, played in a room: members watch, whisper and score. */
  room: practiceRoomRouter,
} satisfies TRPCRouterRecord;
