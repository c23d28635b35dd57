import { answerFeedbackSchema, type AnswerFeedback, type FeedbackLog } from '@salescoach/domain';
import type { DatabaseSync } from 'node:sqlite';
import { feedbackKey } from '../validation/feedback-key.js';
import { decodeStoredJson, validateIncoming } from '../validation/stored-document.js';
import { inWriteTransaction } from './transaction.js';

interface FeedbackRow {
  id: string;
  doc: string;
}

const decode = (row: FeedbackRow): AnswerFeedback =>
  decodeStoredJson(answerFeedbackSchema, row.doc, 'feedback', row.id);

/** Table `feedback` (migration 6): the document plus the columns its reads filter on. */
export function createSqliteFeedback(db: DatabaseSync): FeedbackLog {
  const selectOne = db.prepare('SELECT id, doc FROM feedback WHERE id = ?');
  const upsert = db.prepare(
    `INSERT INTO feedback (id, conversation_id, user_id, private, updated_at, doc)
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET private = excluded.private,
       updated_at = excluded.updated_at, doc = excluded.doc`,
  );
  const deleteOne = db.prepare('DELETE FROM feedback WHERE id = ?');
  const selectMine = db.prepare(
    'SELECT id, doc FROM feedback WHERE conversation_id = ? AND user_id = ? ORDER BY id',
  );
  const selectConversation = db.prepare(
    'SELECT id, doc FROM feedback WHERE conversation_id = ? AND private = ?',
  );
  const selectSince = db.prepare(
    `SELECT id, doc FROM feedback WHERE private = 0 AND updated_at >= ?
       AND EXISTS (SELECT 1 FROM json_each(doc, '$.teamIds') t
                   WHERE t.value IN (SELECT value FROM json_each(?)))`,
  );

  const write = (r: AnswerFeedback) =>
    upsert.run(
      feedbackKey(r),
      r.conversationId,
      r.userId,
      r.private ? 1 : 0,
      r.updatedAt,
      JSON.stringify(r),
    );

  return {
    async put(record) {
      const r = validateIncoming(answerFeedbackSchema, record, 'feedback');
      return inWriteTransaction(db, () => {
        const before = selectOne.get(feedbackKey(r)) as FeedbackRow | undefined;
        const kept = before ? { ...r, createdAt: decode(before).createdAt } : r;
        write(kept);
        return kept;
      });
    },
    async remove(conversationId, userId, messageId) {
      return deleteOne.run(feedbackKey({ conversationId, userId, messageId })).changes > 0;
    },
    async listMine(conversationId, userId) {
      return (selectMine.all(conversationId, userId) as unknown as FeedbackRow[]).map(decode);
    },
    async setPrivate(conversationId, isPrivate) {
      return inWriteTransaction(db, () => {
        const rows = selectConversation.all(
          conversationId,
          isPrivate ? 0 : 1,
        ) as unknown as FeedbackRow[];
        for (const row of rows) write({ ...decode(row), private: isPrivate });
        return rows.length;
      });
    },
    async listForTeams({ teamIds, since }) {
      if (teamIds.length === 0) return [];
      return (selectSince.all(since, JSON.stringify(teamIds)) as unknown as FeedbackRow[]).map(
        decode,
      );
    },
  };
}
