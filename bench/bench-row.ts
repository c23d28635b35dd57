/** One line of the benchmark table. `ratio` is value / baseline (the baseline is measured in the same run). */
export interface BenchRow {
  metric: string;
  value: number;
  baseline: number;
  ratio: number;
  unit: string;
  goal: string;
  /** true = goal met, false = missed, undefined = informational (or judged from `goal`). */
  pass?: boolean;
  note?: string;
}

/** Nearest-rank percentile of the samples (0 when there are none). */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return 0;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))] ?? 0;
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

/** Rounds to a few significant decimals for the table. */
export function round(value: number): number {
  if (!Number.isFinite(value)) return value;
  const abs = Math.abs(value);
  const digits = abs >= 1_000 ? 0 : abs >= 100 ? 1 : abs >= 1 ? 2 : 3;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

export function row(fields: Omit<BenchRow, 'ratio'> & { ratio?: number }): BenchRow {
  const ratio = fields.ratio ?? (fields.baseline > 0 ? fields.value / fields.baseline : 0);
  return {
    ...fields,
    value: round(fields.value),
    baseline: round(fields.baseline),
    ratio: Math.round(ratio * 100) / 100,
  };
}

/**
 * Pass/miss for a row: its own `pass`, or else read from a goal such as "p99 < 2,000 µs"
 * compared with the value; rows whose goal names no bound are informational.
 */
export function verdict(benchRow: BenchRow): 'pass' | 'miss' | 'info' {
  if (benchRow.pass !== undefined) return benchRow.pass ? 'pass' : 'miss';
  // A goal about one percentile says nothing about a row of another ("p99 < 2 ms" on a p50 row).
  const goalPercentile = /\bp(\d+)\b/.exec(benchRow.goal)?.[1];
  const rowPercentile = /\bp(\d+)\b/.exec(benchRow.metric)?.[1];
  if (goalPercentile && rowPercentile && goalPercentile !== rowPercentile) return 'info';
  const match = /(<=|>=|≤|≥|<|>)\s*([\d,.]+)/.exec(benchRow.goal);
  if (!match?.[1] || !match[2]) return 'info';
  const bound = Number(match[2].replaceAll(',', ''));
  if (!Number.isFinite(bound)) return 'info';
  const v = benchRow.value;
  const ok = {
    '<': v < bound,
    '<=': v <= bound,
    '≤': v <= bound,
    '>': v > bound,
    '>=': v >= bound,
    '≥': v >= bound,
  }[match[1]];
  return ok ? 'pass' : 'miss';
}

/** A row that records a benchmark that could not run, so the table shows it instead of hiding it. */
export function failedRow(metric: string, error: unknown): BenchRow {
  return {
    metric,
    value: Number.NaN,
    baseline: Number.NaN,
    ratio: Number.NaN,
    unit: '',
    goal: '',
    pass: false,
    note: `did not run: ${(error as Error).message ?? String(error)}`.slice(0, 300),
  };
}
