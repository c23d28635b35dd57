import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  sessionRef,
  sessionFixture,
  userMessageFixture,
} from '../packages/store/src/testing/store-fixtures.js';
import { openSqliteStore } from '../packages/store/src/sqlite/index.js';
import { startApiProcess } from './api-process.js';
import { percentile, row, type BenchRow } from './bench-row.js';

export interface HistoryOptions {
  /** Messages in each measured session; the first is the baseline the others are held to. */
  readonly sizes: readonly number[];
  /** Loads of the newest page per session. */
  readonly loads: number;
  readonly limit: number;
}

const USER = 'history';
const CONTENT =
  'How is my Q3 pipeline tracking against quota, and which deals should I push first? ';

/** Sessions of dev:history with `size` messages each, written into the API's own SQLite file. */
async function seed(dataDir: string, sizes: readonly number[]): Promise<string[]> {
  const store = openSqliteStore({ file: join(dataDir, 'salescoach.db') });
  try {
    const ids: string[] = [];
    for (const size of sizes) {
      const session = await store.sessions.create(sessionFixture(`dev:${USER}`));
      const ref = sessionRef(session);
      for (let i = 0; i < size; i += 1)
        await store.messages.append(ref, userMessageFixture(ref, `${CONTENT}${i}`));
      ids.push(session.id);
    }
    return ids;
  } finally {
    await store.close();
  }
}

/**
 * 6. Opening a chat: the newest page of its history (`chat.messages.list`, limit 50) through
 * the API over its WebSocket, for sessions of 10, 1,000 and 10,000 messages: the time should
 * not grow with the session (the store reads the page by seq from an index).
 */
export async function runHistoryBench(options: HistoryOptions): Promise<BenchRow[]> {
  const api = await startApiProcess();
  try {
    const seedStart = performance.now();
    const sessions = await seed(api.dataDir, options.sizes);
    const seedMs = performance.now() - seedStart;
    const client = api.client(await api.user(USER));
    const load = async (sessionId: string) => {
      const start = performance.now();
      const page = await client.api.chat.messages.list.query({ sessionId, limit: options.limit });
      if (page.messages.length === 0) throw new Error('a seeded session read back empty');
      return performance.now() - start;
    };
    const timings: { first: number; loads: number[] }[] = [];
    for (const sessionId of sessions) timings.push({ first: await load(sessionId), loads: [] });
    // Round-robin over the sessions, so a slower moment of a shared machine falls on all sizes.
    for (let i = 0; i < options.loads; i += 1)
      for (const [at, sessionId] of sessions.entries())
        timings[at]!.loads.push(await load(sessionId));
    const base = timings[0]!;
    const baseSize = options.sizes[0]!;
    return options.sizes.map((size, i) => {
      const t = timings[i]!;
      return row({
        metric: `history load: newest ${options.limit} of a session with ${size.toLocaleString('en')} messages p50, vs ${baseSize.toLocaleString('en')}`,
        value: percentile(t.loads, 50),
        baseline: percentile(base.loads, 50),
        unit: 'ms',
        goal: 'ratio ≈ 1 (flat)',
        pass: percentile(t.loads, 50) <= Math.max(percentile(base.loads, 50) * 1.5, 1),
        note:
          i === 0
            ? `SQLite, through the API over its WebSocket; ${options.loads} loads of each after a first one, taken in turn; seeded in ${Math.round(seedMs)} ms straight into the API's store file`
            : `p99 ${percentile(t.loads, 99).toFixed(2)} ms (vs ${percentile(base.loads, 99).toFixed(2)} ms); first load ${t.first.toFixed(2)} ms (vs ${base.first.toFixed(2)} ms)`,
      });
    });
  } finally {
    await api.close();
  }
}
