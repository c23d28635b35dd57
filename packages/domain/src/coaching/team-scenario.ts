import { z } from 'zod';
import { idSchema, isoDateSchema } from '../model/ids.js';
import type { PracticeLibrary } from '../practice/library.js';
import { scenarioSchema, type Scenario, type ScenarioKind } from '../practice/scenario.js';

/** A practice scenario a team's manager made for the team, often prefilled from an insights cluster. */
export const teamScenarioSchema = z.object({
  teamId: z.string().min(1).max(64),
  clusterId: idSchema.optional(),
  scenario: scenarioSchema,
  createdBy: z.object({ id: z.string().min(1).max(200), name: z.string().min(1).max(200) }),
  createdAt: isoDateSchema,
});
export type TeamScenario = z.infer<typeof teamScenarioSchema>;

const TEAM_PREFIX = 'team:';

/** Team scenario ids name their team: `team:<teamId>:<random>`. */
export function teamScenarioId(teamId: string, random: string): string {
  return `${TEAM_PREFIX}${teamId}:${random.replace(/[^a-z0-9]/g, '').slice(0, 12)}`;
}

export function teamOfScenarioId(scenarioId: string): string | undefined {
  if (!scenarioId.startsWith(TEAM_PREFIX)) return undefined;
  const teamId = scenarioId.slice(TEAM_PREFIX.length).split(':')[0];
  return teamId || undefined;
}

/** Which kind of call practises a question, from its words (the manager can change it). */
export function kindForQuestion(question: string): ScenarioKind {
  const q = question.toLowerCase();
  if (/\b(price|pricing|discount|expensive|cost|budget|objection|push ?back|competitor)/.test(q))
    return 'objection';
  if (/\b(negotiat|terms|procurement|contract|legal)/.test(q)) return 'negotiation';
  if (/\b(clos|sign|commit|next step|decision)/.test(q)) return 'closing';
  if (/\b(cold|prospect|outreach|first call|voicemail)/.test(q)) return 'cold-call';
  return 'discovery';
}

/**
 * A scenario prefilled from a cluster's question: the library's realistic scenario of the
 * question's kind as the buyer, a title and brief that name the question. Validated again
 * when the manager saves it.
 */
export function draftTeamScenario(
  library: PracticeLibrary,
  input: { teamId: string; question: string; examples?: readonly string[]; createdBy: string },
  random: string,
): Scenario {
  const kind = kindForQuestion([input.question, ...(input.examples ?? [])].join(' '));
  const base =
    [...library.scenarios.values()].find((s) => s.kind === kind && s.difficulty === 'realistic') ??
    [...library.scenarios.values()].find((s) => s.kind === kind) ??
    [...library.scenarios.values()][0];
  if (!base) throw new Error('The practice library has no scenarios');
  const question = input.question.trim();
  return {
    ...structuredClone(base),
    id: teamScenarioId(input.teamId, random),
    title: `Team practice: ${question}`.slice(0, 200),
    kind: base.kind,
    brief: `Your team keeps asking: “${question}”. Practise it on a live call. ${base.brief}`.slice(
      0,
      600,
    ),
    grounding: {},
    createdBy: input.createdBy,
  };
}
