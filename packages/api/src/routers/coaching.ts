import { PINNED_ANSWER_MAX, PINNED_QUESTION_MAX } from '@salescoach/domain';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { protectedProcedure, roleProcedure } from '../trpc.js';
import {
  assignmentsRouter,
  draftPin,
  progressRouter,
  scenariosRouter,
  teamIdSchema,
} from './coaching-practice.js';
import { digestRouter, teamRoomRouter } from './coaching-rooms.js';
import { idSchema } from './inputs.js';

const pins = {
  draft: draftPin,
  /** A team's managers (and Admin) pin an answer for the team, often from an insights cluster. */
  create: roleProcedure('Manager', 'Admin')
    .input(
      z.object({
        teamId: teamIdSchema,
        question: z.string().min(1).max(PINNED_QUESTION_MAX),
        answer: z.string().min(1).max(PINNED_ANSWER_MAX),
        clusterId: idSchema.optional(),
      }),
    )
    .mutation(({ ctx, input }) => ctx.services.pins.pin(ctx.user, input)),
  remove: roleProcedure('Manager', 'Admin')
    .input(z.object({ teamId: teamIdSchema, pinId: idSchema }))
    .mutation(async ({ ctx, input }) => {
      await ctx.services.pins.unpin(ctx.user, input);
      return { removed: true };
    }),
  /** A team's entries: its members, its managers and Admin. */
  list: protectedProcedure
    .input(z.object({ teamId: teamIdSchema }))
    .query(({ ctx, input }) => ctx.services.pins.list(ctx.user, input.teamId)),
  /** What is pinned for this member in a room: their teams of the room's role. */
  forRoom: protectedProcedure
    .input(z.object({ groupId: idSchema }))
    .query(async ({ ctx, input }) => {
      const groups = ctx.services.groups;
      const group = await groups.get(ctx.user, input.groupId);
      return ctx.services.pins.forConversation(ctx.user, group.role);
    }),
} satisfies TRPCRouterRecord;

export const coachingRouter = {
  pins,
  scenarios: scenariosRouter,
  assignments: assignmentsRouter,
  progress: progressRouter,
  teamRoom: teamRoomRouter,
  digest: digestRouter,
} satisfies TRPCRouterRecord;
