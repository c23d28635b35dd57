import type { Practice } from '../practice/practice.js';

/** Practices are partitioned by the rep: every call names them. */
export interface PracticeRepository {
  /** CONFLICT when the id is taken. */
  create(practice: Practice): Promise<Practice>;
  /** Null when absent OR another user's. */
  get(userId: string, practiceId: string): Promise<Practice | null>;
  getBySession(userId: string, sessionId: string): Promise<Practice | null>;
  /** Newest first (by createdAt). */
  listByUser(userId: string, options: { limit: number }): Promise<Practice[]>;
  /**
   * Read, change, write, without losing a concurrent change (a transaction or an etag
   * check). Null when the practice does not exist.
   */
  update(
    userId: string,
    practiceId: string,
    change: (current: Practice) => Practice,
  ): Promise<Practice | null>;
}
