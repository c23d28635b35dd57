import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_PAGE_SIZE, readMessagePage, type EventLog, type Message } from '@salescoach/domain';
import { afterAll, describe, expect, it } from 'vitest';
import { sessionFixture, sessionRef, userMessageFixture } from '../testing/store-fixtures.js';
import { openSqliteStore } from './sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'salescoach-paging-'));
const store = openSqliteStore({ file: join(dir, 'store.db') });
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The page reader only asks the log for its newest id. */
const log = { latestId: async () => undefined } as unknown as EventLog;

describe('history paging over the real SQLite store', () => {
  it('reaches every message at every allowed limit, the largest included', async () => {
    const session = await store.sessions.create(sessionFixture('pager'));
    const ref = sessionRef(session);
    const total = 2 * MAX_PAGE_SIZE + 50;
    for (let i = 0; i < total; i++)
      await store.messages.append(ref, userMessageFixture(ref, `message ${i}`));
    for (let limit = 1; limit <= MAX_PAGE_SIZE; limit += 1) {
      const seen: Message[] = [];
      let before: number | undefined;
      for (;;) {
        const page = await readMessagePage(log, store.messages, ref, { before, limit });
        seen.unshift(...page.messages);
        if (!page.hasMore) break;
        before = page.messages[0]!.seq;
      }
      expect(seen.map((m) => m.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    }
  });
});
