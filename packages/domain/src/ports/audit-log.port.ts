import type { AuditEntry } from '../audit/audit-entry.js';

/** Who the reader may see: calls by these users, or by members of these teams. */
export interface AuditScope {
  readonly userIds: readonly string[];
  readonly teamIds: readonly string[];
}

export interface AuditQuery {
  /** Calls started at or after (ISO). */
  readonly since?: string;
  /** Calls started before (ISO). */
  readonly until?: string;
  readonly server?: string;
  readonly tool?: string;
  /** Calls asked by this user. */
  readonly userId?: string;
  /** Absent: every entry (Admin). */
  readonly scope?: AuditScope;
  /** Entries older than this sort key (see `auditSortKey`): the next page. */
  readonly after?: string;
  readonly limit: number;
}

/**
 * The append-only audit log of tool calls. There is no update and no delete: an entry is
 * written once, when the call is decided, and read back newest first.
 */
export interface AuditLog {
  /** Stores a new entry; rejects (Conflict) when an entry with its id exists (which stays). */
  append(entry: AuditEntry): Promise<void>;
  /** Matching entries, newest first (by `auditSortKey`), at most `limit`. */
  list(query: AuditQuery): Promise<AuditEntry[]>;
}
