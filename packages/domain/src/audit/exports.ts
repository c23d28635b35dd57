export {
  auditEntrySchema,
  auditOutcomeSchema,
  auditSortKey,
  storedArguments,
  AUDIT_ARGUMENTS_MAX_CHARS,
  type AuditEntry,
  type AuditOutcome,
} from './audit-entry.js';
export type { AuditLog, AuditQuery, AuditScope } from '../ports/audit-log.port.js';
export {
  auditedToolHub,
  type AuditedToolHubDeps,
  type ToolCallAudit,
  type UnrunCall,
} from './audited-tool-hub.js';
export { auditCsv, csvField, AUDIT_CSV_COLUMNS } from './audit-csv.js';
export {
  AuditService,
  AUDIT_EXPORT_MAX,
  AUDIT_PAGE_DEFAULT,
  AUDIT_PAGE_MAX,
  type AuditExport,
  type AuditFilter,
  type AuditPage,
  type AuditServiceDeps,
} from './audit-service.js';
