import type { QuestionLog, QuestionRecord } from '@salescoach/domain';
import { questionRecordSchema } from '../validation/question-record-schema.js';
import { decodeStored, validateIncoming } from '../validation/stored-document.js';

export function createMemoryQuestions(rows: unknown[]): QuestionLog {
  return {
    async add(record) {
      rows.push(structuredClone(validateIncoming(questionRecordSchema, record, 'question')));
    },
    async recent({ limit, since }) {
      const sinceMs = since === undefined ? -Infinity : Date.parse(since);
      const all: QuestionRecord[] = rows.map((raw, i) =>
        decodeStored(questionRecordSchema, raw, 'question', String(i)),
      );
      return all
        .filter((q) => Date.parse(q.askedAt) >= sinceMs)
        .sort((a, b) => Date.parse(b.askedAt) - Date.parse(a.askedAt))
        .slice(0, Math.max(0, limit));
    },
  };
}
