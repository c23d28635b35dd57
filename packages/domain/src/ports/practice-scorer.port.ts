import type { MethodologyCheck } from '../practice/methodology.js';
import type { Scenario } from '../practice/scenario.js';
import type { Turn } from '../practice/transcript.js';

/** One check as a scorer judged it, before its quote is verified against the transcript. */
export interface JudgedCheck {
  readonly id: string;
  readonly passed: boolean | null;
  readonly quote?: string;
  readonly advice?: string;
}

export interface Judgement {
  readonly checks: readonly JudgedCheck[];
  readonly strengths: readonly string[];
  readonly improvements: readonly string[];
  readonly model: { readonly provider: string; readonly name: string };
}

export interface ScoreRequest {
  readonly scenario: Scenario;
  readonly checks: readonly MethodologyCheck[];
  readonly turns: readonly Turn[];
  readonly signal?: AbortSignal;
}

/**
 * Judges a finished practice against the methodology's checks. Throws a DomainError the
 * user can act on (retry) when it cannot.
 */
export interface PracticeScorer {
  judge(request: ScoreRequest): Promise<Judgement>;
}
