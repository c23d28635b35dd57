import type { Migration } from './migrations.js';

const key = (row: 'NEW' | 'OLD') =>
  `conversation_kind = ${row}.conversation_kind AND conversation_id = ${row}.conversation_id AND seq = ${row}.seq`;

/**
 * Migration 14: the search index is brought up to date in batches instead of inside every
 * message write. FTS5 writes a new index segment (and now and then merges segments) at the
 * COMMIT of each transaction that touched it: inside a message's own transaction that cost
 * ≈ 80 µs on average and several ms at merges, paid by every send and every streamed update of
 * an answer. Now a write only records the message as pending in the same transaction (so a
 * crash loses nothing), and `SearchIndexer` indexes the pending ones together: on a timer and
 * before every search, which therefore still finds everything stored.
 */
export const DEFERRED_SEARCH_INDEX: Migration = {
  version: 14,
  name: 'search index brought up to date in batches',
  sql: `
    CREATE TABLE message_fts_pending (
      conversation_kind TEXT NOT NULL,
      conversation_id TEXT NOT NULL,
      seq INTEGER NOT NULL,
      PRIMARY KEY (conversation_kind, conversation_id, seq)
    ) STRICT, WITHOUT ROWID;
    DROP TRIGGER messages_fts_insert;
    DROP TRIGGER messages_fts_update;
    DROP TRIGGER messages_fts_delete;
    CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
      INSERT OR IGNORE INTO message_fts_pending
        VALUES (NEW.conversation_kind, NEW.conversation_id, NEW.seq);
    END;
    CREATE TRIGGER messages_fts_update AFTER UPDATE OF doc ON messages BEGIN
      INSERT OR IGNORE INTO message_fts_pending
        VALUES (NEW.conversation_kind, NEW.conversation_id, NEW.seq);
    END;
    CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
      DELETE FROM message_fts
        WHERE rowid = (SELECT fts_rowid FROM message_fts_rows WHERE ${key('OLD')});
      DELETE FROM message_fts_rows WHERE ${key('OLD')};
      DELETE FROM message_fts_pending WHERE ${key('OLD')};
    END;
  `,
};
