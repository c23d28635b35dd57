import { aiModeSchema, roleSchema } from '@salescoach/domain';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { creatingProcedure, protectedProcedure } from '../trpc.js';
import { clientMessageIdSchema, contentSchema, idSchema, pageSchema } from './inputs.js';
import { sentReply } from './sent-reply.js';
import { eventsProcedure } from './events-procedure.js';

const groupId = z.object({ groupId: idSchema });
const userRef = z.string().min(1).max(200);

const members = {
  add: protectedProcedure
    // By directory id only: the name and e-mail come from the directory, never the caller.
    .input(z.object({ groupId: idSchema, userId: userRef }))
    .mutation(({ ctx, input }) =>
      ctx.services.groups.addMember(ctx.user, input.groupId, input.userId),
    ),
  remove: protectedProcedure
    .input(z.object({ groupId: idSchema, userId: userRef }))
    .mutation(({ ctx, input }) =>
      ctx.services.groups.removeMember(ctx.user, input.groupId, input.userId),
    ),
} satisfies TRPCRouterRecord;

const messages = {
  list: protectedProcedure
    .input(z.object({ groupId: idSchema, ...pageSchema }))
    .query(({ ctx, input }) => ctx.services.groups.listMessages(ctx.user, input)),
  /** Its author changes a message; it shows "edited" and the coach reads the new text. */
  edit: protectedProcedure
    .input(z.object({ groupId: idSchema, messageId: idSchema, content: contentSchema }))
    .mutation(async ({ ctx, input }) => ({
      message: await ctx.services.groups.editMessage(ctx.user, input),
    })),
  /** Its author deletes a message: gone for everyone and from the coach's context. */
  delete: protectedProcedure
    .input(z.object({ groupId: idSchema, messageId: idSchema }))
    .mutation(async ({ ctx, input }) => {
      await ctx.services.groups.deleteMessage(ctx.user, input);
      return { deleted: true };
    }),
} satisfies TRPCRouterRecord;

export const groupsRouter = {
  list: protectedProcedure.query(({ ctx }) => ctx.services.groups.list(ctx.user)),
  /** People who can be added to a room (the directory of known users). */
  directory: protectedProcedure.query(({ ctx }) => ctx.services.groups.directory(ctx.user)),
  create: creatingProcedure('room')
    .input(
      z.object({
        name: z.string().trim().min(1).max(100),
        description: z.string().max(1_000).optional(),
        role: roleSchema,
        aiMode: aiModeSchema.default('mention'),
      }),
    )
    .mutation(({ ctx, input }) => ctx.services.groups.create(ctx.user, input)),
  get: protectedProcedure
    .input(groupId)
    .query(({ ctx, input }) => ctx.services.groups.get(ctx.user, input.groupId)),
  update: protectedProcedure
    .input(
      z.object({
        groupId: idSchema,
        name: z.string().trim().min(1).max(100).optional(),
        description: z.string().max(1_000).optional(),
        aiMode: aiModeSchema.optional(),
      }),
    )
    .mutation(({ ctx, input }) => {
      const { groupId: id, ...changes } = input;
      return ctx.services.groups.update(ctx.user, id, changes);
    }),
  delete: protectedProcedure.input(groupId).mutation(async ({ ctx, input }) => {
    await ctx.services.groups.delete(ctx.user, input.groupId);
    return { deleted: true };
  }),
  leave: protectedProcedure.input(groupId).mutation(async ({ ctx, input }) => {
    await ctx.services.groups.leave(ctx.user, input.groupId);
    return { left: true };
  }),
  members,
  messages,
  send: protectedProcedure
    .input(
      z.object({
        groupId: idSchema,
        content: contentSchema,
        clientMessageId: clientMessageIdSchema,
      }),
    )
    .mutation(async ({ ctx, input }) =>
      sentReply(await ctx.services.groups.send(ctx.user, ctx.identity.token, input)),
    ),
  stop: protectedProcedure.input(groupId).mutation(async ({ ctx, input }) => ({
    stopped: await ctx.services.groups.stop(ctx.user, input.groupId),
  })),
  typing: protectedProcedure.input(groupId).mutation(async ({ ctx, input }) => {
    await ctx.services.groups.typing(ctx.user, input.groupId);
    return { ok: true };
  }),
  events: eventsProcedure({ groupId: idSchema }, (ctx, input, last, stop) =>
    ctx.services.groups.follow(ctx.user, input.groupId, last, stop),
  ),
} satisfies TRPCRouterRecord;
