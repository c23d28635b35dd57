import type { Container, SqlParameter } from '@azure/cosmos';
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
import type { CosmosOperations } from './cosmos-operations.js';

/**
 * Audit documents live in their own container, partitioned by the UTC day the call started
 * (`/day`): appends spread over days, a period's read names its days. Documents are only ever
 * created (a second create of an id fails), never replaced or deleted.
 */
interface AuditDoc {
  id: string;
  type: 'audit';
  day: string;
  sortKey: string;
  startedMs: number;
  userId: string;
  server: string;
  tool: string;
  teamIds: string[];
  entry: AuditEntry;
}

const toDoc = (e: AuditEntry): AuditDoc => ({
  id: e.id,
  type: 'audit',
  day: new Date(e.startedAt).toISOString().slice(0, 10),
  sortKey: auditSortKey(e),
  startedMs: Date.parse(e.startedAt),
  userId: e.askedBy.id,
  server: e.server,
  tool: e.tool,
  teamIds: [...e.teamIds],
  entry: e,
});

function whereOf(query: AuditQuery): { sql: string; parameters: SqlParameter[] } {
  const clauses = ["c.type = 'audit'"];
  const parameters: SqlParameter[] = [];
  const add = (sql: string, name: string, value: string | number | string[]) => {
    clauses.push(sql);
    parameters.push({ name, value });
  };
  if (query.since !== undefined) add('c.startedMs >= @since', '@since', Date.parse(query.since));
  if (query.until !== undefined) add('c.startedMs < @until', '@until', Date.parse(query.until));
  if (query.server !== undefined) add('c.server = @server', '@server', query.server);
  if (query.tool !== undefined) add('c.tool = @tool', '@tool', query.tool);
  if (query.userId !== undefined) add('c.userId = @user', '@user', query.userId);
  if (query.after !== undefined) add('c.sortKey < @after', '@after', query.after);
  if (query.scope) {
    const teams = query.scope.teamIds.map((_, i) => `ARRAY_CONTAINS(c.teamIds, @team${i})`);
    clauses.push(`(ARRAY_CONTAINS(@users, c.userId)${teams.map((t) => ` OR ${t}`).join('')})`);
    parameters.push({ name: '@users', value: [...query.scope.userIds] });
    query.scope.teamIds.forEach((value, i) => parameters.push({ name: `@team${i}`, value }));
  }
  return { sql: clauses.join(' AND '), parameters };
}

export function createCosmosAudit(ops: CosmosOperations, container: Container): AuditLog {
  return {
    async append(entry) {
      const e = validateIncoming(auditEntrySchema, entry, 'audit entry');
      if (!(await ops.create('audit.append', container, toDoc(e))))
        throw new DomainError(DomainErrorCode.Conflict, 'That audit entry already exists');
    },
    async list(query) {
      const top = Math.max(0, Math.floor(query.limit));
      if (top === 0) return [];
      const { sql, parameters } = whereOf(query);
      const docs = await ops.query<AuditDoc>('audit.list', container, {
        query: `SELECT TOP ${top} * FROM c WHERE ${sql} ORDER BY c.sortKey DESC`,
        parameters,
      });
      return docs
        .sort((a, b) => b.sortKey.localeCompare(a.sortKey))
        .map((d) => decodeStored(auditEntrySchema, d.entry, 'audit entry', String(d.id)));
    },
  };
}
