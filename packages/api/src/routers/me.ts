import type { TRPCRouterRecord } from '@trpc/server';
import { protectedProcedure } from '../trpc.js';

export const meRouter = {
  get: protectedProcedure.meta({ services: true }).query(({ ctx }) => ({
    id: ctx.user.id,
    name: ctx.user.name,
    email: ctx.user.email,
    roles: ctx.user.roles,
    /** The teams this user manages or belongs to: `{ id, name, role, relation }`. */
    teams: ctx.services.teams.teamsOf(ctx.user),
    expiresAt: ctx.identity.expiresAt,
    /** What this server accepts: the composer keeps to it. */
    limits: { messageChars: ctx.services.messageChars },
  })),
} satisfies TRPCRouterRecord;
