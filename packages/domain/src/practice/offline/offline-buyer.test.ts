import { describe, expect, it } from 'vitest';
import { repoPracticeLibrary, exampleTurns } from '../testing/library-files.js';
import type { Scenario } from '../scenario.js';
import { earnedFacts, objectionRaised, offlineBuyerReply } from './offline-buyer.js';

const library = repoPracticeLibrary();
const scenario = (id: string): Scenario => {
  const found = library.scenarios.get(id);
  if (!found) throw new Error(`no scenario ${id}`);
  return found;
};
const factText = (s: Scenario, kind: string) =>
  s.persona.hiddenFacts.find((f) => f.kind === kind)?.text ?? '';

/** Every buyer reply to the turns, in order. */
const replies = (s: Scenario, turns: readonly string[]) =>
  turns.map((_, i) => offlineBuyerReply(s, turns.slice(0, i + 1)));

describe('offline buyer', () => {
  it('never says a hidden fact to a rep who only pitches', () => {
    for (const s of library.scenarios.values()) {
      const said = replies(s, exampleTurns('bad')).join('\n');
      for (const fact of s.persona.hiddenFacts) expect(said).not.toContain(fact.text);
    }
  });

  it('reveals a fact only in answer to the matching kind of question', () => {
    const s = scenario('discovery-realistic');
    const turns = ['Most teams find the budget for this quickly.', 'What is your budget for this?'];
    const [first, second] = replies(s, turns);
    expect(first).not.toContain(factText(s, 'budget'));
    expect(second).toContain(factText(s, 'budget'));
    expect(second).not.toContain(factText(s, 'competitor'));
    expect(earnedFacts(s, turns)).toEqual(['budget']);
  });

  it('a realistic buyer gives a closed question only a vague answer; an open one earns the fact', () => {
    const s = scenario('discovery-realistic');
    expect(offlineBuyerReply(s, ['Do you have a budget?'])).toBe(
      'There is some money for this, yes.',
    );
    expect(
      offlineBuyerReply(s, ['Do you have a budget?', 'How much budget have you set aside?']),
    ).toContain(factText(s, 'budget'));
  });

  it('an easy buyer answers a closed question; a hard one deflects it', () => {
    expect(offlineBuyerReply(scenario('discovery-easy'), ['Do you have a budget?'])).toContain(
      factText(scenario('discovery-easy'), 'budget'),
    );
    expect(offlineBuyerReply(scenario('discovery-hard'), ['Do you have a budget?'])).not.toContain(
      factText(scenario('discovery-hard'), 'budget'),
    );
  });

  it('raises objections on their trigger, and agrees a dated next step only once it is earned', () => {
    const s = scenario('discovery-realistic');
    const pitch = offlineBuyerReply(s, ['Our platform has great dashboards.']);
    expect(pitch).toContain('How is this different from the last tool that failed?');
    expect(objectionRaised(s, [pitch])).toBe(true);
    const tooEarly = offlineBuyerReply(s, ['Can we book a call next Tuesday at 10?']);
    expect(tooEarly).toContain("Let's not get ahead of ourselves");
    const earned = offlineBuyerReply(s, [
      'What is not working today?',
      'How do you measure what that costs you?',
      'Who signs off on this?',
      'Can we book a call next Tuesday at 10?',
    ]);
    expect(earned).toContain('That works for me');
  });

  it('gives the same reply for the same turns (resume and scale-out see one buyer)', () => {
    const s = scenario('objection-hard');
    expect(replies(s, exampleTurns('good'))).toEqual(replies(s, exampleTurns('good')));
  });
});
