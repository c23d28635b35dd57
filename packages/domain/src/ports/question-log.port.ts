/** A question a user asked, kept as a fingerprint for insights (no names). */
export interface QuestionRecord {
  readonly id: string;
  readonly text: string;
  readonly role: string;
  readonly conversationKind: 'session' | 'group';
  readonly askedAt: string;
  /** Normalised terms of the question (lower-case, stemmed, no stop words). */
  readonly terms: readonly string[];
  /** The question's embedding, when an embedding model is configured. */
  readonly vector?: readonly number[];
}

export interface QuestionLog {
  add(record: QuestionRecord): Promise<void>;
  /** Most recent first, at most `limit`. */
  recent(options: { limit: number; since?: string }): Promise<QuestionRecord[]>;
}
