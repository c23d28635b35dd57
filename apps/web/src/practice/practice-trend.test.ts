import { describe, expect, it } from 'vitest';
import { checksSeen, checkTrend, scoreTrend } from './practice-trend.js';
import type { PracticeSummary } from './practice-types.js';

type Check = NonNullable<PracticeSummary['scorecard']>['checks'][number];

/** A practice as `practice.list` returns it; only what the trend reads is filled in. */
const practice = (id: string, day: string, checks: Check[] | null): PracticeSummary =>
  ({
    id,
    status: checks ? 'scored' : 'active',
    createdAt: `2026-11-${day}T09:00:00.000Z`,
    scenario: { title: id },
    ...(checks
      ? {
          scorecard: {
            score: Math.round(
              (100 * checks.filter((c) => c.passed).length) /
                Math.max(1, checks.filter((c) => c.passed !== null).length),
            ),
            checks,
            strengths: [],
            improvements: [],
            model: { provider: 'offline', name: 'offline model' },
            createdAt: `2026-11-${day}T09:30:00.000Z`,
          },
        }
      : {}),
  }) as unknown as PracticeSummary;

const pain = (passed: boolean | null): Check => ({ id: 'meddicc.pain', label: 'Pain', passed });
const close = (passed: boolean | null): Check => ({
  id: 'closing.dated-next-step',
  label: 'Dated next step',
  passed,
});

// Newest first, as the API lists them; p2 is still being played.
const history = [
  practice('p4', '20', [pain(true), close(true)]),
  practice('p3', '12', [pain(true), close(null)]),
  practice('p2', '11', null),
  practice('p1', '10', [pain(false), close(false)]),
];

describe('practice trends', () => {
  it('charts the score of scored practices, oldest first', () => {
    expect(scoreTrend(history)?.data).toEqual([
      { practice: '1 · 11-10', score: 0 },
      { practice: '2 · 11-12', score: 100 },
      { practice: '3 · 11-20', score: 100 },
    ]);
    expect(scoreTrend([practice('p2', '11', null)])).toBeNull();
  });

  it('charts one check where it applied: passed or not, and the share passed so far', () => {
    expect(checksSeen(history)).toEqual([
      { id: 'meddicc.pain', label: 'Pain' },
      { id: 'closing.dated-next-step', label: 'Dated next step' },
    ]);
    expect(checkTrend(history, 'meddicc.pain')?.data).toEqual([
      { practice: '1 · 11-10', result: 0, rate: 0 },
      { practice: '2 · 11-12', result: 100, rate: 50 },
      { practice: '3 · 11-20', result: 100, rate: 67 },
    ]);
    expect(checkTrend(history, 'closing.dated-next-step')?.data).toEqual([
      { practice: '1 · 11-10', result: 0, rate: 0 },
      { practice: '3 · 11-20', result: 100, rate: 50 },
    ]);
    expect(checkTrend(history, 'closing.dated-next-step')?.title).toBe(
      'Dated next step: passed over time',
    );
  });
});
