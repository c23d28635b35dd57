export {
  approvalPolicySchema,
  approvalStatusSchema,
  approvalConversationSchema,
  approvalResultSchema,
  approvalSchema,
  approvalRecordSchema,
  approvalView,
  isOverdue,
  APPROVAL_REASON_MAX,
  type ApprovalPolicy,
  type ApprovalStatus,
  type ApprovalConversation,
  type ApprovalPerson,
  type ApprovalResult,
  type Approval,
  type ApprovalRecord,
} from './approval.js';
export {
  resolveApprovalPolicy,
  needsApproval,
  describeDecider,
  DEFAULT_DESTRUCTIVE_ROLE,
  type ToolAnnotations,
} from './approval-policy.js';
export type { ApprovalRepository } from '../ports/approval-repository.port.js';
export type { ApprovalGate, ProposedCall } from '../ports/approval-gate.port.js';
export type { AskerTokens } from '../ports/asker-tokens.port.js';
export { ApprovalAccess, type ApprovalAccessDeps } from './approval-access.js';
export {
  ApprovalService,
  APPROVALS_STREAM,
  type ApprovalServiceDeps,
  type DecideInput,
} from './approval-service.js';
