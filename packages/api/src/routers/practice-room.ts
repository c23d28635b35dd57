import { WHISPER_MAX_CHARS } from '@salescoach/domain';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { creatingProcedure, protectedProcedure } from '../trpc.js';
import { clientMessageIdSchema, contentSchema, idSchema, pageSchema } from './inputs.js';
import { eventsProcedure } from './events-procedure.js';

const inRoom = { groupId: idSchema, practiceId: idSchema };
const roomRef = z.object(inRoom);

/**
 * Practice in rooms (DESIGN §11): members watch, whisper and score; only the rep plays.
 * Thin: every call is authorized in the domain (members only; the rep; owner or Manager).
 */
export const practiceRoomRouter = {
  /** A member starts a practice in the room, from the library or one of THEIR deals (a session, counted like one). */
  start: creatingProcedure('session')
    .input(
      z.union([
        z.object({ groupId: idSchema, scenarioId: z.string().min(1).max(100) }),
        z.object({ groupId: idSchema, opportunityId: z.string().min(1).max(100) }),
      ]),
    )
    .mutation(({ ctx, input }) =>
      ctx.services.practiceRooms.start(ctx.user, ctx.identity.token, input),
    ),
  list: protectedProcedure
    .input(z.object({ groupId: idSchema }))
    .query(({ ctx, input }) => ctx.services.practiceRooms.list(ctx.user, input.groupId)),
  get: protectedProcedure
    .input(roomRef)
    .query(({ ctx, input }) => ctx.services.practiceRooms.get(ctx.user, input)),
  messages: protectedProcedure
    .input(z.object({ ...inRoom, ...pageSchema }))
    .query(({ ctx, input }) => ctx.services.practiceRooms.listMessages(ctx.user, input)),
  events: eventsProcedure(inRoom, (ctx, input, last, stop) =>
    ctx.services.practiceRooms.follow(ctx.user, input, last, stop),
  ),
  /** The rep's line (only the rep). */
  send: protectedProcedure
    .input(z.object({ ...inRoom, content: contentSchema, clientMessageId: clientMessageIdSchema }))
    .mutation(async ({ ctx, input }) => {
      const { message, created } = await ctx.services.practiceRooms.send(
        ctx.user,
        ctx.identity.token,
        input,
      );
      return { messageId: message.id, seq: message.seq, created, message };
    }),
  hint: protectedProcedure
    .input(roomRef)
    .mutation(({ ctx, input }) => ctx.services.practiceRooms.hint(ctx.user, input)),
  end: protectedProcedure
    .input(roomRef)
    .mutation(({ ctx, input }) => ctx.services.practiceRooms.end(ctx.user, input)),
  /** A member's private line to the rep; seen only by the two of them. */
  whisper: protectedProcedure
    .input(z.object({ ...inRoom, text: z.string().min(1).max(WHISPER_MAX_CHARS) }))
    .mutation(({ ctx, input }) => ctx.services.practiceRooms.whisper(ctx.user, input)),
  whispers: protectedProcedure
    .input(roomRef)
    .query(({ ctx, input }) => ctx.services.practiceRooms.whispers(ctx.user, input)),
  /** The caller's own whispers of this practice, live (sent or received). */
  whisperEvents: eventsProcedure(inRoom, (ctx, input, last, stop) =>
    ctx.services.practiceRooms.followWhispers(ctx.user, input, last, stop),
  ),
  /** The room owner or a Manager scores an ended practice beside the coach's scorecard. */
  review: protectedProcedure
    .input(
      z.object({
        ...inRoom,
        score: z.number().int().min(0).max(100),
        comment: z.string().max(2_000),
      }),
    )
    .mutation(({ ctx, input }) => ctx.services.practiceRooms.review(ctx.user, input)),
} satisfies TRPCRouterRecord;
