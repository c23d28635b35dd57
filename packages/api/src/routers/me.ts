import type { TRPCRouterRecord } from '@trpc/server';
import { protectedProcedure } from '../trpc.js';

export const meRouter = {
  get: protectedProcedure.query(({ ctx }) => ({
    id: ctx.user.id,
    name: ctx.user.name,
    email: ctx.user.email,
    roles: ctx.user.roles,
    expiresAt: ctx.identity.expiresAt,
  })),
} satisfies TRPCRouterRecord;
