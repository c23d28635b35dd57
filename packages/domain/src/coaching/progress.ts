import type { Practice } from '../practice/practice.js';

/** How often a methodology check passed where it applied. */
export interface CheckRate {
  readonly id: string;
  readonly label: string;
  readonly passed: number;
  readonly applicable: number;
  /** Passed over applicable, 0–100; null when it never applied. */
  readonly rate: number | null;
}

export interface ScorePoint {
  readonly at: string;
  readonly score: number;
  readonly scenarioTitle: string;
}

/** Pass rates per check over scored practices, in the order the checks first appear. */
export function checkRates(practices: readonly Practice[]): CheckRate[] {
  const rates = new Map<string, { label: string; passed: number; applicable: number }>();
  for (const practice of practices)
    for (const check of practice.scorecard?.checks ?? []) {
      const rate = rates.get(check.id) ?? { label: check.label, passed: 0, applicable: 0 };
      if (check.passed !== null) {
        rate.applicable += 1;
        if (check.passed) rate.passed += 1;
      }
      rates.set(check.id, rate);
    }
  return [...rates].map(([id, r]) => ({
    id,
    ...r,
    rate: r.applicable === 0 ? null : Math.round((100 * r.passed) / r.applicable),
  }));
}

/** Scores oldest first: the data of a trend line. */
export function scorePoints(practices: readonly Practice[]): ScorePoint[] {
  return practices
    .filter((p) => p.scorecard)
    .map((p) => ({
      at: p.scorecard!.createdAt,
      score: p.scorecard!.score,
      scenarioTitle: p.scenario.title,
    }))
    .sort((a, b) => a.at.localeCompare(b.at));
}

/** The change from the mean of the earlier scores to the latest one; null with fewer than two. */
export function trendOf(points: readonly ScorePoint[]): number | null {
  if (points.length < 2) return null;
  const earlier = points.slice(0, -1);
  const mean = earlier.reduce((n, p) => n + p.score, 0) / earlier.length;
  return Math.round(points.at(-1)!.score - mean);
}
