import {
  DomainError,
  DomainErrorCode,
  sessionSchema,
  type Session,
  type SessionRepository,
} from '@salescoach/domain';
import type { DatabaseSync } from 'node:sqlite';
import { decodeStored, validateIncoming } from '../validation/stored-document.js';
import { inWriteTransaction } from './transaction.js';

interface SessionRow {
  id: string;
  user_id: string;
  title: string;
  role: string;
  created_at: string;
  updated_at: string;
  last_seq: number;
  kind: string;
  private: number;
  pinned: number;
}

export function decodeSessionRow(row: SessionRow): Session {
  return decodeStored(
    sessionSchema,
    {
      id: row.id,
      userId: row.user_id,
      title: row.title,
      role: row.role,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      lastSeq: row.last_seq,
      ...(row.kind === 'chat' ? {} : { kind: row.kind }),
      private: row.private === 1,
      pinned: row.pinned === 1,
    },
    'session',
    row.id,
  );
}

export function createSqliteSessions(db: DatabaseSync): SessionRepository {
  const insert = db.prepare(
    `INSERT INTO sessions (id, user_id, title, role, created_at, updated_at, updated_ms, last_seq, kind, private, pinned)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
  );
  const selectOne = db.prepare('SELECT * FROM sessions WHERE id = ? AND user_id = ?');
  const selectByUser = db.prepare(
    "SELECT * FROM sessions WHERE user_id = ? AND kind = 'chat' ORDER BY updated_ms DESC, id LIMIT ?",
  );
  const selectPinned = db.prepare(
    "SELECT * FROM sessions WHERE user_id = ? AND kind = 'chat' AND pinned = 1 ORDER BY updated_ms DESC, id LIMIT ?",
  );
  const updateTitle = db.prepare('UPDATE sessions SET title = ? WHERE id = ? AND user_id = ?');
  const updateFlags = db.prepare(
    'UPDATE sessions SET private = ?, pinned = ? WHERE id = ? AND user_id = ?',
  );
  const deleteMessages = db.prepare(
    "DELETE FROM messages WHERE conversation_kind = 'session' AND conversation_id = ?",
  );
  const deleteOne = db.prepare('DELETE FROM sessions WHERE id = ? AND user_id = ?');

  const read = (userId: string, sessionId: string): Session | null => {
    const row = selectOne.get(sessionId, userId) as SessionRow | undefined;
    return row ? decodeSessionRow(row) : null;
  };

  return {
    async create(session) {
      const s = validateIncoming(sessionSchema, session, 'session');
      const result = insert.run(
        s.id,
        s.userId,
        s.title,
        s.role,
        s.createdAt,
        s.updatedAt,
        Date.parse(s.updatedAt),
        s.lastSeq,
        s.kind ?? 'chat',
        s.private ? 1 : 0,
        s.pinned ? 1 : 0,
      );
      if (result.changes === 0)
        throw new DomainError(DomainErrorCode.Conflict, 'Session already exists');
      return s;
    },
    async get(userId, sessionId) {
      return read(userId, sessionId);
    },
    async listByUser(userId, { limit, pinned }) {
      const rows = (pinned ? selectPinned : selectByUser).all(
        userId,
        Math.max(0, Math.floor(limit)),
      ) as unknown as SessionRow[];
      return rows.map(decodeSessionRow);
    },
    async rename(userId, sessionId, title) {
      return inWriteTransaction(db, () => {
        const current = read(userId, sessionId);
        if (!current) return null;
        const next = validateIncoming(sessionSchema, { ...current, title }, 'session');
        updateTitle.run(next.title, sessionId, userId);
        return next;
      });
    },
    async mark(userId, sessionId, flags) {
      return inWriteTransaction(db, () => {
        const current = read(userId, sessionId);
        if (!current) return null;
        const next = { ...current, ...flags };
        updateFlags.run(next.private ? 1 : 0, next.pinned ? 1 : 0, sessionId, userId);
        return next;
      });
    },
    async delete(userId, sessionId) {
      return inWriteTransaction(db, () => {
        const removed = deleteOne.run(sessionId, userId).changes > 0;
        if (removed) deleteMessages.run(sessionId);
        return removed;
      });
    },
  };
}
