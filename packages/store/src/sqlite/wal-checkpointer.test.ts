import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sessionFixture, sessionRef, userMessageFixture } from '../testing/store-fixtures.js';
import { openSqliteStore } from './sqlite-store.js';

/** Enough appends to pass SQLite's automatic checkpoint limit (1,000 WAL pages) several times. */
const APPENDS = 1_500;

describe('WAL checkpoints, in a worker instead of inside a COMMIT', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'salescoach-wal-'));
    file = join(dir, 'store.db');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const fill = async (store: ReturnType<typeof openSqliteStore>) => {
    const ref = sessionRef(await store.sessions.create(sessionFixture('alex')));
    for (let i = 0; i < APPENDS; i += 1)
      await store.messages.append(ref, userMessageFixture(ref, `message ${i} `.repeat(20)));
  };
  const size = (path: string) => statSync(path).size;

  it('no write on the event loop copies the WAL into the database file', async () => {
    const store = openSqliteStore({ file, checkpointIntervalMs: 600_000 });
    const before = size(file);
    await fill(store);
    expect(size(`${file}-wal`)).toBeGreaterThan(1_000 * 4096);
    expect(size(file)).toBe(before);
    await store.close();
  });

  it('the worker does, on its timer', async () => {
    const store = openSqliteStore({ file, checkpointIntervalMs: 20 });
    const before = size(file);
    await fill(store);
    await expect.poll(() => size(file), { timeout: 10_000 }).toBeGreaterThan(before);
    await store.close();
  });
});
