import type { CheckRule, MethodologyCheck } from '../methodology.js';
import { matchesAny, sentencesOfTurns, type Sentence } from '../rep-lines.js';
import type { CheckResult } from '../scorecard.js';

/** What a rule found: a pass with the sentence that proves it, or a miss. */
type Finding = { readonly passed: true; readonly evidence: string } | { readonly passed: false };

const miss: Finding = { passed: false };
const found = (s: Sentence | undefined): Finding => (s ? { passed: true, evidence: s.text } : miss);

function decide(rule: CheckRule, sentences: readonly Sentence[]): Finding {
  switch (rule.type) {
    case 'asks':
      return found(sentences.find((s) => s.question && matchesAny(s.text, rule.cues)));
    case 'says':
      return found(sentences.find((s) => matchesAny(s.text, rule.cues)));
    case 'says-with':
      return found(
        sentences.find((s) => matchesAny(s.text, rule.cues) && matchesAny(s.text, rule.with)),
      );
    case 'open-questions': {
      const open = sentences.filter((s) => s.open && s.question);
      return open.length >= rule.atLeast ? found(open[rule.atLeast - 1]) : miss;
    }
    case 'asks-before': {
      const asked = sentences.findIndex((s) => s.question && matchesAny(s.text, rule.cues));
      const pitched = sentences.findIndex((s) => matchesAny(s.text, rule.before));
      if (asked < 0) return miss;
      return pitched < 0 || asked < pitched ? found(sentences[asked]) : miss;
    }
  }
}

export interface RuleScoring {
  readonly checks: CheckResult[];
  readonly strengths: string[];
  readonly improvements: string[];
}

/**
 * The offline scorer: each check decided by its rule over the rep's sentences, evidence the
 * sentence that satisfied it (verbatim), advice from the methodology file.
 */
export function scoreByRules(
  checks: readonly MethodologyCheck[],
  repLines: readonly string[],
  context: { readonly objectionRaised: boolean },
): RuleScoring {
  const sentences = sentencesOfTurns(repLines);
  const results: CheckResult[] = [];
  const strengths: string[] = [];
  const improvements: string[] = [];
  for (const check of checks) {
    if (check.appliesWhen === 'objection-raised' && !context.objectionRaised) {
      results.push({ id: check.id, label: check.label, passed: null });
      continue;
    }
    const finding = decide(check.rule, sentences);
    if (finding.passed) {
      results.push({ id: check.id, label: check.label, passed: true, evidence: finding.evidence });
      if (strengths.length < 2) strengths.push(check.strength);
    } else {
      results.push({ id: check.id, label: check.label, passed: false, advice: check.advice });
      if (improvements.length < 2) improvements.push(check.advice);
    }
  }
  return { checks: results, strengths, improvements };
}
