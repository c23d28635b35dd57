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
export type { ApprovalRepository } from './approval-repository.port.js';
export type { ApprovalGate, ProposedCall } from './approval-gate.port.js';
