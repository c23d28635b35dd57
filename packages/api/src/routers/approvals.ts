import { APPROVAL_REASON_MAX, approvalStatusSchema } from '@salescoach/domain';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { protectedProcedure } from '../trpc.js';
import { idSchema, lastEventIdSchema } from './inputs.js';
import { followSubscription } from './subscription-item.js';

/**
 * Requests for approval of tool calls (writes). Who may see and decide each one is checked
 * by the domain for every call (docs/approvals.md).
 */
export const approvalsRouter = {
  /** What this user may decide, plus their own requests; newest first. */
  list: protectedProcedure
    .input(z.object({ status: approvalStatusSchema.optional() }).optional())
    .query(({ ctx, input }) => ctx.services.approvals.list(ctx.user, input ?? {})),
  /** One request this user may see (NOT_FOUND otherwise). */
  get: protectedProcedure
    .input(z.object({ id: idSchema }))
    .query(({ ctx, input }) => ctx.services.approvals.get(ctx.user, input.id)),
  /** Approve (optionally with edited arguments, checked against the tool's schema) or reject. */
  decide: protectedProcedure
    .input(
      z.object({
        id: idSchema,
        decision: z.enum(['approve', 'reject']),
        arguments: z.record(z.string(), z.unknown()).optional(),
        reason: z.string().trim().max(APPROVAL_REASON_MAX).optional(),
      }),
    )
    .mutation(({ ctx, input }) => ctx.services.approvals.decide(ctx.user, input)),
  /** Approval changes this user may see: `tool.awaiting_approval` and `approval.decided`. */
  events: protectedProcedure
    .input(z.object({ lastEventId: lastEventIdSchema }).optional())
    .subscription(({ ctx, input, signal }) =>
      followSubscription(
        async (last, stop) => ctx.services.approvals.follow(ctx.user, last, stop),
        input?.lastEventId,
        signal,
      ),
    ),
} satisfies TRPCRouterRecord;
