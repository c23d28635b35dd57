import type { NewSession, Session, SessionFlags } from '../model/session.js';

/** Sessions are partitioned by user: every call names the owner. */
export interface SessionRepository {
  create(session: NewSession): Promise<Session>;
  /** Null when absent OR owned by another user (callers cannot tell the two apart). */
  get(userId: string, sessionId: string): Promise<Session | null>;
  /** Chat sessions, newest first (by updatedAt); `pinned: true` lists only the pinned ones. */
  listByUser(userId: string, options: { limit: number; pinned?: boolean }): Promise<Session[]>;
  rename(userId: string, sessionId: string, title: string): Promise<Session | null>;
  /** Sets the given flags (private, pinned); null when absent or not the user's. */
  mark(userId: string, sessionId: string, flags: SessionFlags): Promise<Session | null>;
  /** Deletes the session AND its messages. Returns false when there was nothing to delete. */
  delete(userId: string, sessionId: string): Promise<boolean>;
}
