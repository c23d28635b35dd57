import {
  assignmentCompletionSchema,
  assignmentSchema,
  teamScenarioSchema,
  type AssignmentRepository,
  type TeamScenarioRepository,
} from '@salescoach/domain';
import type { DatabaseSync } from 'node:sqlite';
import { decodeStoredJson, validateIncoming } from '../validation/stored-document.js';
import { newestPerTeam } from './newest-per-team.js';

interface Row {
  id: string;
  doc: string;
}

export function createSqliteTeamScenarios(db: DatabaseSync): TeamScenarioRepository {
  const insert = db.prepare(
    'INSERT INTO team_scenarios (id, team_id, created_ms, doc) VALUES (?, ?, ?, ?)',
  );
  const get = db.prepare('SELECT id, doc FROM team_scenarios WHERE team_id = ? AND id = ?');
  const list = newestPerTeam(db, 'team_scenarios', teamScenarioSchema, 'team scenario');
  return {
    async add(scenario) {
      const valid = validateIncoming(teamScenarioSchema, scenario, 'team scenario');
      insert.run(
        valid.scenario.id,
        valid.teamId,
        Date.parse(valid.createdAt),
        JSON.stringify(valid),
      );
      return valid;
    },
    async get(teamId, scenarioId) {
      const row = get.get(teamId, scenarioId) as Row | undefined;
      return row ? decodeStoredJson(teamScenarioSchema, row.doc, 'team scenario', row.id) : null;
    },
    async listByTeams(teamIds, { limit }) {
      return list(teamIds, limit);
    },
  };
}

export function createSqliteAssignments(db: DatabaseSync): AssignmentRepository {
  const insert = db.prepare(
    'INSERT INTO assignments (id, team_id, created_ms, doc) VALUES (?, ?, ?, ?)',
  );
  const list = newestPerTeam(db, 'assignments', assignmentSchema, 'assignment');
  const complete = db.prepare(
    `INSERT INTO assignment_completions (assignment_id, user_id, team_id, completed_ms, doc)
     VALUES (?, ?, ?, ?, ?) ON CONFLICT (assignment_id, user_id) DO NOTHING`,
  );
  const completions = db.prepare(
    `SELECT assignment_id || '|' || user_id AS id, doc FROM assignment_completions
     WHERE team_id IN (SELECT value FROM json_each(?)) ORDER BY completed_ms, assignment_id, user_id`,
  );
  return {
    async create(assignment) {
      const valid = validateIncoming(assignmentSchema, assignment, 'assignment');
      insert.run(valid.id, valid.teamId, Date.parse(valid.createdAt), JSON.stringify(valid));
      return valid;
    },
    async listByTeams(teamIds, { limit }) {
      return list(teamIds, limit);
    },
    async complete(completion) {
      const valid = validateIncoming(
        assignmentCompletionSchema,
        completion,
        'assignment completion',
      );
      const result = complete.run(
        valid.assignmentId,
        valid.userId,
        valid.teamId,
        Date.parse(valid.completedAt),
        JSON.stringify(valid),
      );
      return result.changes > 0;
    },
    async completions(teamIds) {
      if (teamIds.length === 0) return [];
      const rows = completions.all(JSON.stringify(teamIds)) as unknown as Row[];
      return rows.map((r) =>
        decodeStoredJson(assignmentCompletionSchema, r.doc, 'assignment completion', r.id),
      );
    },
  };
}
