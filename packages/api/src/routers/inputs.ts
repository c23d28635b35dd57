import { idSchema } from '@salescoach/domain';
import { z } from 'zod';

/** Inputs shared by the chat and group routers. */
export const clientMessageIdSchema = z.string().min(1).max(100);
export const contentSchema = z.string().min(1).max(200_000);
export const pageSchema = {
  before: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(200).optional(),
};
export const lastEventIdSchema = z.string().max(200).nullish();
export { idSchema };
