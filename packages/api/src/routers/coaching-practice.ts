import { assigneesSchema } from '@salescoach/domain';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { protectedProcedure, roleProcedure } from '../trpc.js';
import { idSchema } from './inputs.js';

export const teamIdSchema = z.string().min(1).max(64);
const question = z.string().trim().min(1).max(300);

/** "Make a scenario": drafted from a cluster's question, edited, saved for the team. */
export const scenariosRouter = {
  draft: roleProcedure('Manager', 'Admin')
    .input(
      z.object({
        teamId: teamIdSchema,
        question,
        examples: z.array(question).max(5).optional(),
      }),
    )
    .query(({ ctx, input }) => ctx.services.coaching.scenarios.draft(ctx.user, input)),
  /** Validated in the domain like the library's files. */
  create: roleProcedure('Manager', 'Admin')
    .input(
      z.object({
        teamId: teamIdSchema,
        clusterId: idSchema.optional(),
        scenario: z.record(z.string(), z.unknown()),
      }),
    )
    .mutation(({ ctx, input }) => ctx.services.coaching.scenarios.create(ctx.user, input)),
  list: protectedProcedure
    .input(z.object({ teamId: teamIdSchema }))
    .query(({ ctx, input }) => ctx.services.coaching.scenarios.listForTeam(ctx.user, input.teamId)),
} satisfies TRPCRouterRecord;

/** "Assign practice" and what reps and managers see of it. */
export const assignmentsRouter = {
  create: roleProcedure('Manager', 'Admin')
    .input(
      z.object({
        teamId: teamIdSchema,
        scenarioId: z.string().min(1).max(100),
        assignees: assigneesSchema,
        dueAt: z.iso.datetime({ offset: true }),
        clusterId: idSchema.optional(),
      }),
    )
    .mutation(({ ctx, input }) => ctx.services.coaching.assignments.assign(ctx.user, input)),
  /** The caller's assignments on their teams, with due dates and status. */
  mine: protectedProcedure.query(({ ctx }) => ctx.services.coaching.assignments.mine(ctx.user)),
  forTeam: roleProcedure('Manager', 'Admin')
    .input(z.object({ teamId: teamIdSchema }))
    .query(({ ctx, input }) => ctx.services.coaching.assignments.forTeam(ctx.user, input.teamId)),
} satisfies TRPCRouterRecord;

export const progressRouter = {
  /** Per rep: assigned / done / overdue, latest score and trend, pass rate per check. */
  team: roleProcedure('Manager', 'Admin')
    .input(z.object({ teamId: teamIdSchema }))
    .query(({ ctx, input }) => ctx.services.coaching.progress.forTeam(ctx.user, input.teamId)),
} satisfies TRPCRouterRecord;

/** "Draft with the coach": the coach answers the question for the manager, to edit and pin. */
export const draftPin = roleProcedure('Manager', 'Admin')
  .input(z.object({ teamId: teamIdSchema, question }))
  .mutation(({ ctx, input }) =>
    ctx.services.coaching.drafter.draft(ctx.user, ctx.identity.token, input),
  );
