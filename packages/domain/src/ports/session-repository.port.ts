import type { Session } from '../model/session.js';

/** Sessions are partitioned by user: every call names the owner. */
export interface SessionRepository {
  create(session: Session): Promise<Session>;
  /** Null when absent OR owned by another user (callers cannot tell the two apart). */
  get(userId: string, sessionId: string): Promise<Session | null>;
  /** Newest first (by updatedAt). */
  listByUser(userId: string, options: { limit: number }): Promise<Session[]>;
  rename(userId: string, sessionId: string, title: string): Promise<Session | null>;
  setPrivate(userId: string, sessionId: string, isPrivate: boolean): Promise<Session | null>;
  /** Deletes the session AND its messages. Returns false when there was nothing to delete. */
  delete(userId: string, sessionId: string): Promise<boolean>;
}
