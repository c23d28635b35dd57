import { z } from 'zod';
import { idSchema, isoDateSchema } from '../model/ids.js';

export const FEEDBACK_REASON_MAX = 500;

export const feedbackRatingSchema = z.enum(['good', 'bad']);
export type FeedbackRating = z.infer<typeof feedbackRatingSchema>;

/**
 * One person's verdict on one coach answer ("Good answer" / "Bad answer", optional reason).
 * One per person and answer: rating again replaces it. Kept with what insights need to count
 * it without reading the conversation: the conversation's role, the rater's teams of that
 * role, whether the session is private, and the topic (cluster) of the question answered.
 */
export const answerFeedbackSchema = z.object({
  messageId: idSchema,
  conversationKind: z.enum(['session', 'group']),
  conversationId: idSchema,
  userId: z.string().min(1).max(200),
  rating: feedbackRatingSchema,
  reason: z.string().max(FEEDBACK_REASON_MAX).optional(),
  role: z.string().min(1).max(64),
  teamIds: z.array(z.string().min(1).max(64)).max(100),
  private: z.boolean(),
  /** The insights cluster of the question this answers; null when it has none. */
  clusterId: z.string().min(1).max(100).nullable(),
  createdAt: isoDateSchema,
  updatedAt: isoDateSchema,
});
export type AnswerFeedback = z.infer<typeof answerFeedbackSchema>;

/** What the rater sees of their own feedback. */
export interface MyFeedback {
  readonly messageId: string;
  readonly rating: FeedbackRating;
  readonly reason?: string;
}
