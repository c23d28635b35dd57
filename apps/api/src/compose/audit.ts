import {
  AuditService,
  auditedToolHub,
  type Clock,
  type Logger,
  type Store,
  type TeamDirectory,
  type ToolCallAudit,
  type ToolHub,
} from '@salescoach/domain';

export interface AuditComposition {
  /** The hub every caller uses: each call through it is appended to the audit log. */
  readonly tools: ToolHub & ToolCallAudit;
  readonly audit: AuditService;
}

/** Wraps the MCP hub in the audit decorator (so calls made after an approval are audited too). */
export function composeAudit(
  hub: ToolHub,
  parts: { store: Store; teams: TeamDirectory; clock: Clock; logger: Logger },
): AuditComposition {
  return {
    tools: auditedToolHub(hub, {
      log: parts.store.audit,
      clock: parts.clock,
      logger: parts.logger.child({ component: 'audit' }),
      teams: parts.teams,
    }),
    audit: new AuditService({ log: parts.store.audit, teams: parts.teams, clock: parts.clock }),
  };
}
