import type { Store } from '@salescoach/domain';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { migrate } from './migrations.js';
import { createSqliteAudit } from './sqlite-audit.js';
import { createSqliteFeedback } from './sqlite-feedback.js';
import { createSqliteGroups } from './sqlite-groups.js';
import { createSqliteMessages } from './sqlite-messages.js';
import { createSqliteAssignments, createSqliteTeamScenarios } from './sqlite-coaching.js';
import { createSqliteApprovals } from './sqlite-approvals.js';
import { createSqliteMcpCredentials } from './sqlite-mcp-credentials.js';
import { createSqlitePins } from './sqlite-pins.js';
import { createSqlitePractices } from './sqlite-practices.js';
import { createSqliteQuestions } from './sqlite-questions.js';
import { createSqliteSearch } from './sqlite-search.js';
import { startSearchIndexer } from './search-indexer.js';
import { startWalCheckpointer, type WalCheckpointer } from './wal-checkpointer.js';
import { createSqliteRoomPractices } from './sqlite-room-practices.js';
import { createSqliteSessions } from './sqlite-sessions.js';

export interface SqliteStoreOptions {
  /** Database file (its directory is created); `:memory:` for a throwaway database. */
  readonly file: string;
  /** How long a writer waits for another process's lock before failing (default 5 s). */
  readonly busyTimeoutMs?: number;
  /** How often a worker copies the WAL into the database file (default 1 s). */
  readonly checkpointIntervalMs?: number;
}

/** Opens (creating and migrating as needed) the embedded store. Synchronous; close() releases the file. */
export function openSqliteStore(options: SqliteStoreOptions): Store {
  if (options.file !== ':memory:') mkdirSync(dirname(options.file), { recursive: true });
  const db = new DatabaseSync(options.file);
  try {
    db.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5_000))}`);
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = NORMAL');
    db.exec('PRAGMA foreign_keys = ON');
    migrate(db);
    // A file's WAL is checkpointed by a worker, not inside whichever COMMIT crosses the limit.
    if (options.file !== ':memory:') db.exec('PRAGMA wal_autocheckpoint = 0');
    // After a burst, a WAL that started over is cut back to 64 MiB.
    db.exec(`PRAGMA journal_size_limit = ${64 * 1024 * 1024}`);
  } catch (error) {
    db.close();
    throw error;
  }
  const ping = db.prepare('SELECT 1 AS ok');
  const indexer = startSearchIndexer(db);
  let closing: Promise<void> | undefined;
  const checkpointer: WalCheckpointer | null =
    options.file === ':memory:'
      ? null
      : startWalCheckpointer(
          options.file,
          () => {
            if (db.isOpen) db.exec('PRAGMA wal_autocheckpoint = 1000');
          },
          { intervalMs: options.checkpointIntervalMs },
        );
  return {
    kind: 'sqlite',
    sessions: createSqliteSessions(db),
    groups: createSqliteGroups(db),
    messages: createSqliteMessages(db),
    questions: createSqliteQuestions(db),
    practices: createSqlitePractices(db),
    pins: createSqlitePins(db),
    approvals: createSqliteApprovals(db),
    mcpCredentials: createSqliteMcpCredentials(db),
    feedback: createSqliteFeedback(db),
    teamScenarios: createSqliteTeamScenarios(db),
    assignments: createSqliteAssignments(db),
    search: createSqliteSearch(db, indexer),
    roomPractices: createSqliteRoomPractices(db),
    audit: createSqliteAudit(db),
    async ping() {
      ping.get();
    },
    close() {
      closing ??= (async () => {
        if (!db.isOpen) return;
        indexer.close();
        await checkpointer?.close();
        db.close();
      })();
      return closing;
    },
  };
}
