import {
  assignmentCompletionSchema,
  assignmentSchema,
  teamScenarioSchema,
  type Assignment,
  type AssignmentCompletion,
  type AssignmentRepository,
  type TeamScenario,
  type TeamScenarioRepository,
} from '@salescoach/domain';
import { decodeStored, validateIncoming } from '../validation/stored-document.js';
import type { CosmosContext } from './cosmos-context.js';
import { withoutSystemFields } from './cosmos-operations.js';
import { newestPerTeam } from './team-partition.js';

/**
 * A team's scenarios, assignments and completions live in the `questions` container
 * (partition key `/day`) in the team's partition `coaching|<teamId>`: everything a manager's
 * progress view reads is one partition. A completion's id is its assignment and rep, so
 * the second completion of the same assignment by the same rep is refused by Cosmos itself.
 */
const partitionOf = (teamId: string) => `coaching|${teamId}`;

interface Envelope {
  id: string;
  type: string;
  day: string;
  body: unknown;
  createdAt: string;
}

const envelope = (id: string, type: string, teamId: string, createdAt: string, body: unknown) => ({
  id,
  type,
  day: partitionOf(teamId),
  createdAt,
  body,
});

export function createCosmosTeamScenarios(ctx: CosmosContext): TeamScenarioRepository {
  const docId = (scenarioId: string) => `scenario|${scenarioId}`;
  const decode = (doc: Envelope): TeamScenario =>
    decodeStored(teamScenarioSchema, doc.body, 'team scenario', doc.id);
  return {
    async add(scenario) {
      const valid = validateIncoming(teamScenarioSchema, scenario, 'team scenario');
      await ctx.ops.create(
        'teamScenario.add',
        ctx.questions,
        envelope(docId(valid.scenario.id), 'team-scenario', valid.teamId, valid.createdAt, valid),
      );
      return valid;
    },
    async get(teamId, scenarioId) {
      const doc = await ctx.ops.read<Envelope>(
        'teamScenario.get',
        ctx.questions,
        docId(scenarioId),
        partitionOf(teamId),
      );
      return doc ? decode(doc.doc) : null;
    },
    async listByTeams(teamIds, { limit }) {
      const docs = await newestPerTeam<Envelope>(
        ctx,
        'teamScenario.list',
        'team-scenario',
        teamIds.map(partitionOf),
        limit,
      );
      return docs.map(decode);
    },
  };
}

export function createCosmosAssignments(ctx: CosmosContext): AssignmentRepository {
  const decode = (doc: Envelope): Assignment =>
    decodeStored(assignmentSchema, doc.body, 'assignment', doc.id);
  const decodeCompletion = (doc: Envelope): AssignmentCompletion =>
    decodeStored(assignmentCompletionSchema, doc.body, 'assignment completion', doc.id);
  return {
    async create(assignment) {
      const valid = validateIncoming(assignmentSchema, assignment, 'assignment');
      await ctx.ops.create(
        'assignment.create',
        ctx.questions,
        envelope(`assignment|${valid.id}`, 'assignment', valid.teamId, valid.createdAt, valid),
      );
      return valid;
    },
    async listByTeams(teamIds, { limit }) {
      const docs = await newestPerTeam<Envelope>(
        ctx,
        'assignment.list',
        'assignment',
        teamIds.map(partitionOf),
        limit,
      );
      return docs.map(decode);
    },
    async complete(completion) {
      const valid = validateIncoming(
        assignmentCompletionSchema,
        completion,
        'assignment completion',
      );
      return ctx.ops.create(
        'assignment.complete',
        ctx.questions,
        envelope(
          `completion|${valid.assignmentId}|${valid.userId}`,
          'assignment-completion',
          valid.teamId,
          valid.completedAt,
          valid,
        ),
      );
    },
    async completions(teamIds) {
      const perTeam = await Promise.all(
        [...new Set(teamIds)].map((teamId) =>
          ctx.ops.query<Envelope>(
            'assignment.completions',
            ctx.questions,
            {
              query: `SELECT * FROM c WHERE c.day = @pk AND c.type = 'assignment-completion'`,
              parameters: [{ name: '@pk', value: partitionOf(teamId) }],
            },
            partitionOf(teamId),
          ),
        ),
      );
      return perTeam
        .flat()
        .map((d) => decodeCompletion(withoutSystemFields(d)))
        .sort((a, b) => a.completedAt.localeCompare(b.completedAt));
    },
  };
}
