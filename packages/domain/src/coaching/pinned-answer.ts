import { z } from 'zod';
import { idSchema, isoDateSchema } from '../model/ids.js';

export const PINNED_QUESTION_MAX = 300;
export const PINNED_ANSWER_MAX = 4_000;

/**
 * A team FAQ entry: a manager's answer to a question the team keeps asking. Shown pinned in
 * the team's rooms and given to the coach as a grounded source for the team's people.
 */
export const pinnedAnswerSchema = z.object({
  id: idSchema,
  teamId: z.string().min(1).max(64),
  /** The insights cluster it answers, when pinned from one. */
  clusterId: idSchema.optional(),
  question: z.string().min(1).max(PINNED_QUESTION_MAX),
  answer: z.string().min(1).max(PINNED_ANSWER_MAX),
  pinnedBy: z.object({ id: z.string().min(1).max(200), name: z.string().min(1).max(200) }),
  createdAt: isoDateSchema,
});
export type PinnedAnswer = z.infer<typeof pinnedAnswerSchema>;

/** Reference material the coach may cite; never instructions. */
export interface GroundedSource {
  readonly title: string;
  readonly content: string;
  /** Where it comes from, as the coach may name it ("West team FAQ"). */
  readonly origin: string;
}
