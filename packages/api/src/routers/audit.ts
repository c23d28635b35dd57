import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { roleProcedure } from '../trpc.js';

const filter = {
  since: z.iso.datetime({ offset: true }).optional(),
  until: z.iso.datetime({ offset: true }).optional(),
  server: z.string().min(1).max(100).optional(),
  tool: z.string().min(1).max(200).optional(),
  userId: z.string().min(1).max(200).optional(),
};

export const auditRouter = {
  /** Tool calls this Manager (their own, their teams' members') or Admin (all) may read, newest first. */
  list: roleProcedure('Manager', 'Admin')
    .input(
      z
        .object({
          ...filter,
          limit: z.number().int().min(1).max(200).optional(),
          cursor: z.string().min(1).max(200).optional(),
        })
        .optional(),
    )
    .query(({ ctx, input }) => ctx.services.audit.list(ctx.user, input ?? {})),
  /** The same entries as one CSV or JSON document (at most AUDIT_EXPORT_MAX). */
  export: roleProcedure('Manager', 'Admin')
    .input(z.object({ format: z.enum(['csv', 'json']), ...filter }))
    .query(({ ctx, input }) => ctx.services.audit.export(ctx.user, input)),
} satisfies TRPCRouterRecord;
