import { matchesAny, sentencesOf, type Sentence } from '../rep-lines.js';
import {
  FACT_KINDS,
  type Difficulty,
  type FactKind,
  type HiddenFact,
  type Scenario,
} from '../scenario.js';
import { COMMITMENT_CUES, DATE_CUES, FACT_CUES, PITCH_CUES, PRICE_CUES } from './cues.js';

/** How many facts the rep must have earned before this buyer agrees to a next step. */
const EARNED_FOR_COMMITMENT: Record<Difficulty, number> = { easy: 1, realistic: 3, hard: 5 };

/** A short, non-committal answer to a closed question about a fact (realistic buyers). */
const PARTIAL: Record<FactKind, string> = {
  pain: "Yes, there are a few things that aren't great.",
  metrics: 'We track some numbers, sure.',
  budget: 'There is some money for this, yes.',
  'economic-buyer': "It isn't only my call, no.",
  'decision-process': 'There is a process, like everywhere.',
  'decision-criteria': 'We have a list of things we care about.',
  competitor: "You're not the only company we talk to.",
  champion: 'A couple of people here care about this.',
  timeline: 'We have a rough date in mind.',
};

const HARD_DEFLECT = 'Maybe. What exactly do you want to know?';

interface BuyerState {
  readonly revealed: Set<FactKind>;
  readonly raised: Set<number>;
}

function kindsAsked(sentence: Sentence): FactKind[] {
  return sentence.question
    ? FACT_KINDS.filter((kind) => matchesAny(sentence.text, FACT_CUES[kind]))
    : [];
}

/** Plays one rep turn against the state; returns the buyer's reply and updates the state. */
function playTurn(scenario: Scenario, state: BuyerState, turn: string, index: number): string {
  const { persona, difficulty } = scenario;
  const sentences = sentencesOf(turn, index);
  const facts = new Map<FactKind, HiddenFact>(persona.hiddenFacts.map((f) => [f.kind, f]));
  const parts: string[] = [];
  let asked = false;
  let alreadyTold = false;

  for (const sentence of sentences) {
    for (const kind of kindsAsked(sentence)) {
      const fact = facts.get(kind);
      if (!fact) continue;
      asked = true;
      if (state.revealed.has(kind)) {
        alreadyTold = true;
        continue;
      }
      const earns = difficulty === 'easy' || sentence.open;
      if (!earns) {
        parts.push(difficulty === 'hard' ? HARD_DEFLECT : PARTIAL[kind]);
        continue;
      }
      if (difficulty === 'hard' && parts.some((p) => persona.hiddenFacts.some((f) => f.text === p)))
        continue;
      state.revealed.add(kind);
      parts.push(fact.text);
    }
  }

  const raise = (when: 'pitch' | 'price' | 'commitment' | 'early'): boolean => {
    const at = persona.objections.findIndex((o, i) => o.when === when && !state.raised.has(i));
    const objection = persona.objections[at];
    if (!objection) return false;
    state.raised.add(at);
    parts.push(objection.text);
    return true;
  };

  const pitching = sentences.some((s) => !s.question && matchesAny(s.text, PITCH_CUES));
  const pricing = sentences.some((s) => matchesAny(s.text, PRICE_CUES));
  const commitment = sentences.find((s) => !s.open && matchesAny(s.text, COMMITMENT_CUES));

  if (pricing && !raise('price') && parts.length === 0)
    parts.push("Price isn't my first question. I don't even know yet whether this fits us.");
  if (pitching && !raise('pitch') && parts.length === 0)
    parts.push('Okay. I hear a lot of pitches. Why would that matter for us, specifically?');
  if (index === 1 && parts.length === 0) raise('early');

  if (commitment) {
    const earned = state.revealed.size >= EARNED_FOR_COMMITMENT[difficulty];
    if (!earned) {
      if (!raise('commitment'))
        parts.push(
          "I'm not ready to commit to anything yet. I don't think you know enough about our situation.",
        );
    } else if (matchesAny(commitment.text, DATE_CUES)) {
      parts.push(
        "That works for me. Send me the invite and I'll make sure the right people are there.",
      );
    } else {
      parts.push('Fine by me, but give me a day and a time, or it will slip.');
    }
  }

  if (parts.length === 0) {
    if (alreadyTold) parts.push('I think I told you that already.');
    else if (asked) parts.push("I'd rather not get into that yet.");
    else if (sentences.some((s) => s.question))
      parts.push("I'm not sure that's relevant. What are you trying to find out?");
    else parts.push(index === 0 ? 'Sure. What did you want to talk about?' : 'Okay. Go on.');
  }
  return parts.join(' ');
}

/**
 * The offline model's buyer: deterministic, from the scenario's persona and facts. It
 * replays the rep's turns from the start (so a reload or a second instance gives the same
 * buyer), revealing a hidden fact only when a rep question targets it (an open question,
 * except with an easy buyer), raising its objections when their trigger comes up, and
 * agreeing to a next step only once the rep has earned enough.
 */
export function offlineBuyerReply(scenario: Scenario, repTurnsSoFar: readonly string[]): string {
  const state: BuyerState = { revealed: new Set(), raised: new Set() };
  let reply = '';
  repTurnsSoFar.forEach((turn, index) => {
    reply = playTurn(scenario, state, turn, index);
  });
  return reply;
}

/** Which hidden facts the rep has earned so far (for tests and hints). */
export function earnedFacts(scenario: Scenario, repTurnsSoFar: readonly string[]): FactKind[] {
  const state: BuyerState = { revealed: new Set(), raised: new Set() };
  repTurnsSoFar.forEach((turn, index) => playTurn(scenario, state, turn, index));
  return [...state.revealed];
}

/** Whether the buyer raised any of the scenario's objections in what it said. */
export function objectionRaised(scenario: Scenario, buyerLines: readonly string[]): boolean {
  return buyerLines.some((line) => scenario.persona.objections.some((o) => line.includes(o.text)));
}
