import type { DatabaseSync } from 'node:sqlite';
import { inWriteTransaction } from './transaction.js';

export interface SearchIndexer {
  /** Indexes every message written (or changed) since the last flush, by any process. */
  flush(): void;
  /** Stops the timer and indexes what is left. */
  close(): void;
}

interface PendingRow {
  conversation_kind: string;
  conversation_id: string;
  seq: number;
  content: string | null;
  fts_rowid: number | null;
}

/** How many pending messages one transaction indexes (a bound on one pause of the event loop). */
const BATCH = 500;

/**
 * Brings `message_fts` up to date with the messages recorded in `message_fts_pending`
 * (migration 14): every `intervalMs` and whenever `flush` is called (search calls it first,
 * so a search in this process sees every message stored). Several processes on one file may
 * all flush: each batch is one write transaction, and a row leaves the pending table in the
 * transaction that indexes it.
 */
export function startSearchIndexer(db: DatabaseSync, intervalMs = 250): SearchIndexer {
  const anyPending = db.prepare('SELECT 1 AS yes FROM message_fts_pending LIMIT 1');
  const selectPending = db.prepare(
    `SELECT p.conversation_kind, p.conversation_id, p.seq,
            json_extract(m.doc, '$.content') AS content, r.fts_rowid
     FROM message_fts_pending p
     JOIN messages m USING (conversation_kind, conversation_id, seq)
     LEFT JOIN message_fts_rows r USING (conversation_kind, conversation_id, seq)
     LIMIT ?`,
  );
  const insertFts = db.prepare('INSERT INTO message_fts (content) VALUES (?)');
  const updateFts = db.prepare('UPDATE message_fts SET content = ? WHERE rowid = ?');
  const insertRow = db.prepare('INSERT INTO message_fts_rows VALUES (?, ?, ?, ?)');
  const clearPending = db.prepare(
    'DELETE FROM message_fts_pending WHERE conversation_kind = ? AND conversation_id = ? AND seq = ?',
  );

  const indexBatch = (): number =>
    inWriteTransaction(db, () => {
      const rows = selectPending.all(BATCH) as unknown as PendingRow[];
      for (const row of rows) {
        const { conversation_kind: kind, conversation_id: id, seq } = row;
        if (row.fts_rowid === null) {
          const { lastInsertRowid } = insertFts.run(row.content);
          insertRow.run(kind, id, seq, lastInsertRowid);
        } else {
          updateFts.run(row.content, row.fts_rowid);
        }
        clearPending.run(kind, id, seq);
      }
      return rows.length;
    });

  const flush = () => {
    if (!db.isOpen || anyPending.get() === undefined) return;
    while (indexBatch() === BATCH);
  };

  const timer = setInterval(() => {
    try {
      flush();
    } catch {
      // Busy (another process holds the write lock) or closing: the next tick tries again.
    }
  }, intervalMs);
  timer.unref();

  return {
    flush,
    close() {
      clearInterval(timer);
      flush();
    },
  };
}
