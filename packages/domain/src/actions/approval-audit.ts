import type { ToolCallAudit } from '../audit/audited-tool-hub.js';
import type { ApprovalRecord } from './approval.js';

/** Why a request ended without its call running, as the audit entry says it. */
function whyNotRun(record: ApprovalRecord): string {
  if (record.status === 'rejected')
    return `Rejected by ${record.decidedBy?.name ?? 'a decider'}${record.reason ? `: ${record.reason}` : ''}`;
  return 'Expired before anyone decided';
}

/**
 * Appends the end of a request whose call never ran (rejected, or expired) to the audit log,
 * next to the entry written when it started waiting: who asked, where, the arguments, the
 * decider and why. Never rejects (the audit's own failures are logged there).
 */
export async function auditNotRun(
  audit: ToolCallAudit | undefined,
  record: ApprovalRecord,
): Promise<void> {
  if (!audit) return;
  await audit.recordUnrun({
    server: record.server,
    tool: record.tool,
    arguments: record.arguments,
    context: {
      user: record.asker,
      role: record.role,
      conversation: record.conversation,
      ...(record.decidedBy ? { approval: { id: record.id, decidedBy: record.decidedBy } } : {}),
    },
    outcome: 'refused',
    error: whyNotRun(record),
    approvalId: record.id,
  });
}
