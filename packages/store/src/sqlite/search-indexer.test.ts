import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sessionFixture, sessionRef, userMessageFixture } from '../testing/store-fixtures.js';
import { migrate } from './migrations.js';
import { startSearchIndexer } from './search-indexer.js';
import { openSqliteStore } from './sqlite-store.js';

const scope = { userId: 'alex', groupIds: [] };
const page = { offset: 0, limit: 10 };

describe('the search index, brought up to date in batches', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'salescoach-index-'));
    file = join(dir, 'store.db');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const count = (db: DatabaseSync, table: string) =>
    (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

  it('indexes nothing inside a message write; a search indexes first and finds it', async () => {
    const store = openSqliteStore({ file });
    const session = await store.sessions.create(sessionFixture('alex'));
    const ref = sessionRef(session);
    const { message } = await store.messages.append(
      ref,
      userMessageFixture(ref, 'Fabrikam renewal'),
    );
    const raw = new DatabaseSync(file);
    try {
      expect(count(raw, 'message_fts')).toBe(0);
      expect(count(raw, 'message_fts_pending')).toBe(1);
      const { hits } = await store.search.search(scope, ['fabrikam'], page);
      expect(hits.map((h) => h.message.id)).toEqual([message.id]);
      expect(count(raw, 'message_fts_pending')).toBe(0);
    } finally {
      raw.close();
      await store.close();
    }
  });

  it('a changed message is found by its new words only, and a deleted one not at all', async () => {
    const store = openSqliteStore({ file });
    const session = await store.sessions.create(sessionFixture('alex'));
    const ref = sessionRef(session);
    const { message } = await store.messages.append(
      ref,
      userMessageFixture(ref, 'Contoso pricing'),
    );
    expect((await store.search.search(scope, ['contoso'], page)).hits).toHaveLength(1);
    await store.messages.update(ref, message.id, { content: 'Tailspin pricing' });
    expect((await store.search.search(scope, ['contoso'], page)).hits).toEqual([]);
    expect((await store.search.search(scope, ['tailspin'], page)).hits).toHaveLength(1);
    await store.sessions.delete('alex', session.id);
    expect((await store.search.search(scope, ['tailspin'], page)).hits).toEqual([]);
    await store.close();
  });

  it('what one process stored and did not index yet is indexed by another (nothing is lost)', async () => {
    const writer = openSqliteStore({ file });
    const session = await writer.sessions.create(sessionFixture('alex'));
    const ref = sessionRef(session);
    const { message } = await writer.messages.append(ref, userMessageFixture(ref, 'Litware pilot'));
    // A second process on the same file, while the writer has not flushed.
    const reader = openSqliteStore({ file });
    const { hits } = await reader.search.search(scope, ['litware'], page);
    expect(hits.map((h) => h.message.id)).toEqual([message.id]);
    await reader.close();
    await writer.close();
  });

  it('catches up on its own, without a search, within a few intervals', async () => {
    const db = new DatabaseSync(file);
    migrate(db);
    db.exec(`INSERT INTO sessions (id, user_id, title, role, created_at, updated_at, updated_ms, kind)
             VALUES ('s1', 'alex', 't', 'Sales', 'x', 'x', 0, 'chat')`);
    db.prepare(
      `INSERT INTO messages (conversation_kind, conversation_id, seq, partition_key, id, client_message_id, status, doc)
       VALUES ('session', 's1', 1, 'alex', 'm1', NULL, 'complete', ?)`,
    ).run(JSON.stringify({ content: 'Proseware expansion' }));
    const indexer = startSearchIndexer(db, 10);
    try {
      await expect.poll(() => count(db, 'message_fts_pending'), { timeout: 5_000 }).toBe(0);
      expect(count(db, 'message_fts')).toBe(1);
      const match = db
        .prepare("SELECT COUNT(*) AS n FROM message_fts WHERE message_fts MATCH 'proseware'")
        .get() as { n: number };
      expect(match.n).toBe(1);
    } finally {
      indexer.close();
      db.close();
    }
  });
});
