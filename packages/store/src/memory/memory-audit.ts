import {
  auditEntrySchema,
  auditSortKey,
  DomainError,
  DomainErrorCode,
  type AuditEntry,
  type AuditLog,
  type AuditQuery,
} from '@salescoach/domain';
import { decodeStored, validateIncoming } from '../validation/stored-document.js';

/** Whether an entry matches every filter of the query (the SQL of the other stores, in code). */
function matches(entry: AuditEntry, query: AuditQuery): boolean {
  if (query.since !== undefined && Date.parse(entry.startedAt) < Date.parse(query.since))
    return false;
  if (query.until !== undefined && Date.parse(entry.startedAt) >= Date.parse(query.until))
    return false;
  if (query.server !== undefined && entry.server !== query.server) return false;
  if (query.tool !== undefined && entry.tool !== query.tool) return false;
  if (query.userId !== undefined && entry.askedBy.id !== query.userId) return false;
  if (query.after !== undefined && auditSortKey(entry) >= query.after) return false;
  const scope = query.scope;
  if (
    scope &&
    !scope.userIds.includes(entry.askedBy.id) &&
    !entry.teamIds.some((t) => scope.teamIds.includes(t))
  )
    return false;
  return true;
}

/** The audit log in a map: entries are added, never changed or removed. */
export function createMemoryAudit(rows: Map<string, unknown> = new Map()): AuditLog {
  return {
    async append(entry) {
      const e = validateIncoming(auditEntrySchema, entry, 'audit entry');
      if (rows.has(e.id))
        throw new DomainError(DomainErrorCode.Conflict, 'That audit entry already exists');
      rows.set(e.id, JSON.parse(JSON.stringify(e)));
    },
    async list(query) {
      return [...rows]
        .map(([id, doc]) => decodeStored(auditEntrySchema, doc, 'audit entry', id))
        .filter((e) => matches(e, query))
        .sort((a, b) => auditSortKey(b).localeCompare(auditSortKey(a)))
        .slice(0, Math.max(0, query.limit));
    },
  };
}
