import { describe, expect, it } from 'vitest';
import { checksFor } from './methodology.js';
import { createRulesScorer } from './offline/rules-scorer.js';
import { offlineBuyerReply } from './offline/offline-buyer.js';
import { buildScorecard } from './scorecard-builder.js';
import type { Scenario } from './scenario.js';
import { exampleTurns, repoPracticeLibrary } from './testing/library-files.js';
import type { Turn } from './transcript.js';

const library = repoPracticeLibrary();
const now = new Date('2026-12-01T10:00:00.000Z');

/** Plays the rep's turns against the offline buyer, as a practice would. */
function play(scenario: Scenario, lines: readonly string[]): Turn[] {
  const turns: Turn[] = [{ speaker: 'buyer', content: scenario.persona.opening }];
  lines.forEach((line, i) => {
    turns.push({ speaker: 'rep', content: line });
    turns.push({ speaker: 'buyer', content: offlineBuyerReply(scenario, lines.slice(0, i + 1)) });
  });
  return turns;
}

async function scoreWithRules(scenarioId: string, lines: readonly string[]) {
  const scenario = library.scenarios.get(scenarioId);
  if (!scenario) throw new Error(scenarioId);
  const checks = checksFor(library.methodologies, scenario.methodology);
  const turns = play(scenario, lines);
  const judgement = await createRulesScorer().judge({ scenario, checks, turns });
  return { card: buildScorecard(checks, judgement, turns, now), turns };
}

describe('scorecards', () => {
  it('a rep who qualifies and books a dated next step scores far above one who pitches features', async () => {
    for (const id of [
      'discovery-realistic',
      'objection-realistic',
      'negotiation-hard',
      'cold-call-easy',
    ]) {
      const good = await scoreWithRules(id, exampleTurns('good'));
      const bad = await scoreWithRules(id, exampleTurns('bad'));
      expect(good.card.score, id).toBeGreaterThanOrEqual(80);
      expect(bad.card.score, id).toBeLessThanOrEqual(20);
    }
  });

  it('every piece of evidence is a verbatim quote from one of the rep\u2019s own turns', async () => {
    const { card, turns } = await scoreWithRules('discovery-realistic', exampleTurns('good'));
    const repText = turns.filter((t) => t.speaker === 'rep').map((t) => t.content);
    const quoted = card.checks.filter((c) => c.evidence !== undefined);
    expect(quoted.length).toBeGreaterThan(8);
    for (const check of quoted)
      expect(repText.some((line) => line.includes(check.evidence ?? '\u0000'))).toBe(true);
    expect(card.checks.find((c) => c.id === 'meddicc.decision-process')).toMatchObject({
      passed: true,
      evidence: 'Walk me through the process from here to a signed contract.',
    });
    expect(card.checks.find((c) => c.id === 'closing.dated-next-step')).toMatchObject({
      passed: true,
      evidence: expect.stringContaining('next Tuesday at 10am'),
    });
  });

  it('drops a quote the rep never said and fails its check; the score counts only applicable checks', () => {
    const scenario = library.scenarios.get('discovery-realistic');
    if (!scenario) throw new Error('scenario');
    const checks = checksFor(library.methodologies, ['meddicc']).slice(0, 3);
    const turns: Turn[] = [
      { speaker: 'buyer', content: 'We set aside about $120k for this year.' },
      { speaker: 'rep', content: 'What is not working today?' },
    ];
    const card = buildScorecard(
      checks,
      {
        checks: [
          { id: 'meddicc.pain', passed: true, quote: 'what is NOT working today?' },
          { id: 'meddicc.metrics', passed: true, quote: 'We set aside about $120k' },
          { id: 'meddicc.economic-buyer', passed: null },
        ],
        strengths: ['Asked about pain.'],
        improvements: ['Quantify it.'],
        model: { provider: 'openai', name: 'test' },
      },
      turns,
      now,
    );
    expect(card.checks.map((c) => [c.id, c.passed, c.evidence])).toEqual([
      ['meddicc.pain', true, 'What is not working today?'],
      ['meddicc.metrics', false, undefined],
      ['meddicc.economic-buyer', null, undefined],
    ]);
    expect(card.score).toBe(50);
  });

  it('always carries two strengths and two improvements, offline: a weak rep gets a true strength, a perfect one a stretch', async () => {
    const weak = await scoreWithRules('discovery-realistic', exampleTurns('bad'));
    expect(weak.card.strengths).toEqual([
      'You asked for a commitment.',
      'You saw the call through: 6 turns with the buyer, start to finish.',
    ]);
    expect(weak.card.improvements).toHaveLength(2);
    const perfect = await scoreWithRules('discovery-realistic', exampleTurns('good'));
    expect(perfect.card.score).toBe(100);
    expect(perfect.card.strengths).toHaveLength(2);
    expect(perfect.card.improvements).toEqual([
      'Play this scenario at a harder difficulty to keep stretching these skills.',
      'Let the buyer do more of the talking: fewer, shorter questions that go one level deeper.',
    ]);
  });

  it('always carries two strengths and two improvements with a model: its own first, then the methodology’s, never twice', () => {
    const checks = checksFor(library.methodologies, ['meddicc']).slice(0, 3);
    const turns: Turn[] = [{ speaker: 'rep', content: 'What is not working today?' }];
    const card = buildScorecard(
      checks,
      {
        checks: [
          { id: 'meddicc.pain', passed: true, quote: 'What is not working today?' },
          { id: 'meddicc.metrics', passed: false, advice: 'Ask what it costs.' },
          { id: 'meddicc.economic-buyer', passed: false },
        ],
        strengths: ['  Found the pain fast.  ', 'found the pain fast.'],
        improvements: [],
        model: { provider: 'openai', name: 'test' },
      },
      turns,
      now,
    );
    expect(card.strengths).toEqual(['Found the pain fast.', checks[0]?.strength]);
    expect(card.improvements).toEqual(['Ask what it costs.', checks[2]?.advice]);
  });
});
