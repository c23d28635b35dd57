import { isoDateSchema } from '@salescoach/domain';
import { z } from 'zod';

const shortId = z.string().min(1).max(200);

/** The stored shape of a `QuestionRecord` (the domain declares it as an interface only). */
export const questionRecordSchema = z.object({
  id: z.string().min(1).max(100),
  text: z.string().max(4_000),
  role: z.string().min(1).max(64),
  conversationKind: z.enum(['session', 'group']),
  conversationId: shortId,
  askerId: shortId,
  teamIds: z.array(z.string().min(1).max(64)).max(100),
  private: z.boolean(),
  askedAt: isoDateSchema,
  terms: z.array(z.string().max(100)).max(200),
  vector: z.array(z.number().finite()).max(4_096).optional(),
  clusterId: z.string().min(1).max(100),
});

/** The stored shape of a `StoredCluster`. */
export const storedClusterSchema = z.object({
  id: z.string().min(1).max(100),
  space: z.string().min(1).max(40),
  sum: z.record(z.string().max(100), z.number().finite()),
  size: z.number().int().min(1),
  createdAt: isoDateSchema,
});

/** `YYYY-MM-DD` (UTC) of an ISO time. */
export const utcDay = (iso: string) => new Date(Date.parse(iso)).toISOString().slice(0, 10);
