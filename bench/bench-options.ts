/**
 * The benchmark's knobs. bench/ sits outside the product, so it reads its own environment
 * variables here, in this one place, and nowhere else.
 */
export interface SoakOptions {
  readonly users: number;
  readonly durationMs: number;
  readonly warmupMs: number;
  readonly sampleEveryMs: number;
  /** SOAK_HEAP_SNAPSHOTS=dir writes the API's heap at the first and last samples (to diff what grows). */
  readonly heapSnapshotDir: string | undefined;
}

export interface BenchOptions {
  /** Run only the benchmarks whose names are listed (comma-separated BENCH_ONLY), or all. */
  readonly only: readonly string[] | undefined;
  /** Write docs/benchmarks.md (BENCH_WRITE_DOCS=0 to only print). */
  readonly writeDocs: boolean;
  /** BENCH_PROFILE_DIR=dir writes a CPU profile of the API while fan-out sends and a heap snapshot of the idle sockets. */
  readonly profileDir: string | undefined;
  readonly soak: SoakOptions;
}

function positive(raw: string | undefined, fallback: number): number {
  const value = Number(raw);
  return raw !== undefined && raw !== '' && Number.isFinite(value) && value > 0 ? value : fallback;
}

export function readBenchOptions(): BenchOptions {
  // eslint-disable-next-line no-restricted-properties -- bench/ is outside the product; its options are read here only.
  const env = process.env;
  const only = env.BENCH_ONLY?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const minutes = positive(env.SOAK_MINUTES, 10);
  return {
    only: only && only.length > 0 ? only : undefined,
    writeDocs: env.BENCH_WRITE_DOCS !== '0',
    profileDir: env.BENCH_PROFILE_DIR || undefined,
    soak: {
      users: Math.round(positive(env.SOAK_USERS, 200)),
      durationMs: Math.round(minutes * 60_000),
      warmupMs: Math.round(positive(env.SOAK_WARMUP_SECONDS, Math.min(90, minutes * 30)) * 1_000),
      sampleEveryMs: Math.round(positive(env.SOAK_SAMPLE_SECONDS, 30) * 1_000),
      heapSnapshotDir: env.SOAK_HEAP_SNAPSHOTS || undefined,
    },
  };
}
