import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { creatingProcedure, protectedProcedure } from '../trpc.js';
import { clientMessageIdSchema, contentSchema, idSchema, pageSchema } from './inputs.js';
import { sentReply } from './sent-reply.js';
import { eventsProcedure } from './events-procedure.js';

const sessions = {
  list: protectedProcedure
    .input(z.object({ limit: z.number().int().min(1).max(200).optional() }).optional())
    .query(({ ctx, input }) => ctx.services.chat.listSessions(ctx.user, input?.limit)),
  create: creatingProcedure('session')
    .input(
      z
        .object({ title: z.string().max(120).optional(), role: z.string().max(64).optional() })
        .optional(),
    )
    .mutation(({ ctx, input }) => ctx.services.chat.createSession(ctx.user, input ?? {})),
  get: protectedProcedure
    .input(z.object({ sessionId: idSchema }))
    .query(({ ctx, input }) => ctx.services.chat.getSession(ctx.user, input.sessionId)),
  rename: protectedProcedure
    .input(z.object({ sessionId: idSchema, title: z.string().min(1).max(120) }))
    .mutation(({ ctx, input }) =>
      ctx.services.chat.renameSession(ctx.user, input.sessionId, input.title),
    ),
  /** The owner marks a session private: none of its questions reach insights. */
  setPrivate: protectedProcedure
    .input(z.object({ sessionId: idSchema, private: z.boolean() }))
    .mutation(({ ctx, input }) =>
      ctx.services.chat.setSessionPrivate(ctx.user, input.sessionId, input.private),
    ),
  /** The owner pins a session: it is listed first, however old. */
  setPinned: protectedProcedure
    .input(z.object({ sessionId: idSchema, pinned: z.boolean() }))
    .mutation(({ ctx, input }) =>
      ctx.services.chat.setSessionPinned(ctx.user, input.sessionId, input.pinned),
    ),
  delete: protectedProcedure
    .input(z.object({ sessionId: idSchema }))
    .mutation(async ({ ctx, input }) => {
      await ctx.services.chat.deleteSession(ctx.user, input.sessionId);
      return { deleted: true };
    }),
} satisfies TRPCRouterRecord;

const messages = {
  list: protectedProcedure
    .input(z.object({ sessionId: idSchema, ...pageSchema }))
    .query(({ ctx, input }) => ctx.services.chat.listMessages(ctx.user, input)),
} satisfies TRPCRouterRecord;

export const chatRouter = {
  sessions,
  messages,
  /** Persists the user's message before returning, then the coach answers in the background. */
  send: protectedProcedure
    .input(
      z.object({
        sessionId: idSchema,
        content: contentSchema,
        clientMessageId: clientMessageIdSchema,
        /** The message it follows when the user is on an earlier version (default: the newest). */
        parentId: idSchema.optional(),
      }),
    )
    .mutation(async ({ ctx, input }) =>
      sentReply(await ctx.services.chat.send(ctx.user, ctx.identity.token, input)),
    ),
  /** The edited text becomes the message's next version; the coach answers it on that branch. */
  edit: protectedProcedure
    .input(
      z.object({
        sessionId: idSchema,
        messageId: idSchema,
        content: contentSchema,
        clientMessageId: clientMessageIdSchema,
      }),
    )
    .mutation(async ({ ctx, input }) =>
      sentReply(await ctx.services.chat.edit(ctx.user, ctx.identity.token, input)),
    ),
  /** Answers an answer's question again; the new answer is that answer's next version. */
  regenerate: protectedProcedure
    .input(z.object({ sessionId: idSchema, messageId: idSchema }))
    .mutation(({ ctx, input }) =>
      ctx.services.chat.regenerate(ctx.user, ctx.identity.token, input),
    ),
  stop: protectedProcedure
    .input(z.object({ sessionId: idSchema }))
    .mutation(async ({ ctx, input }) => ({
      stopped: await ctx.services.chat.stop(ctx.user, input.sessionId),
    })),
  /** Live events: listen first, replay after lastEventId, then live; every stored event tracked. */
  events: eventsProcedure({ sessionId: idSchema }, (ctx, input, last, stop) =>
    ctx.services.chat.follow(ctx.user, input.sessionId, last, stop),
  ),
} satisfies TRPCRouterRecord;
