import type { QuestionLog } from '@salescoach/domain';
import type { DatabaseSync } from 'node:sqlite';
import { questionRecordSchema } from '../validation/question-record-schema.js';
import { decodeStoredJson, validateIncoming } from '../validation/stored-document.js';

export function createSqliteQuestions(db: DatabaseSync): QuestionLog {
  const insert = db.prepare(
    'INSERT INTO questions (id, asked_ms, doc) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING',
  );
  const selectRecent = db.prepare(
    'SELECT id, doc FROM questions WHERE asked_ms >= ? ORDER BY asked_ms DESC, id LIMIT ?',
  );
  return {
    async add(record) {
      const q = validateIncoming(questionRecordSchema, record, 'question');
      insert.run(q.id, Date.parse(q.askedAt), JSON.stringify(q));
    },
    async recent({ limit, since }) {
      const sinceMs = since === undefined ? Number.MIN_SAFE_INTEGER : Date.parse(since);
      const rows = selectRecent.all(sinceMs, Math.max(0, Math.floor(limit))) as unknown as {
        id: string;
        doc: string;
      }[];
      return rows.map((r) => decodeStoredJson(questionRecordSchema, r.doc, 'question', r.id));
    },
  };
}
