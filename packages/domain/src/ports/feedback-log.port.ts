import type { AnswerFeedback } from '../feedback/answer-feedback.js';

/** Stored answer feedback, one record per (conversation, rater, answer). */
export interface FeedbackLog {
  /** Creates or replaces the rater's feedback on that answer (keeps the first `createdAt`). */
  put(record: AnswerFeedback): Promise<AnswerFeedback>;
  /** Removes it; false when there was none. */
  remove(conversationId: string, userId: string, messageId: string): Promise<boolean>;
  /** One rater's feedback in one conversation. */
  listMine(conversationId: string, userId: string): Promise<AnswerFeedback[]>;
  /** Marks a conversation's feedback private (or not); returns how many changed. */
  setPrivate(conversationId: string, isPrivate: boolean): Promise<number>;
  /** Feedback that is not private, given by members of any of `teamIds`, updated at or after `since`. */
  listForTeams(options: { teamIds: readonly string[]; since: string }): Promise<AnswerFeedback[]>;
}
