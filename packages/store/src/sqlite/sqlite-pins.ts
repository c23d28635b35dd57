import { pinnedAnswerSchema, type PinnedAnswerRepository } from '@salescoach/domain';
import type { DatabaseSync } from 'node:sqlite';
import { validateIncoming } from '../validation/stored-document.js';
import { newestPerTeam } from './newest-per-team.js';

export function createSqlitePins(db: DatabaseSync): PinnedAnswerRepository {
  const insert = db.prepare(
    'INSERT INTO pinned_answers (id, team_id, created_ms, doc) VALUES (?, ?, ?, ?)',
  );
  const list = newestPerTeam(db, 'pinned_answers', pinnedAnswerSchema, 'pinned answer');
  const remove = db.prepare('DELETE FROM pinned_answers WHERE team_id = ? AND id = ?');
  return {
    async add(pin) {
      const valid = validateIncoming(pinnedAnswerSchema, pin, 'pinned answer');
      insert.run(valid.id, valid.teamId, Date.parse(valid.createdAt), JSON.stringify(valid));
      return valid;
    },
    async listByTeams(teamIds, { limit }) {
      return list(teamIds, limit);
    },
    async remove(teamId, pinId) {
      return remove.run(teamId, pinId).changes > 0;
    },
  };
}
