import type { DatabaseSync } from 'node:sqlite';
import { DEFERRED_SEARCH_INDEX } from './deferred-search-migration.js';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/**
 * Forward-only schema history. Never edit a released migration: add the next version.
 * Rows keep indexed columns for queries; a message's full document is JSON in `doc`.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'conversations, memberships, messages, questions',
    sql: `
      CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL,
        title TEXT NOT NULL,
        role TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        updated_ms INTEGER NOT NULL,
        last_seq INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX sessions_by_user ON sessions (user_id, updated_ms DESC);

      CREATE TABLE groups (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        description TEXT NOT NULL,
        role TEXT NOT NULL,
        owner_id TEXT NOT NULL,
        ai_mode TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        updated_ms INTEGER NOT NULL,
        last_seq INTEGER NOT NULL DEFAULT 0
      ) STRICT;

      CREATE TABLE group_members (
        group_id TEXT NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
        user_id TEXT NOT NULL,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        position INTEGER NOT NULL,
        PRIMARY KEY (group_id, user_id)
      ) STRICT;
      CREATE INDEX group_members_by_user ON group_members (user_id);

      CREATE TABLE messages (
        conversation_kind TEXT NOT NULL,
        conversation_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        partition_key TEXT NOT NULL,
        id TEXT NOT NULL,
        client_message_id TEXT,
        status TEXT NOT NULL,
        doc TEXT NOT NULL,
        PRIMARY KEY (conversation_kind, conversation_id, seq)
      ) STRICT, WITHOUT ROWID;
      CREATE UNIQUE INDEX messages_by_client_id
        ON messages (conversation_kind, conversation_id, client_message_id) WHERE client_message_id IS NOT NULL;
      CREATE INDEX messages_by_id ON messages (conversation_kind, conversation_id, id);
      CREATE INDEX messages_streaming ON messages (status) WHERE status = 'streaming';

      CREATE TABLE questions (
        id TEXT PRIMARY KEY,
        asked_ms INTEGER NOT NULL,
        doc TEXT NOT NULL
      ) STRICT;
      CREATE INDEX questions_by_time ON questions (asked_ms DESC);
    `,
  },
  {
    version: 2,
    name: 'practice: session kind, practices',
    sql: `
      ALTER TABLE sessions ADD COLUMN kind TEXT NOT NULL DEFAULT 'chat';
      DROP INDEX sessions_by_user;
      CREATE INDEX sessions_by_user ON sessions (user_id, kind, updated_ms DESC);

      CREATE TABLE practices (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL,
        session_id TEXT NOT NULL,
        created_ms INTEGER NOT NULL,
        doc TEXT NOT NULL
      ) STRICT;
      CREATE INDEX practices_by_user ON practices (user_id, created_ms DESC);
      CREATE UNIQUE INDEX practices_by_session ON practices (user_id, session_id);
    `,
  },
  {
    version: 3,
    name: 'private sessions; questions with their clusters, teams and day counts',
    // Questions kept before this version carry no asker or team, so no manager could ever be
    // shown them: they are dropped rather than guessed.
    sql: `
      ALTER TABLE sessions ADD COLUMN private INTEGER NOT NULL DEFAULT 0;

      DROP TABLE questions;
      CREATE TABLE questions (
        id TEXT PRIMARY KEY,
        cluster_id TEXT NOT NULL,
        conversation_id TEXT NOT NULL,
        asked_ms INTEGER NOT NULL,
        private INTEGER NOT NULL,
        doc TEXT NOT NULL
      ) STRICT;
      CREATE INDEX questions_by_conversation ON questions (conversation_id);

      CREATE TABLE question_teams (
        team_id TEXT NOT NULL,
        cluster_id TEXT NOT NULL,
        asked_ms INTEGER NOT NULL,
        question_id TEXT NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
        PRIMARY KEY (cluster_id, team_id, asked_ms, question_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE clusters (
        id TEXT PRIMARY KEY,
        doc TEXT NOT NULL
      ) STRICT;

      CREATE TABLE cluster_keys (
        space_key TEXT NOT NULL,
        cluster_id TEXT NOT NULL,
        PRIMARY KEY (space_key, cluster_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE cluster_day_counts (
        team_id TEXT NOT NULL,
        day TEXT NOT NULL,
        cluster_id TEXT NOT NULL,
        asker_id TEXT NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (team_id, day, cluster_id, asker_id)
      ) STRICT, WITHOUT ROWID;
    `,
  },
  {
    version: 4,
    name: 'clientMessageId scoped to its author',
    // The column holds the idempotency key (author id, U+001F, clientMessageId); see
    // validation/idempotency-key.ts. The message document keeps the client's value.
    sql: `
      UPDATE messages
        SET client_message_id =
          COALESCE(json_extract(doc, '$.author.userId'), '') || char(31) || client_message_id
        WHERE client_message_id IS NOT NULL;
    `,
  },
  {
    version: 5,
    name: 'pinned answers (team FAQ)',
    sql: `
      CREATE TABLE pinned_answers (
        id TEXT PRIMARY KEY,
        team_id TEXT NOT NULL,
        created_ms INTEGER NOT NULL,
        doc TEXT NOT NULL
      ) STRICT;
      CREATE INDEX pinned_answers_by_team ON pinned_answers (team_id, created_ms DESC);
    `,
  },
  {
    version: 6,
    name: 'answer feedback',
    sql: `
      CREATE TABLE feedback (
        id TEXT PRIMARY KEY,
        conversation_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        private INTEGER NOT NULL,
        updated_at TEXT NOT NULL,
        doc TEXT NOT NULL
      ) STRICT;
      CREATE INDEX feedback_by_conversation ON feedback (conversation_id, user_id);
      CREATE INDEX feedback_by_time ON feedback (updated_at) WHERE private = 0;
    `,
  },
  {
    version: 7,
    name: 'pinned sessions',
    sql: `
      ALTER TABLE sessions ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0;
    `,
  },
  {
    version: 8,
    name: 'team scenarios, practice assignments and their completions',
    sql: `
      CREATE TABLE team_scenarios (
        id TEXT PRIMARY KEY,
        team_id TEXT NOT NULL,
        created_ms INTEGER NOT NULL,
        doc TEXT NOT NULL
      ) STRICT;
      CREATE INDEX team_scenarios_by_team ON team_scenarios (team_id, created_ms DESC);
      CREATE TABLE assignments (
        id TEXT PRIMARY KEY,
        team_id TEXT NOT NULL,
        created_ms INTEGER NOT NULL,
        doc TEXT NOT NULL
      ) STRICT;
      CREATE INDEX assignments_by_team ON assignments (team_id, created_ms DESC);
      CREATE TABLE assignment_completions (
        assignment_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        team_id TEXT NOT NULL,
        completed_ms INTEGER NOT NULL,
        doc TEXT NOT NULL,
        PRIMARY KEY (assignment_id, user_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX assignment_completions_by_team ON assignment_completions (team_id, completed_ms);
    `,
  },
  {
    version: 9,
    name: 'full-text search over messages',
    // FTS5 keeps its own rowids; message_fts_rows ties each to its message (messages has no
    // rowid). Triggers keep both in step with every insert, content change and delete, so
    // no write path can forget them. Existing messages are indexed here.
    sql: `
      CREATE VIRTUAL TABLE message_fts USING fts5(content, tokenize = 'unicode61 remove_diacritics 0');
      CREATE TABLE message_fts_rows (
        conversation_kind TEXT NOT NULL,
        conversation_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        fts_rowid INTEGER NOT NULL UNIQUE,
        PRIMARY KEY (conversation_kind, conversation_id, seq)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO message_fts_rows
        SELECT conversation_kind, conversation_id, seq,
               ROW_NUMBER() OVER (ORDER BY conversation_kind, conversation_id, seq)
        FROM messages;
      INSERT INTO message_fts (rowid, content)
        SELECT r.fts_rowid, json_extract(m.doc, '$.content')
        FROM messages m JOIN message_fts_rows r USING (conversation_kind, conversation_id, seq);
      CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
        INSERT INTO message_fts (content) VALUES (json_extract(NEW.doc, '$.content'));
        INSERT INTO message_fts_rows
          VALUES (NEW.conversation_kind, NEW.conversation_id, NEW.seq, last_insert_rowid());
      END;
      CREATE TRIGGER messages_fts_update AFTER UPDATE OF doc ON messages BEGIN
        UPDATE message_fts SET content = json_extract(NEW.doc, '$.content')
          WHERE rowid = (SELECT fts_rowid FROM message_fts_rows
                         WHERE conversation_kind = NEW.conversation_kind
                           AND conversation_id = NEW.conversation_id AND seq = NEW.seq);
      END;
      CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
        DELETE FROM message_fts
          WHERE rowid = (SELECT fts_rowid FROM message_fts_rows
                         WHERE conversation_kind = OLD.conversation_kind
                           AND conversation_id = OLD.conversation_id AND seq = OLD.seq);
        DELETE FROM message_fts_rows
          WHERE conversation_kind = OLD.conversation_kind
            AND conversation_id = OLD.conversation_id AND seq = OLD.seq;
      END;
    `,
  },
  {
    version: 10,
    name: 'practices in rooms and their whispers',
    // Safe to run again (a test rewinds the schema to an older version and reopens it).
    sql: `
      CREATE TABLE IF NOT EXISTS room_practices (
        group_id TEXT NOT NULL,
        practice_id TEXT NOT NULL,
        created_ms INTEGER NOT NULL,
        doc TEXT NOT NULL,
        PRIMARY KEY (group_id, practice_id)
      ) STRICT;
      CREATE INDEX IF NOT EXISTS room_practices_by_group ON room_practices (group_id, created_ms DESC);

      CREATE TABLE IF NOT EXISTS whispers (
        id TEXT PRIMARY KEY,
        group_id TEXT NOT NULL,
        practice_id TEXT NOT NULL,
        from_id TEXT NOT NULL,
        to_id TEXT NOT NULL,
        created_ms INTEGER NOT NULL,
        doc TEXT NOT NULL
      ) STRICT;
      CREATE INDEX IF NOT EXISTS whispers_by_practice ON whispers (group_id, practice_id, created_ms);
    `,
  },
  {
    version: 11,
    name: 'tool call audit log (append-only)',
    // Safe to run again, like version 10.
    sql: `
      CREATE TABLE IF NOT EXISTS audit_log (
        id TEXT PRIMARY KEY,
        sort_key TEXT NOT NULL UNIQUE,
        started_ms INTEGER NOT NULL,
        user_id TEXT NOT NULL,
        server TEXT NOT NULL,
        tool TEXT NOT NULL,
        doc TEXT NOT NULL
      ) STRICT;
      CREATE INDEX IF NOT EXISTS audit_log_by_user ON audit_log (user_id, sort_key);
      CREATE INDEX IF NOT EXISTS audit_log_by_time ON audit_log (started_ms);
      CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
        SELECT RAISE(ABORT, 'the audit log is append-only');
      END;
      CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
        SELECT RAISE(ABORT, 'the audit log is append-only');
      END;
    `,
  },
  {
    version: 12,
    name: 'requests for approval of tool calls',
    // Safe to run again, like version 10.
    sql: `
      CREATE TABLE IF NOT EXISTS approvals (
        id TEXT PRIMARY KEY,
        status TEXT NOT NULL,
        created_ms INTEGER NOT NULL,
        version INTEGER NOT NULL,
        doc TEXT NOT NULL
      ) STRICT;
      CREATE INDEX IF NOT EXISTS approvals_by_status ON approvals (status, created_ms DESC);
      CREATE INDEX IF NOT EXISTS approvals_by_time ON approvals (created_ms DESC);
    `,
  },
  {
    version: 13,
    name: 'per-user credentials for oauth MCP servers',
    // Secrets are sealed (AES-256-GCM) before they reach these rows; states are kept as hashes.
    sql: `
      CREATE TABLE IF NOT EXISTS mcp_tokens (
        user_id TEXT NOT NULL,
        server TEXT NOT NULL,
        doc TEXT NOT NULL,
        PRIMARY KEY (user_id, server)
      ) STRICT;
      CREATE TABLE IF NOT EXISTS mcp_pending (
        key TEXT PRIMARY KEY,
        expires_ms INTEGER NOT NULL,
        doc TEXT NOT NULL
      ) STRICT;
      CREATE INDEX IF NOT EXISTS mcp_pending_by_expiry ON mcp_pending (expires_ms);
      CREATE TABLE IF NOT EXISTS mcp_clients (
        server TEXT PRIMARY KEY,
        doc TEXT NOT NULL
      ) STRICT;
    `,
  },
  DEFERRED_SEARCH_INDEX,
];

/** Applies every migration newer than the database's version, each in its own transaction. */
export function migrate(db: DatabaseSync, migrations: readonly Migration[] = MIGRATIONS): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`);
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as
    { v: number | null } | undefined;
  const current = row?.v ?? 0;
  const known = migrations.at(-1)?.version ?? 0;
  if (current > known) {
    throw new Error(
      `SQLite store schema version ${current} is newer than this build knows (${known}); refusing to open`,
    );
  }
  const applied: number[] = [];
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.exec('BEGIN IMMEDIATE');
    try {
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        migration.version,
        migration.name,
        new Date().toISOString(),
      );
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
    applied.push(migration.version);
  }
  return applied;
}
