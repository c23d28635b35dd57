import { MESSAGE_CHARS_CEILING } from '@salescoach/config';
import { idSchema } from '@salescoach/domain';
import { z } from 'zod';

/** Inputs shared by the chat and group routers. */
export const clientMessageIdSchema = z.string().min(1).max(100);
/** A message's text: bounded here by the ceiling; the configured limit is the domain's check. */
export const contentSchema = z.string().min(1).max(MESSAGE_CHARS_CEILING);
export const pageSchema = {
  before: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(200).optional(),
};
export const lastEventIdSchema = z.string().max(200).nullish();
export { idSchema };
