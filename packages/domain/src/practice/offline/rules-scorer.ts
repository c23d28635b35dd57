import type { Judgement, PracticeScorer, ScoreRequest } from '../../ports/practice-scorer.port.js';
import { repTurns } from '../transcript.js';
import { objectionRaised } from './offline-buyer.js';
import { scoreByRules } from './rule-scorer.js';

export const OFFLINE_MODEL = { provider: 'offline', name: 'offline model' } as const;

/** The offline model's scorer: the methodology files' deterministic rules. */
export function createRulesScorer(): PracticeScorer {
  return {
    judge(request: ScoreRequest): Promise<Judgement> {
      const buyerLines = request.turns.filter((t) => t.speaker === 'buyer').map((t) => t.content);
      const scored = scoreByRules(request.checks, repTurns(request.turns), {
        objectionRaised: objectionRaised(request.scenario, buyerLines),
      });
      return Promise.resolve({
        checks: scored.checks.map((c) => ({
          id: c.id,
          passed: c.passed,
          ...(c.evidence ? { quote: c.evidence } : {}),
          ...(c.advice ? { advice: c.advice } : {}),
        })),
        strengths: scored.strengths,
        improvements: scored.improvements,
        model: OFFLINE_MODEL,
      });
    },
  };
}
