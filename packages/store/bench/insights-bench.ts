import {
  createQuestionRecorder,
  InsightsService,
  newId,
  StaticTeamDirectory,
  type Team,
  type User,
} from '@salescoach/domain';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openSqliteStore } from '../src/sqlite/index.js';
import type { BenchRow } from './store-bench.js';

const DAY_MS = 86_400_000;
const NOW = Date.parse('2026-06-30T12:00:00.000Z');
const TEAMS = 50;
const REPS_PER_TEAM = 8;
/** Questions in the queried window (the last 30 days), the same at every size. */
const IN_WINDOW = 1_000;
const QUERIES = 40;

const TOPICS = 300;
const COMMON = ['deal', 'quarter', 'customer', 'account', 'team', 'call', 'next', 'week'];

/** A deterministic question: a topic's two words and its own detail, plus common words. */
function questionText(i: number): string {
  const topic = (i * 7919) % TOPICS;
  const common = COMMON[(i * 31) % COMMON.length]!;
  const detail = ['how do I', 'what about', 'help with', 'best approach to'][i % 4]!;
  return `${detail} topic${topic}a topic${topic}b for this ${common}?`;
}

function organisation(): { teams: Team[]; reps: User[] } {
  const teams: Team[] = [];
  const reps: User[] = [];
  for (let t = 0; t < TEAMS; t += 1) {
    const members = Array.from({ length: REPS_PER_TEAM }, (_, r) => `bench:rep-${t}-${r}`);
    teams.push({
      id: `team-${t}`,
      name: `Team ${t}`,
      role: 'Sales',
      managers: [`bench:mgr-${t}`],
      members,
    });
    for (const id of members)
      reps.push({ id, tenantId: 'bench', name: id, email: '', roles: ['Sales'] });
  }
  return { teams, reps };
}

interface Measured {
  recordMs: number[];
  queryMs: number[];
}

/** Records `total` questions (history first, then the window), timing the last window's recordings and the queries. */
async function measureAt(total: number): Promise<Measured> {
  const dir = mkdtempSync(join(tmpdir(), 'salescoach-insights-bench-'));
  try {
    const store = openSqliteStore({ file: join(dir, 'bench.db') });
    const { teams, reps } = organisation();
    const directory = new StaticTeamDirectory({ teams });
    const clock = { now: () => new Date(NOW) };
    const recorder = createQuestionRecorder({
      questions: store.questions,
      clock,
      teams: directory,
    });
    const history = total - IN_WINDOW;
    const recordMs: number[] = [];
    for (let i = 0; i < total; i += 1) {
      const inWindow = i >= history;
      // History spreads over the 2 years before the window; the window over its 30 days.
      const askedMs = inWindow
        ? NOW - ((total - i) / IN_WINDOW) * 29 * DAY_MS
        : NOW - 31 * DAY_MS - ((history - i) / Math.max(1, history)) * 700 * DAY_MS;
      const asker = reps[(i * 13) % reps.length]!;
      const start = performance.now();
      await recorder.record({
        text: questionText(i),
        role: 'Sales',
        conversationKind: 'session',
        conversationId: newId(),
        asker,
        private: false,
        askedAt: new Date(askedMs).toISOString(),
      });
      if (inWindow) recordMs.push(performance.now() - start);
    }
    const insights = new InsightsService({ questions: store.questions, teams: directory, clock });
    const manager: User = {
      id: 'bench:mgr-7',
      tenantId: 'bench',
      name: 'm',
      email: '',
      roles: ['Manager'],
    };
    const queryMs: number[] = [];
    for (let q = 0; q < QUERIES; q += 1) {
      const start = performance.now();
      const result = await insights.commonQuestions(manager, { days: 30, limit: 10 });
      queryMs.push(performance.now() - start);
      if (result.totalQuestions === 0)
        throw new Error('the bench team asked nothing in the window');
    }
    await store.close();
    return { recordMs, queryMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (samples: readonly number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};
const r3 = (n: number) => Math.round(n * 1_000) / 1_000;

/**
 * Insights at scale on SQLite: a manager's 30-day query and the cost of recording one
 * question (clustering included), with 1k, 10k and 100k questions stored. The window holds
 * the same 1,000 questions each time (50 teams of 8); only the history before it grows, so
 * a flat ratio against 1k shows that cost does not follow the number of questions ever asked.
 */
export async function runInsightsBench(
  sizes: readonly number[] = [1_000, 10_000, 100_000],
): Promise<BenchRow[]> {
  const measured = new Map<number, Measured>();
  for (const size of sizes) measured.set(size, await measureAt(size));
  const base = measured.get(sizes[0]!)!;
  const rows: BenchRow[] = [];
  for (const [size, m] of measured) {
    const label = `${size / 1_000}k stored questions`;
    const query = median(m.queryMs);
    const baseQuery = median(base.queryMs);
    rows.push({
      metric: `insights query p50 — ${label}`,
      value: r3(query),
      baseline: r3(baseQuery),
      ratio: baseQuery > 0 ? Math.round((query / baseQuery) * 100) / 100 : 0,
      unit: 'ms',
      goal: 'ratio vs 1k ≈ 1 (flat)',
      note: `SQLite; one manager's team, 30 days, top 10; ${QUERIES} queries; window holds ${IN_WINDOW} of the ${size} questions`,
    });
  }
  for (const [size, m] of measured) {
    const label = `${size / 1_000}k stored questions`;
    const record = median(m.recordMs) * 1_000;
    const baseRecord = median(base.recordMs) * 1_000;
    rows.push({
      metric: `insights recording per question p50 — ${label}`,
      value: Math.round(record),
      baseline: Math.round(baseRecord),
      ratio: baseRecord > 0 ? Math.round((record / baseRecord) * 100) / 100 : 0,
      unit: 'µs',
      goal: 'ratio vs 1k ≈ 1 (flat)',
      note: `SQLite; cluster assignment + question + day counts; the last ${IN_WINDOW} recorded`,
    });
  }
  return rows;
}
