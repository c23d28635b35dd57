import { isoDateSchema } from '@salescoach/domain';
import { z } from 'zod';

/** The stored shape of a `QuestionRecord` (the domain declares it as an interface only). */
export const questionRecordSchema = z.object({
  id: z.string().min(1).max(100),
  text: z.string().max(4_000),
  role: z.string().min(1).max(64),
  conversationKind: z.enum(['session', 'group']),
  askedAt: isoDateSchema,
  terms: z.array(z.string().max(100)).max(200),
  vector: z.array(z.number().finite()).max(4_096).optional(),
});
