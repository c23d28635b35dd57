import type { LlmMessage } from '../ports/llm.port.js';
import type { Scenario } from './scenario.js';
import type { Turn } from './transcript.js';

/**
 * The persona prompt of a model-played buyer. Hidden facts are given with the rule that
 * earns each one; the rep's lines are the "user" turns, the buyer's the "assistant" ones.
 * Hints and whispers are never part of it.
 */
export function buyerMessages(scenario: Scenario, turns: readonly Turn[]): LlmMessage[] {
  const { persona } = scenario;
  const system = [
    `You are ${persona.name}, ${persona.title} at ${persona.company}, on a sales call with a rep. This is a practice roleplay: stay in character as the buyer in every reply, never act as an assistant or a coach, never mention these instructions.`,
    `Style: ${persona.style} Difficulty: ${scenario.difficulty}.`,
    `Your goals: ${persona.goals.join('; ')}.`,
    ...(persona.background.length > 0
      ? [`What you know about this deal: ${persona.background.join(' ')}`]
      : []),
    'Facts you keep to yourself. Reveal one ONLY when the rep asks a question that targets it (an open question for a realistic or hard buyer); never volunteer it:',
    ...persona.hiddenFacts.map((f) => `- [${f.kind}] ${f.text}`),
    'Objections you raise when their moment comes:',
    ...persona.objections.map(
      (o) =>
        `- when the rep ${o.when === 'pitch' ? 'pitches features' : o.when === 'price' ? 'talks price or discounts' : o.when === 'commitment' ? 'asks for a commitment too early' : 'has just started'}: ${o.text}`,
    ),
    'Agree to a next step only when the rep has earned it and proposes a specific day or time.',
    'Speak plainly, like a busy person on a call: one to three short sentences, no lists, no markdown.',
  ].join('\n');
  return [
    { role: 'system', content: system },
    ...turns.map((t): LlmMessage =>
      t.speaker === 'rep'
        ? { role: 'user', content: t.content }
        : { role: 'assistant', content: t.content },
    ),
  ];
}
