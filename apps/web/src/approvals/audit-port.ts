import type { ApiClient } from '../api/api-client.js';
import type { AuditPort } from './AuditSection.js';

/** The audit view's port over the typed client (`audit.list`, `audit.export`). */
export function auditPort(api: ApiClient): AuditPort {
  return {
    list: (query) => api.audit.list.query(query),
    export: (format, query) => api.audit.export.query({ format, ...query }),
  };
}
