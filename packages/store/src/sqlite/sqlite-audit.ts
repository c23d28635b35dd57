import {
  auditEntrySchema,
  auditSortKey,
  DomainError,
  DomainErrorCode,
  type AuditLog,
  type AuditQuery,
} from '@salescoach/domain';
import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import { decodeStoredJson, validateIncoming } from '../validation/stored-document.js';

interface AuditRow {
  id: string;
  doc: string;
}

/** The WHERE clause and its parameters for one query (every value bound, none spliced in). */
function whereOf(query: AuditQuery): { sql: string; params: SQLInputValue[] } {
  const clauses: string[] = [];
  const params: SQLInputValue[] = [];
  const add = (sql: string, ...values: SQLInputValue[]) => {
    clauses.push(sql);
    params.push(...values);
  };
  if (query.since !== undefined) add('started_ms >= ?', Date.parse(query.since));
  if (query.until !== undefined) add('started_ms < ?', Date.parse(query.until));
  if (query.server !== undefined) add('server = ?', query.server);
  if (query.tool !== undefined) add('tool = ?', query.tool);
  if (query.userId !== undefined) add('user_id = ?', query.userId);
  if (query.after !== undefined) add('sort_key < ?', query.after);
  if (query.scope)
    add(
      `(user_id IN (SELECT value FROM json_each(?))
        OR EXISTS (SELECT 1 FROM json_each(doc, '$.teamIds') t
                   WHERE t.value IN (SELECT value FROM json_each(?))))`,
      JSON.stringify(query.scope.userIds),
      JSON.stringify(query.scope.teamIds),
    );
  return { sql: clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

/** Table `audit_log` (migration 11): append-only; triggers refuse every UPDATE and DELETE. */
export function createSqliteAudit(db: DatabaseSync): AuditLog {
  const insert = db.prepare(
    `INSERT INTO audit_log (id, sort_key, started_ms, user_id, server, tool, doc)
     VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
  );
  return {
    async append(entry) {
      const e = validateIncoming(auditEntrySchema, entry, 'audit entry');
      const { changes } = insert.run(
        e.id,
        auditSortKey(e),
        Date.parse(e.startedAt),
        e.askedBy.id,
        e.server,
        e.tool,
        JSON.stringify(e),
      );
      if (changes === 0)
        throw new DomainError(DomainErrorCode.Conflict, 'That audit entry already exists');
    },
    async list(query) {
      const { sql, params } = whereOf(query);
      const rows = db
        .prepare(`SELECT id, doc FROM audit_log ${sql} ORDER BY sort_key DESC LIMIT ?`)
        .all(...params, Math.max(0, Math.floor(query.limit))) as unknown as AuditRow[];
      return rows.map((r) => decodeStoredJson(auditEntrySchema, r.doc, 'audit entry', r.id));
    },
  };
}
