import {
  DomainError,
  DomainErrorCode,
  practiceSchema,
  type Practice,
  type PracticeRepository,
} from '@salescoach/domain';
import type { DatabaseSync } from 'node:sqlite';
import { changedPractice } from '../validation/practice-change.js';
import { decodeStoredJson, validateIncoming } from '../validation/stored-document.js';
import { inWriteTransaction } from './transaction.js';

interface PracticeRow {
  id: string;
  doc: string;
}

const decode = (row: PracticeRow): Practice =>
  decodeStoredJson(practiceSchema, row.doc, 'practice', row.id);

export function createSqlitePractices(db: DatabaseSync): PracticeRepository {
  const insert = db.prepare(
    `INSERT INTO practices (id, user_id, session_id, created_ms, doc) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT DO NOTHING`,
  );
  const selectOne = db.prepare('SELECT id, doc FROM practices WHERE id = ? AND user_id = ?');
  const selectBySession = db.prepare(
    'SELECT id, doc FROM practices WHERE session_id = ? AND user_id = ?',
  );
  const selectByUser = db.prepare(
    'SELECT id, doc FROM practices WHERE user_id = ? ORDER BY created_ms DESC, id LIMIT ?',
  );
  const updateDoc = db.prepare('UPDATE practices SET doc = ? WHERE id = ? AND user_id = ?');

  const read = (userId: string, practiceId: string): Practice | null => {
    const row = selectOne.get(practiceId, userId) as PracticeRow | undefined;
    return row ? decode(row) : null;
  };

  return {
    async create(practice) {
      const p = validateIncoming(practiceSchema, practice, 'practice');
      const result = insert.run(
        p.id,
        p.userId,
        p.sessionId,
        Date.parse(p.createdAt),
        JSON.stringify(p),
      );
      if (result.changes === 0)
        throw new DomainError(DomainErrorCode.Conflict, 'Practice already exists');
      return p;
    },
    async get(userId, practiceId) {
      return read(userId, practiceId);
    },
    async getBySession(userId, sessionId) {
      const row = selectBySession.get(sessionId, userId) as PracticeRow | undefined;
      return row ? decode(row) : null;
    },
    async listByUser(userId, { limit }) {
      const rows = selectByUser.all(
        userId,
        Math.max(0, Math.floor(limit)),
      ) as unknown as PracticeRow[];
      return rows.map(decode);
    },
    async update(userId, practiceId, change) {
      return inWriteTransaction(db, () => {
        const current = read(userId, practiceId);
        if (!current) return null;
        const next = changedPractice(current, change);
        updateDoc.run(JSON.stringify(next), practiceId, userId);
        return next;
      });
    },
  };
}
