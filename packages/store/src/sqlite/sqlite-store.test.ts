import { conversationId } from '@salescoach/domain';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { describeStoreContract } from '../testing/store-contract.js';
import { sessionFixture, sessionRef, userMessageFixture } from '../testing/store-fixtures.js';
import { MIGRATIONS } from './migrations.js';
import { openSqliteStore } from './sqlite-store.js';

function withRawDatabase(file: string, work: (db: DatabaseSync) => void): void {
  const db = new DatabaseSync(file);
  try {
    work(db);
  } finally {
    db.close();
  }
}

describeStoreContract('sqlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'salescoach-store-'));
  const file = join(dir, 'nested', 'store.db');
  let store = openSqliteStore({ file });
  return {
    store,
    reopen: async () => {
      await store.close();
      store = openSqliteStore({ file });
      return store;
    },
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
    rawCredentials: async () => {
      let dump = '';
      withRawDatabase(file, (db) => {
        for (const table of ['mcp_tokens', 'mcp_pending', 'mcp_clients'])
          dump += JSON.stringify(db.prepare(`SELECT * FROM ${table}`).all());
      });
      return dump;
    },
    corrupt: {
      async message(ref, messageId) {
        withRawDatabase(file, (db) =>
          db
            .prepare('UPDATE messages SET doc = ? WHERE conversation_id = ? AND id = ?')
            .run('{"id":42,"content":null}', conversationId(ref), messageId),
        );
      },
      async session(_userId, sessionId) {
        withRawDatabase(file, (db) =>
          db.prepare('UPDATE sessions SET title = ? WHERE id = ?').run('x'.repeat(500), sessionId),
        );
      },
    },
  };
});

describe('sqlite schema migrations', () => {
  it('records each migration once and refuses a database from a newer build', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'salescoach-migrate-'));
    const file = join(dir, 'store.db');
    try {
      await openSqliteStore({ file }).close();
      await openSqliteStore({ file }).close();
      withRawDatabase(file, (db) => {
        const rows = db.prepare('SELECT version FROM schema_migrations ORDER BY version').all();
        expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
        expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
        db.prepare(
          "INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', '2099-01-01T00:00:00Z')",
        ).run();
      });
      expect(() => openSqliteStore({ file })).toThrow(/schema version 999 is newer/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('sqlite full-text index (migration 9)', () => {
  it('indexes the messages stored before it existed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'salescoach-fts-'));
    const file = join(dir, 'store.db');
    try {
      const store = openSqliteStore({ file });
      const session = await store.sessions.create(sessionFixture('alex'));
      const ref = sessionRef(session);
      const { message } = await store.messages.append(
        ref,
        userMessageFixture(ref, 'Backfilled Northwind forecast'),
      );
      await store.close();
      // Back to the schema before search: no index, no triggers, version 8 not applied.
      const search = MIGRATIONS.find((m) => m.name === 'full-text search over messages')!;
      withRawDatabase(file, (db) => {
        db.exec(`DROP TRIGGER messages_fts_insert; DROP TRIGGER messages_fts_update;
          DROP TRIGGER messages_fts_delete; DROP TABLE message_fts; DROP TABLE message_fts_rows;
          DROP TABLE message_fts_pending;`);
        db.prepare('DELETE FROM schema_migrations WHERE version >= ?').run(search.version);
      });
      const reopened = openSqliteStore({ file });
      const { hits } = await reopened.search.search(
        { userId: 'alex', groupIds: [] },
        ['northwind'],
        { offset: 0, limit: 5 },
      );
      expect(hits.map((h) => h.message.id)).toEqual([message.id]);
      await reopened.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
