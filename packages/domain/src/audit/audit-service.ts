import { forbidden, invalid } from '../errors/domain-error.js';
import type { User } from '../model/user.js';
import type { Clock } from '../ports/clock.port.js';
import type { TeamDirectory } from '../ports/team-directory.port.js';
import { auditCsv } from './audit-csv.js';
import { auditSortKey, type AuditEntry } from './audit-entry.js';
import type { AuditLog, AuditQuery, AuditScope } from '../ports/audit-log.port.js';

export interface AuditFilter {
  readonly since?: string;
  readonly until?: string;
  readonly server?: string;
  readonly tool?: string;
  /** Calls asked by this user. */
  readonly userId?: string;
}

export interface AuditPage {
  readonly entries: AuditEntry[];
  /** Pass back as `cursor` for the next (older) page; absent on the last page. */
  readonly nextCursor?: string;
}

export interface AuditExport {
  readonly format: 'csv' | 'json';
  readonly contentType: string;
  readonly filename: string;
  readonly count: number;
  /** True when more entries matched than one export holds (narrow the dates). */
  readonly truncated: boolean;
  readonly body: string;
}

export const AUDIT_PAGE_DEFAULT = 50;
export const AUDIT_PAGE_MAX = 200;
/** The most entries one export holds. */
export const AUDIT_EXPORT_MAX = 10_000;
const EXPORT_PAGE = 500;

export interface AuditServiceDeps {
  readonly log: AuditLog;
  readonly teams?: TeamDirectory;
  readonly clock: Clock;
}

/** A cursor is the sort key of the last entry of the page before. */
function checkedCursor(cursor: string): string {
  if (!/^\d{4}-\d\d-\d\dT[\d:.]+Z\|[A-Za-z0-9_:.-]{1,100}$/.test(cursor))
    throw invalid('That cursor is not one this list gave out');
  return cursor;
}

/**
 * Reads the audit log for the people allowed to: an Admin reads every entry; a Manager the
 * calls of the members of the teams they manage, and their own; nobody else any.
 */
export class AuditService {
  constructor(private readonly deps: AuditServiceDeps) {}

  /** Who `user` may read (undefined: everyone); FORBIDDEN for anyone but Managers and Admins. */
  scopeOf(user: User): AuditScope | undefined {
    if (user.roles.includes('Admin')) return undefined;
    if (!user.roles.includes('Manager'))
      throw forbidden('Only Managers and Admins can read the audit log');
    const managed = this.deps.teams?.visibleTeams(user) ?? [];
    return {
      userIds: [...new Set([user.id, ...managed.flatMap((t) => t.members)])],
      teamIds: managed.map((t) => t.id),
    };
  }

  private query(user: User, filter: AuditFilter, limit: number, after?: string): AuditQuery {
    for (const [name, value] of [
      ['since', filter.since],
      ['until', filter.until],
    ] as const)
      if (value !== undefined && Number.isNaN(Date.parse(value)))
        throw invalid(`${name} must be an ISO date and time`);
    const scope = this.scopeOf(user);
    return {
      ...(filter.since ? { since: new Date(filter.since).toISOString() } : {}),
      ...(filter.until ? { until: new Date(filter.until).toISOString() } : {}),
      ...(filter.server ? { server: filter.server } : {}),
      ...(filter.tool ? { tool: filter.tool } : {}),
      ...(filter.userId ? { userId: filter.userId } : {}),
      ...(scope ? { scope } : {}),
      ...(after ? { after } : {}),
      limit,
    };
  }

  async list(
    user: User,
    input: AuditFilter & { limit?: number; cursor?: string },
  ): Promise<AuditPage> {
    const limit = Math.min(AUDIT_PAGE_MAX, Math.max(1, input.limit ?? AUDIT_PAGE_DEFAULT));
    const after = input.cursor === undefined ? undefined : checkedCursor(input.cursor);
    const found = await this.deps.log.list(this.query(user, input, limit + 1, after));
    const entries = found.slice(0, limit);
    const last = entries.at(-1);
    return found.length > limit && last ? { entries, nextCursor: auditSortKey(last) } : { entries };
  }

  async export(user: User, input: AuditFilter & { format: 'csv' | 'json' }): Promise<AuditExport> {
    const entries: AuditEntry[] = [];
    let after: string | undefined;
    let truncated = false;
    for (;;) {
      const page = await this.deps.log.list(this.query(user, input, EXPORT_PAGE, after));
      entries.push(...page);
      if (entries.length > AUDIT_EXPORT_MAX) {
        entries.length = AUDIT_EXPORT_MAX;
        truncated = true;
        break;
      }
      const last = page.at(-1);
      if (page.length < EXPORT_PAGE || !last) break;
      after = auditSortKey(last);
    }
    const stamp = this.deps.clock.now().toISOString().slice(0, 10);
    return input.format === 'csv'
      ? {
          format: 'csv',
          contentType: 'text/csv; charset=utf-8',
          filename: `audit-${stamp}.csv`,
          count: entries.length,
          truncated,
          body: auditCsv(entries),
        }
      : {
          format: 'json',
          contentType: 'application/json',
          filename: `audit-${stamp}.json`,
          count: entries.length,
          truncated,
          body: JSON.stringify(entries, null, 2),
        };
  }
}
