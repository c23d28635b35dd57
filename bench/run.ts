// `pnpm bench`: every benchmark in turn, one table printed and written to docs/benchmarks.md.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runInsightsBench } from '../packages/store/bench/insights-bench.js';
import { runStoreBench } from '../packages/store/bench/store-bench.js';
import { repoRoot } from './api-env.js';
import { readBenchOptions } from './bench-options.js';
import { failedRow, verdict, type BenchRow } from './bench-row.js';
import { fanoutFlatnessRows, runFanoutBench } from './fanout-bench.js';
import { runHistoryBench } from './history-bench.js';
import { runIdleConnectionsBench } from './idle-connections-bench.js';
import { machineFacts } from './machine.js';
import { markdownTable, textTable, writeSection } from './report.js';
import { runSendLatencyBench } from './send-latency-bench.js';
import { runSpaBench } from './spa-bench.js';
import { runStreamingBench } from './streaming-bench.js';

const PER_BENCHMARK_TIMEOUT_MS = 5 * 60_000;
const IDLE_CONNECTIONS = 2_000;

/** The soft limit on open files, from /proc (Linux); undefined elsewhere. */
async function openFileLimit(): Promise<number | undefined> {
  try {
    const limits = await readFile('/proc/self/limits', 'utf8');
    const match = /^Max open files\s+(\d+)/m.exec(limits);
    return match?.[1] ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

function withTimeout<T>(name: string, work: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(new Error(`${name} took longer than ${PER_BENCHMARK_TIMEOUT_MS / 60_000} minutes`)),
      PER_BENCHMARK_TIMEOUT_MS,
    );
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

async function main(): Promise<void> {
  const options = readBenchOptions();
  const fdLimit = await openFileLimit();
  const profile = (file: string) =>
    options.profileDir ? join(options.profileDir, file) : undefined;
  // Each side (this process's clients, the server child) holds one descriptor per socket.
  const connections =
    fdLimit === undefined ? IDLE_CONNECTIONS : Math.min(IDLE_CONNECTIONS, fdLimit - 256);
  const benchmarks: { name: string; title: string; run: () => Promise<BenchRow[]> }[] = [
    {
      name: 'fanout-50',
      title: 'group fan-out, 50 members',
      run: () =>
        runFanoutBench({
          members: 50,
          messages: 400,
          profileFile: profile('fanout-50.cpuprofile'),
        }),
    },
    {
      name: 'fanout-500',
      title: 'group fan-out, 500 members',
      run: () =>
        runFanoutBench({
          members: 500,
          messages: 200,
          profileFile: profile('fanout-500.cpuprofile'),
        }),
    },
    {
      name: 'fanout-2000',
      title: 'group fan-out, 2,000 members',
      run: async () => [
        ...(await runFanoutBench({ members: 2_000, messages: 100 })),
        ...fanoutFlatnessRows(),
      ],
    },
    {
      name: 'streaming',
      title: 'streaming relay',
      run: () => runStreamingBench({ tokens: 5_000, runs: 3 }),
    },
    {
      name: 'idle',
      title: 'idle connections',
      run: async () => {
        const rows = await runIdleConnectionsBench({
          connections,
          roomSizes: [20, connections],
          heapSnapshotFile: profile('idle.heapsnapshot'),
        });
        if (connections < IDLE_CONNECTIONS && rows[0]) {
          rows[0].note = `${rows[0].note ?? ''} (only ${connections} sockets: the open-file limit is ${fdLimit}; raise it with \`ulimit -n 8192\`)`;
        }
        return rows;
      },
    },
    {
      name: 'latency',
      title: 'send to first delta',
      run: () => runSendLatencyBench({ users: 50, rounds: 10, spreadMs: 1_000 }),
    },
    {
      name: 'history',
      title: 'history load',
      // The baseline is a session whose newest page is full (50 messages), like the larger
      // ones: the rows then compare the same page size (a 10-message session reads only 10).
      run: () => runHistoryBench({ sizes: [50, 10, 1_000, 10_000], loads: 40, limit: 50 }),
    },
    { name: 'store', title: 'store', run: () => runStoreBench() },
    { name: 'insights', title: 'insights at scale', run: () => runInsightsBench() },
    { name: 'spa', title: 'SPA', run: () => runSpaBench() },
  ];

  const started = performance.now();
  const rows: BenchRow[] = [];
  for (const bench of benchmarks) {
    // BENCH_ONLY=fanout runs every fanout-* entry.
    const chosen = options.only?.some((n) => bench.name === n || bench.name.startsWith(`${n}-`));
    if (options.only && !chosen) continue;
    const t0 = performance.now();
    process.stdout.write(`• ${bench.title} … `);
    try {
      rows.push(...(await withTimeout(bench.title, bench.run())));
      process.stdout.write(`${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
    } catch (error) {
      rows.push(failedRow(bench.title, error));
      process.stdout.write(`failed: ${(error as Error).message}\n`);
    }
  }
  const durationS = (performance.now() - started) / 1000;
  const machine = machineFacts();
  console.log(`\n${textTable(rows)}\n`);
  const missed = rows.filter((r) => verdict(r) === 'miss').length;
  console.log(`${rows.length} rows, ${missed} missed a goal, ${Math.round(durationS)} s`);
  // A subset is printed with its notes, and leaves the file alone.
  if (options.only) console.log(markdownTable(rows, machine, durationS));
  if (options.writeDocs && !options.only) {
    await writeSection(
      join(repoRoot, 'docs/benchmarks.md'),
      'bench:table',
      markdownTable(rows, machine, durationS),
    );
    console.log('table written to docs/benchmarks.md');
  }
}

await main();
