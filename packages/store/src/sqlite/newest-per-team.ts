import type { DatabaseSync } from 'node:sqlite';
import type { z } from 'zod';
import { decodeStoredJson } from '../validation/stored-document.js';

/** Newest first, at most `limit` per team, from a table of (id, team_id, created_ms, doc). */
export function newestPerTeam<S extends z.ZodType>(
  db: DatabaseSync,
  table: 'team_scenarios' | 'assignments' | 'pinned_answers',
  schema: S,
  entity: string,
) {
  const statement = db.prepare(
    `SELECT id, doc FROM (
       SELECT id, doc, created_ms, ROW_NUMBER() OVER (PARTITION BY team_id ORDER BY created_ms DESC, id) AS n
       FROM ${table} WHERE team_id IN (SELECT value FROM json_each(?)))
     WHERE n <= ? ORDER BY created_ms DESC, id`,
  );
  return (teamIds: readonly string[], limit: number): z.output<S>[] => {
    if (teamIds.length === 0) return [];
    const rows = statement.all(
      JSON.stringify(teamIds),
      Math.max(0, Math.floor(limit)),
    ) as unknown as { id: string; doc: string }[];
    return rows.map((r) => decodeStoredJson(schema, r.doc, entity, r.id));
  };
}
