import { MAX_PAGE_SIZE, type Store } from '@salescoach/domain';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openCosmosStore } from '../src/cosmos/index.js';
import { createMemoryStore } from '../src/memory/index.js';
import { openSqliteStore } from '../src/sqlite/index.js';
import { startCosmosTestServer } from '../src/testing/cosmos-test-server.js';
import { sessionFixture, sessionRef, userMessageFixture } from '../src/testing/store-fixtures.js';

export interface BenchRow {
  metric: string;
  value: number;
  baseline: number;
  ratio: number;
  unit: string;
  goal: string;
  note?: string;
}

interface Timings {
  appendMs: number[];
  pageMs: number[];
}

const percentile = (samples: readonly number[], p: number): number => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

/** Appends `appends` messages to one session, then reads `pages` pages (latest and older). */
async function measure(store: Store, appends: number, pages: number): Promise<Timings> {
  const session = await store.sessions.create(sessionFixture('bench-user'));
  const ref = sessionRef(session);
  const content = 'How is my Q3 pipeline tracking against quota? '.repeat(10);
  const appendMs: number[] = [];
  for (let i = 0; i < appends; i += 1) {
    const message = userMessageFixture(ref, content, { clientMessageId: `bench-${i}` });
    const start = performance.now();
    await store.messages.append(ref, message);
    appendMs.push(performance.now() - start);
  }
  const pageMs: number[] = [];
  for (let i = 0; i < pages; i += 1) {
    const beforeSeq = i % 2 === 0 ? undefined : 1 + ((i * 7919) % appends);
    const start = performance.now();
    await store.messages.list(ref, {
      limit: 50,
      ...(beforeSeq === undefined ? {} : { beforeSeq }),
    });
    pageMs.push(performance.now() - start);
  }
  return { appendMs, pageMs };
}

function rows(
  label: string,
  measured: Timings,
  baseline: Timings,
  unit: 'µs' | 'ms',
  goals: { append: string; page: string },
  note?: string,
): BenchRow[] {
  const scale = unit === 'µs' ? 1_000 : 1;
  const round = (n: number) =>
    unit === 'µs' ? Math.round(n * 10) / 10 : Math.round(n * 1_000) / 1_000;
  const out: BenchRow[] = [];
  for (const [kind, samples, base, goal] of [
    ['append', measured.appendMs, baseline.appendMs, goals.append],
    ['page read (50)', measured.pageMs, baseline.pageMs, goals.page],
  ] as const) {
    for (const p of [50, 99]) {
      const value = percentile(samples, p) * scale;
      const baselineValue = percentile(base, p) * scale;
      out.push({
        metric: `store ${kind} p${p} — ${label}`,
        value: round(value),
        baseline: round(baselineValue),
        ratio: baselineValue > 0 ? Math.round((value / baselineValue) * 100) / 100 : 0,
        unit,
        goal,
        ...(note === undefined ? {} : { note }),
      });
    }
  }
  return out;
}

/**
 * Message append and page reads: SQLite (temp file, WAL) and Cosmos (cosmosdb-server,
 * in-process over HTTPS) against the in-memory store measured in the same run. Bounded
 * loops; not run by tests.
 */
export async function runStoreBench(): Promise<BenchRow[]> {
  const memory = createMemoryStore();
  const baseline = await measure(memory, 2_000, 500);
  await memory.close();

  const dir = mkdtempSync(join(tmpdir(), 'salescoach-bench-'));
  let sqliteTimings: Timings;
  try {
    const sqlite = openSqliteStore({ file: join(dir, 'bench.db') });
    sqliteTimings = await measure(sqlite, 2_000, 500);
    await sqlite.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const server = await startCosmosTestServer();
  let cosmosTimings: Timings;
  try {
    const cosmos = await openCosmosStore({
      endpoint: server.endpoint,
      key: 'bench',
      database: 'bench',
      allowSelfSigned: true,
    });
    cosmosTimings = await measure(cosmos, 300, 100);
    await cosmos.close();
  } finally {
    await server.close();
  }

  return [
    ...rows('SQLite vs memory', sqliteTimings, baseline, 'µs', {
      append: 'p99 < 2,000 µs',
      page: 'p99 < 1,000 µs',
    }),
    ...rows(
      'Cosmos (emulator) vs memory',
      cosmosTimings,
      baseline,
      'ms',
      {
        append: 'emulator figure, not a service SLA',
        page: 'emulator figure, not a service SLA',
      },
      `cosmosdb-server in-process over HTTPS (emulator, not the service); 300 appends, 100 pages of 50 (max ${MAX_PAGE_SIZE})`,
    ),
  ];
}
