import { z } from 'zod';
import { idSchema, isoDateSchema } from '../model/ids.js';
import { roleSchema, userSchema } from '../model/user.js';

/**
 * Who must agree before a tool runs: nobody (`none`), the person who asked (`self`), or
 * someone holding a role (`{ role }`). Set per tool in the MCP servers file; when not set,
 * read from the tool's annotations (see resolveApprovalPolicy).
 */
export const approvalPolicySchema = z.union([
  z.literal('none'),
  z.literal('self'),
  z.object({ role: roleSchema }).strict(),
]);
export type ApprovalPolicy = z.infer<typeof approvalPolicySchema>;

export const approvalStatusSchema = z.enum(['pending', 'approved', 'rejected', 'expired']);
export type ApprovalStatus = z.infer<typeof approvalStatusSchema>;

/** Where a request was made (the kinds of ToolCallContext.conversation). */
export const approvalConversationSchema = z.object({
  kind: z.enum(['chat', 'group']),
  id: idSchema,
});
export type ApprovalConversation = z.infer<typeof approvalConversationSchema>;

const personSchema = z.object({
  id: z.string().min(1).max(200),
  name: z.string().min(1).max(200),
});
export type ApprovalPerson = z.infer<typeof personSchema>;

/** What the approved call did (no tool output beyond a short, capped summary). */
export const approvalResultSchema = z.object({
  ok: z.boolean(),
  /** A short summary of the tool's answer, or why it failed (safe to show). */
  summary: z.string().max(2_000),
  durationMs: z.number().min(0),
  /** The coach's message in the conversation that reports the outcome. */
  messageId: idSchema.optional(),
});
export type ApprovalResult = z.infer<typeof approvalResultSchema>;

export const APPROVAL_REASON_MAX = 1_000;
const argumentsSchema = z.record(z.string(), z.unknown());

/** The public view of a request for approval (what procedures and events carry). */
export const approvalSchema = z.object({
  id: idSchema,
  server: z.string().min(1).max(100),
  tool: z.string().min(1).max(200),
  /** Exactly what will be called: the proposal's, or the decider's edit once approved. */
  arguments: argumentsSchema,
  askedBy: personSchema,
  conversation: approvalConversationSchema,
  status: approvalStatusSchema,
  policy: approvalPolicySchema,
  decidedBy: personSchema.optional(),
  reason: z.string().max(APPROVAL_REASON_MAX).optional(),
  createdAt: isoDateSchema,
  expiresAt: isoDateSchema,
  decidedAt: isoDateSchema.optional(),
  result: approvalResultSchema.optional(),
  /** The tool's JSON Schema input, on `get` and `list` (for the edit form); never stored. */
  inputSchema: z.record(z.string(), z.unknown()).optional(),
});
export type Approval = z.infer<typeof approvalSchema>;

/**
 * A request as stored: the public view plus what running it later needs — the asker as
 * their token verified them, the role the conversation ran with, the tool's exposed name,
 * the answer and call it came from, and a version for compare-and-set updates.
 */
export const approvalRecordSchema = approvalSchema.extend({
  asker: userSchema,
  role: roleSchema,
  name: z.string().min(1).max(64),
  messageId: idSchema,
  callId: z.string().min(1).max(200),
  /** Arguments as the model proposed them (kept when a decider edits them). */
  proposedArguments: argumentsSchema,
  version: z.number().int().min(1),
});
export type ApprovalRecord = z.infer<typeof approvalRecordSchema>;

/** The public view of a stored request. */
export function approvalView(record: ApprovalRecord): Approval {
  const {
    asker: _asker,
    role: _role,
    name: _name,
    messageId: _messageId,
    callId: _callId,
    proposedArguments: _proposed,
    version: _version,
    ...view
  } = record;
  return view;
}

/** Pending and past its expiry: it can no longer be decided. */
export const isOverdue = (record: Pick<Approval, 'status' | 'expiresAt'>, now: Date): boolean =>
  record.status === 'pending' && Date.parse(record.expiresAt) <= now.getTime();
