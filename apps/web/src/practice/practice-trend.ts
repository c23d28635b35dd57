import type { ChartSpec } from '@salescoach/domain';
import type { PracticeSummary } from './practice-types.js';

type Scored = PracticeSummary & { scorecard: NonNullable<PracticeSummary['scorecard']> };

/** The scored practices, oldest first (the history arrives newest first). */
function scoredOldestFirst(history: readonly PracticeSummary[]): Scored[] {
  return history.filter((p): p is Scored => p.scorecard !== undefined).reverse();
}

const pointLabel = (p: Scored, i: number): string =>
  `${i + 1} · ${p.scorecard.createdAt.slice(5, 10)}`;

/** The rep's score over their scored practices, oldest first. */
export function scoreTrend(history: readonly PracticeSummary[]): ChartSpec | null {
  const scored = scoredOldestFirst(history);
  if (scored.length === 0) return null;
  return {
    kind: 'line',
    title: 'Your practice score over time',
    x: { key: 'practice', label: 'Practice' },
    series: [{ key: 'score', label: 'Score' }],
    data: scored.map((p, i) => ({ practice: pointLabel(p, i), score: p.scorecard.score })),
    unit: 'number',
    source: 'tool',
  };
}

/** Every check the rep has been scored on, by id, in the order first met. */
export function checksSeen(history: readonly PracticeSummary[]): { id: string; label: string }[] {
  const seen = new Map<string, string>();
  for (const p of scoredOldestFirst(history))
    for (const c of p.scorecard.checks) if (!seen.has(c.id)) seen.set(c.id, c.label);
  return [...seen].map(([id, label]) => ({ id, label }));
}

/**
 * One check over time: in each practice where it applied, whether it passed (100 or 0),
 * and the share of those practices it has passed in so far.
 */
export function checkTrend(history: readonly PracticeSummary[], checkId: string): ChartSpec | null {
  let applicable = 0;
  let passed = 0;
  const data: Record<string, string | number | null>[] = [];
  const scored = scoredOldestFirst(history);
  let label = checkId;
  scored.forEach((p, i) => {
    const check = p.scorecard.checks.find((c) => c.id === checkId);
    if (!check || check.passed === null) return;
    label = check.label;
    applicable += 1;
    if (check.passed) passed += 1;
    data.push({
      practice: pointLabel(p, i),
      result: check.passed ? 100 : 0,
      rate: Math.round((100 * passed) / applicable),
    });
  });
  if (data.length === 0) return null;
  return {
    kind: 'line',
    title: `${label}: passed over time`,
    x: { key: 'practice', label: 'Practice' },
    series: [
      { key: 'result', label: 'This practice (100 = passed)' },
      { key: 'rate', label: 'Passed so far (%)' },
    ],
    data,
    unit: 'percent',
    source: 'tool',
  };
}
