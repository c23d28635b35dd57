import {
  assignmentCompletionSchema,
  assignmentSchema,
  teamScenarioSchema,
  type AssignmentRepository,
  type TeamScenarioRepository,
} from '@salescoach/domain';
import { decodeStored, validateIncoming } from '../validation/stored-document.js';
import { newestPerTeam } from './newest-per-team.js';

/** Team scenarios by scenario id; documents kept as clones and validated on every read. */
export function createMemoryTeamScenarios(rows: Map<string, unknown>): TeamScenarioRepository {
  const all = () =>
    [...rows].map(([id, raw]) => decodeStored(teamScenarioSchema, raw, 'team scenario', id));
  return {
    async add(scenario) {
      const valid = validateIncoming(teamScenarioSchema, scenario, 'team scenario');
      rows.set(valid.scenario.id, structuredClone(valid));
      return valid;
    },
    async get(teamId, scenarioId) {
      const raw = rows.get(scenarioId);
      if (raw === undefined) return null;
      const found = decodeStored(teamScenarioSchema, raw, 'team scenario', scenarioId);
      return found.teamId === teamId ? found : null;
    },
    async listByTeams(teamIds, { limit }) {
      return newestPerTeam(all(), teamIds, limit);
    },
  };
}

/** Assignments by id and completions by assignment and rep. */
export function createMemoryAssignments(
  assignments: Map<string, unknown>,
  completions: Map<string, unknown>,
): AssignmentRepository {
  return {
    async create(assignment) {
      const valid = validateIncoming(assignmentSchema, assignment, 'assignment');
      assignments.set(valid.id, structuredClone(valid));
      return valid;
    },
    async listByTeams(teamIds, { limit }) {
      const all = [...assignments].map(([id, raw]) =>
        decodeStored(assignmentSchema, raw, 'assignment', id),
      );
      return newestPerTeam(all, teamIds, limit);
    },
    async complete(completion) {
      const valid = validateIncoming(
        assignmentCompletionSchema,
        completion,
        'assignment completion',
      );
      const key = `${valid.assignmentId}|${valid.userId}`;
      if (completions.has(key)) return false;
      completions.set(key, structuredClone(valid));
      return true;
    },
    async completions(teamIds) {
      const teams = new Set(teamIds);
      return [...completions]
        .map(([key, raw]) =>
          decodeStored(assignmentCompletionSchema, raw, 'assignment completion', key),
        )
        .filter((c) => teams.has(c.teamId))
        .sort((a, b) => a.completedAt.localeCompare(b.completedAt));
    },
  };
}
