import { DomainError, DomainErrorCode } from '@salescoach/domain';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { publicProcedure } from '../trpc.js';

export const authRouter = {
  /** How to sign in: dev users, or the Entra ID app registration. */
  info: publicProcedure.query(({ ctx }) => ({
    ...ctx.services.auth.info(),
    model: ctx.services.model,
  })),
  /** Dev mode only: a short-lived token for a demo user. */
  devLogin: publicProcedure
    .input(z.object({ user: z.string().min(1).max(50) }))
    .mutation(async ({ ctx, input }) => {
      const auth = ctx.services.auth;
      if (!auth.devLogin)
        throw new DomainError(
          DomainErrorCode.NotFound,
          'Dev sign-in is not available in this server',
        );
      return auth.devLogin(input.user);
    }),
  /** Dev mode only: a short-lived token for a service identity (the team digest). */
  devServiceLogin: publicProcedure
    .input(z.object({ service: z.string().min(1).max(50) }))
    .mutation(async ({ ctx, input }) => {
      const auth = ctx.services.auth;
      if (!auth.devServiceLogin)
        throw new DomainError(
          DomainErrorCode.NotFound,
          'Dev service sign-in is not available in this server',
        );
      return auth.devServiceLogin(input.service);
    }),
} satisfies TRPCRouterRecord;
