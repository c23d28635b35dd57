import type { MessageSearch } from '@salescoach/domain';
import type { DatabaseSync } from 'node:sqlite';
import type { SearchIndexer } from './search-indexer.js';
import { decodeRow, refOfRow, type MessageRow } from './sqlite-messages.js';

/** An FTS5 query from plain terms: each a quoted prefix ("term"*), all required. */
const matchExpression = (terms: readonly string[]) =>
  terms.map((t) => `"${t.replace(/"/g, '""')}"*`).join(' ');

/**
 * Search over the `message_fts` index (migration 9), ranked by bm25, brought up to date
 * first (`indexer`, migration 14). The scope is applied in the query: the user's own chat
 * sessions (through `sessions`, so never a practice's) and the given rooms.
 */
export function createSqliteSearch(
  db: DatabaseSync,
  indexer: Pick<SearchIndexer, 'flush'>,
): MessageSearch {
  const select = db.prepare(
    `SELECT m.conversation_kind, m.conversation_id, m.partition_key, m.seq, m.doc
     FROM message_fts f
     JOIN message_fts_rows r ON r.fts_rowid = f.rowid
     JOIN messages m ON m.conversation_kind = r.conversation_kind
       AND m.conversation_id = r.conversation_id AND m.seq = r.seq
     WHERE message_fts MATCH ?
       AND ((r.conversation_kind = 'session' AND m.partition_key = ?
             AND r.conversation_id IN (SELECT id FROM sessions WHERE user_id = ? AND kind = 'chat'))
         OR (r.conversation_kind = 'group'
             AND r.conversation_id IN (SELECT value FROM json_each(?))))
     ORDER BY f.rank
     LIMIT ? OFFSET ?`,
  );
  return {
    async search(scope, terms, { offset, limit }) {
      if (terms.length === 0) return { hits: [], more: false };
      indexer.flush();
      const rows = select.all(
        matchExpression(terms),
        scope.userId,
        scope.userId,
        JSON.stringify(scope.groupIds),
        limit + 1,
        offset,
      ) as unknown as MessageRow[];
      return {
        hits: rows.slice(0, limit).map((row) => ({ ref: refOfRow(row), message: decodeRow(row) })),
        more: rows.length > limit,
      };
    },
  };
}
