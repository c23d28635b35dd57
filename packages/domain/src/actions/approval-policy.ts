import type { ApprovalPolicy } from './approval.js';

/** The MCP tool annotations the policy reads (hints from the server, not guarantees). */
export interface ToolAnnotations {
  readonly title?: string;
  readonly readOnlyHint?: boolean;
  readonly destructiveHint?: boolean;
  readonly idempotentHint?: boolean;
  readonly openWorldHint?: boolean;
}

/** The role that decides destructive tools when the servers file says nothing. */
export const DEFAULT_DESTRUCTIVE_ROLE = 'Manager';

/**
 * The policy a tool runs under. The servers file's setting always wins; without one, the
 * annotations decide: `readOnlyHint: true` → none; a write → `self`; `destructiveHint: true`
 * → `{ role: "Manager" }`. A tool with no annotations at all is treated as a write (MCP's
 * own defaults: not read-only, destructive), so it asks a Manager.
 */
export function resolveApprovalPolicy(
  configured: ApprovalPolicy | undefined,
  annotations: ToolAnnotations | undefined,
): ApprovalPolicy {
  if (configured !== undefined) return configured;
  if (annotations?.readOnlyHint === true) return 'none';
  // MCP's default for destructiveHint is true when a tool is not read-only.
  if (annotations?.destructiveHint !== false) return { role: DEFAULT_DESTRUCTIVE_ROLE };
  return 'self';
}

export const needsApproval = (policy: ApprovalPolicy): boolean => policy !== 'none';

/** "you" for `self`, "a Manager" for a role: said in answers and in the conversation. */
export function describeDecider(policy: ApprovalPolicy, where: 'chat' | 'group'): string {
  if (policy === 'none') return 'nobody';
  if (policy === 'self') return 'you (the person who asked)';
  return where === 'group' ? `a ${policy.role} in this room` : `a ${policy.role} of your team`;
}
