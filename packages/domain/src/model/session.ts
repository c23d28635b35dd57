import { z } from 'zod';
import { idSchema, isoDateSchema } from './ids.js';
import { roleSchema } from './user.js';

export const SESSION_TITLE_MAX = 120;

/** A 1-on-1 conversation between one user and the coach. */
export const sessionSchema = z.object({
  id: idSchema,
  userId: z.string().min(1).max(200),
  title: z.string().max(SESSION_TITLE_MAX),
  role: roleSchema,
  createdAt: isoDateSchema,
  updatedAt: isoDateSchema,
  lastSeq: z.number().int().min(0),
  /** `practice`: the conversation of a practice call (kept out of the chat list). Absent: chat. */
  kind: z.enum(['chat', 'practice']).optional(),
  /** Marked private by its owner: none of its questions reach insights. */
  private: z.boolean().default(false),
  /** Pinned by its owner: listed above the others, however old. */
  pinned: z.boolean().default(false),
});
export type Session = z.infer<typeof sessionSchema>;
/** A session as given to `create` (flags may be left out: they default to off). */
export type NewSession = z.input<typeof sessionSchema>;

/** What an owner may switch on a session without touching its conversation. */
export type SessionFlags = Partial<Pick<Session, 'private' | 'pinned'>>;
