import { approvalRecordSchema, type ApprovalRepository } from '@salescoach/domain';
import type { DatabaseSync } from 'node:sqlite';
import { decodeStoredJson, validateIncoming } from '../validation/stored-document.js';

const ENTITY = 'approval';

/** Requests for approval in `approvals` (migration 12): status and version as columns, the record as JSON. */
export function createSqliteApprovals(db: DatabaseSync): ApprovalRepository {
  const insert = db.prepare(
    'INSERT INTO approvals (id, status, created_ms, version, doc) VALUES (?, ?, ?, ?, ?)',
  );
  const byId = db.prepare('SELECT doc FROM approvals WHERE id = ?');
  const all = db.prepare('SELECT id, doc FROM approvals ORDER BY created_ms DESC, id DESC LIMIT ?');
  const byStatus = db.prepare(
    'SELECT id, doc FROM approvals WHERE status = ? ORDER BY created_ms DESC, id DESC LIMIT ?',
  );
  // The compare-and-set: one statement, so of two deciders exactly one changes the row.
  const replace = db.prepare(
    'UPDATE approvals SET status = ?, version = ?, doc = ? WHERE id = ? AND version = ?',
  );
  const decode = (row: { id: string; doc: string }) =>
    decodeStoredJson(approvalRecordSchema, row.doc, ENTITY, row.id);
  return {
    async create(record) {
      const valid = validateIncoming(approvalRecordSchema, record, ENTITY);
      insert.run(
        valid.id,
        valid.status,
        Date.parse(valid.createdAt),
        valid.version,
        JSON.stringify(valid),
      );
      return valid;
    },
    async get(id) {
      const row = byId.get(id) as { doc: string } | undefined;
      return row ? decodeStoredJson(approvalRecordSchema, row.doc, ENTITY, id) : null;
    },
    async list({ status, limit }) {
      const rows = (status === undefined ? all.all(limit) : byStatus.all(status, limit)) as {
        id: string;
        doc: string;
      }[];
      return rows.map(decode);
    },
    async replace(next, expectedVersion) {
      const valid = validateIncoming(approvalRecordSchema, next, ENTITY);
      if (valid.version !== expectedVersion + 1) return false;
      const result = replace.run(
        valid.status,
        valid.version,
        JSON.stringify(valid),
        valid.id,
        expectedVersion,
      );
      return result.changes === 1;
    },
  };
}
