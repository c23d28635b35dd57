import type { LlmToolDefinition } from '@salescoach/domain';
import { fillArguments, type FilledArguments } from './argument-filling.js';
import type { QuestionFacts } from './question-reading.js';

/**
 * A concept links words in a question to words in a tool's name or description. Tools are
 * found by what they say about themselves, never by a hard-coded tool name.
 */
interface Concept {
  readonly id: string;
  /** Matched against the question (lower-cased). */
  readonly question: RegExp;
  /** Matched against a tool's name and description (lower-cased). */
  readonly tool: RegExp;
  /** Strong concepts win over weak ones when both match ("deals at risk" → risks, not a deal list). */
  readonly weight: number;
}

const COACHING: Concept = {
  id: 'coaching',
  question:
    /\b(?:objection\w*|push(?:es|ing)? back|pushback|discovery|meddicc?|bant|champion\w*|pitch\w*|rebuttal\w*|competitor\w*|discount\w*|playbook|cold call\w*|what should i say)\b/,
  tool: /playbook|sales method|coaching|objection|methodolog/,
  weight: 10,
};

/**
 * Words that ask for advice but also come with data questions ("coach me on my pipeline",
 * "tips for the team pipeline"): coaching only when no strong data concept matched. The
 * word "coach" alone is how people address the coach, not a topic.
 */
const WEAK_COACHING = /\b(?:coaching|coach me|handle|handling|advice|tips?|best practices?)\b/;

/**
 * Phrasing that may mean "advise me" but also appears in data questions ("how do I stand
 * against quota?", "Negotiation-stage deals"): coaching only when no data concept matched.
 */
const MAYBE_ADVICE = /\b(?:how (?:do|should|can|would) (?:i|we)|how to|negotiat\w*)\b/;

const DATA_CONCEPTS: readonly Concept[] = [
  {
    id: 'risk',
    question: /\b(?:risk\w*|stale|slipp\w*|stuck|stall\w*|neglect\w*|at risk)\b/,
    tool: /risk/,
    weight: 5,
  },
  {
    id: 'forecast',
    question:
      /\b(?:forecast\w*|commit|best case|on track|coverage|gap|quota|attainment|land the quarter|hit (?:my|the|our) (?:number|target))\b/,
    tool: /forecast|quota/,
    weight: 4,
  },
  {
    id: 'scorecard',
    question:
      /\b(?:scorecards?|win rates?|performance|performing|leaderboards?|rankings?|activit\w*|how am i doing|cycles?|top reps?)\b/,
    tool: /scorecard|win rate/,
    weight: 4,
  },
  {
    id: 'pipeline',
    question: /\b(?:pipelines?|pipe|funnel|by stage|stages?)\b/,
    tool: /pipeline/,
    weight: 4,
  },
  {
    id: 'reps',
    question: /\b(?:reps|team members|my team|who is on|managers?)\b/,
    tool: /\breps?\b|sales reps/,
    weight: 2,
  },
  {
    id: 'account',
    question: /\b(?:accounts?|customers?|compan\w*|clients?|contacts?)\b/,
    tool: /account/,
    weight: 2,
  },
  {
    id: 'opportunity',
    question: /\b(?:deals?|opportunit\w*|opps?|closing|close dates?)\b/,
    tool: /opportunit|deals/,
    weight: 1,
  },
];

export interface ChosenTool {
  readonly tool: LlmToolDefinition;
  readonly arguments: FilledArguments;
}

export interface ToolChoiceContext {
  readonly facts: QuestionFacts;
  /** Who is asking, for owner arguments whose schema does not take "me". */
  readonly userEmail?: string | undefined;
}

/** At most this many tools per question: one or two good ones beat a fan-out over everything. */
const MAX_TOOLS = 3;

/** Picks the tools a question asks for, with their arguments, or none. */
export function chooseTools(
  tools: readonly LlmToolDefinition[],
  context: ToolChoiceContext,
): ChosenTool[] {
  const { facts } = context;
  const lower = facts.text.toLowerCase();
  const active = DATA_CONCEPTS.filter((c) => c.question.test(lower));
  const strongData = active.some((c) => c.weight >= 4);
  const advice =
    COACHING.question.test(lower) ||
    (WEAK_COACHING.test(lower) && !strongData) ||
    (MAYBE_ADVICE.test(lower) && active.length === 0);
  if (advice) {
    const coachingTools = bestFor(COACHING, tools, context);
    if (coachingTools.length > 0) return coachingTools.slice(0, 1);
  }

  // A name the question mentions ("Tell me about Contoso") is an account question by default.
  if (facts.names.length > 0 && !active.some((c) => c.id === 'account')) {
    const account = DATA_CONCEPTS.find((c) => c.id === 'account');
    if (account && active.every((c) => c.id === 'opportunity')) active.push(account);
  }
  const strongest = Math.max(0, ...active.map((c) => c.weight));
  const chosen: ChosenTool[] = [];
  for (const concept of [...active].sort((a, b) => b.weight - a.weight)) {
    // Weak concepts only count when nothing strong matched ("my deals at risk" is about risk).
    if (concept.weight < strongest && concept.weight <= 1) continue;
    const best = bestFor(concept, tools, context).find(
      (c) => !chosen.some((x) => x.tool.name === c.tool.name),
    );
    if (best) chosen.push(best);
    if (chosen.length >= MAX_TOOLS) break;
  }
  return chosen;
}

/**
 * The tools matching a concept, best first: a match in the name beats one in the description;
 * then the more question words the tool mentions; a tool whose required arguments cannot be
 * filled is never chosen.
 */
function bestFor(
  concept: Concept,
  tools: readonly LlmToolDefinition[],
  context: ToolChoiceContext,
): ChosenTool[] {
  const scored: { chosen: ChosenTool; score: number; order: number }[] = [];
  tools.forEach((tool, order) => {
    const name = tool.name.toLowerCase().replaceAll('_', ' ');
    const description = tool.description.toLowerCase();
    const inName = concept.tool.test(name);
    if (!inName && !concept.tool.test(description)) return;
    const filled = fillArguments(tool.parameters, context.facts, context.userEmail);
    if (filled.missing.length > 0) return;
    const overlap = context.facts.words.filter(
      (w) => w.length > 3 && `${name} ${description}`.includes(w),
    ).length;
    scored.push({
      chosen: { tool, arguments: filled },
      score: (inName ? 100 : 0) + overlap,
      order,
    });
  });
  return scored.sort((a, b) => b.score - a.score || a.order - b.order).map((s) => s.chosen);
}
