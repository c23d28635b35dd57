import { pinnedAnswerSchema, type PinnedAnswerRepository } from '@salescoach/domain';
import type { DatabaseSync } from 'node:sqlite';
import { decodeStoredJson, validateIncoming } from '../validation/stored-document.js';

export function createSqlitePins(db: DatabaseSync): PinnedAnswerRepository {
  const insert = db.prepare(
    'INSERT INTO pinned_answers (id, team_id, created_ms, doc) VALUES (?, ?, ?, ?)',
  );
  const list = db.prepare(
    `SELECT id, doc FROM (
       SELECT id, doc, created_ms, ROW_NUMBER() OVER (PARTITION BY team_id ORDER BY created_ms DESC, id) AS n
       FROM pinned_answers WHERE team_id IN (SELECT value FROM json_each(?)))
     WHERE n <= ? ORDER BY created_ms DESC, id`,
  );
  const remove = db.prepare('DELETE FROM pinned_answers WHERE team_id = ? AND id = ?');
  return {
    async add(pin) {
      const valid = validateIncoming(pinnedAnswerSchema, pin, 'pinned answer');
      insert.run(valid.id, valid.teamId, Date.parse(valid.createdAt), JSON.stringify(valid));
      return valid;
    },
    async listByTeams(teamIds, { limit }) {
      if (teamIds.length === 0) return [];
      const rows = list.all(JSON.stringify(teamIds), Math.max(0, Math.floor(limit))) as unknown as {
        id: string;
        doc: string;
      }[];
      return rows.map((r) => decodeStoredJson(pinnedAnswerSchema, r.doc, 'pinned answer', r.id));
    },
    async remove(teamId, pinId) {
      return remove.run(teamId, pinId).changes > 0;
    },
  };
}
