import { verbatimQuote } from './evidence.js';
import type { MethodologyCheck } from './methodology.js';
import type { Judgement } from '../ports/practice-scorer.port.js';
import { scoreOf, type CheckResult, type Scorecard } from './scorecard.js';
import { scorecardNotes } from './scorecard-notes.js';
import { repTurns, type Turn } from './transcript.js';

/**
 * Turns a scorer's judgement into the stored scorecard: every check of the methodology,
 * once, in the file's order; a quote not found verbatim in the rep's own turns is dropped
 * and its check is not passed; the score is computed from the checks; two strengths and two
 * improvements, always.
 */
export function buildScorecard(
  checks: readonly MethodologyCheck[],
  judgement: Judgement,
  turns: readonly Turn[],
  now: Date,
): Scorecard {
  const lines = repTurns(turns);
  const judged = new Map(judgement.checks.map((c) => [c.id, c]));
  const results = checks.map((check): CheckResult => {
    const verdict = judged.get(check.id);
    const base = { id: check.id, label: check.label };
    if (!verdict || verdict.passed === null) {
      return verdict ? { ...base, passed: null } : { ...base, passed: false, advice: check.advice };
    }
    const evidence = verbatimQuote(verdict.quote, lines);
    const given = verdict.advice?.trim().slice(0, 300);
    if (verdict.passed && evidence)
      return { ...base, passed: true, evidence, advice: given || check.strength };
    // A pass without a quote the rep really said is not a pass.
    return {
      ...base,
      passed: false,
      advice: verdict.passed ? check.advice : given || check.advice,
    };
  });
  return {
    score: scoreOf(results),
    checks: results,
    ...scorecardNotes(checks, results, judgement, lines.length),
    model: judgement.model,
    createdAt: now.toISOString(),
  };
}
