import type { ToolCallAudit } from '../audit/audited-tool-hub.js';
import type { Approval } from '../actions/approval.js';
import type { ApprovalGate } from '../ports/approval-gate.port.js';
import { describeDecider, needsApproval } from '../actions/approval-policy.js';
import type { ConversationEvent } from '../model/events.js';
import type { ConversationRef, ToolCallRecord } from '../model/message.js';
import type { User } from '../model/user.js';
import type { LlmMessage, LlmToolCall } from '../ports/llm.port.js';
import type { Telemetry } from '../ports/telemetry.port.js';
import type {
  ToolCallContext,
  ToolCallConversation,
  ToolCallOutcome,
  ToolDescriptor,
  ToolHub,
} from '../ports/tool-hub.port.js';
import { connectServerMessage } from '../ports/mcp-connections.port.js';
import { formatToolResult } from './tool-result-format.js';

export interface ToolRunContext {
  readonly hub: ToolHub;
  /** The role's tools, by exposed name: anything else is refused. */
  readonly allowed: ReadonlyMap<string, ToolDescriptor>;
  /** `oauth` servers the asker has not connected: a call to one says how to connect it. */
  readonly unconnected?: ReadonlySet<string>;
  readonly user: User;
  readonly role: string;
  readonly token?: string;
  readonly signal: AbortSignal;
  /** Where the question was asked: passed to the hub with every call. */
  readonly conversation: ToolCallConversation;
  readonly messageId: string;
  readonly toolResultMaxChars: number;
  readonly emit: (event: ConversationEvent) => void;
  readonly telemetry: Telemetry;
  /** Records the calls that never reach the hub (the hub's own calls are audited around it). */
  readonly audit?: ToolCallAudit;
  /** The conversation the calls are made in. */
  readonly ref: ConversationRef;
  /** Where calls that need an approval wait; without it such calls are refused. */
  readonly approvals?: ApprovalGate;
  /** Asks the asker for input a server needs mid-call; absent: such requests are declined. */
  readonly elicit?: ToolCallContext['elicit'];
}

export interface ToolRunResult {
  readonly record: ToolCallRecord;
  /** What goes back to the model, in the order of the calls. */
  readonly message: LlmMessage;
  /** Present when the tool ran and succeeded. */
  readonly outcome?: ToolCallOutcome;
  /** Present when the call was not run but waits for an approval. */
  readonly awaiting?: { readonly approval: Approval; readonly decider: string };
}

const ERROR_MAX = 1_000;

/** `crm__pipeline_summary` → server `crm`, tool `pipeline_summary` (best effort for unknown names). */
function splitName(name: string): { server: string; tool: string } {
  const at = name.indexOf('__');
  const clip = (s: string, max: number) => s.slice(0, max) || 'unknown';
  return at > 0
    ? { server: clip(name.slice(0, at), 100), tool: clip(name.slice(at + 2), 200) }
    : { server: 'unknown', tool: clip(name, 200) };
}

/** The model's argument text as an object; `undefined` when it is not a JSON object. */
export function parseArguments(text: string): Record<string, unknown> | undefined {
  if (text.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** The tool's answer as the model reads it. */
function toolMessage(ctx: ToolRunContext, call: LlmToolCall, outcome: ToolCallOutcome): LlmMessage {
  return {
    role: 'tool',
    toolCallId: call.id,
    content: formatToolResult(outcome, ctx.toolResultMaxChars),
  };
}

/** A call that never reached the hub: the model is told why, the message and the audit record it. */
async function notRun(
  ctx: ToolRunContext,
  call: LlmToolCall,
  names: { server: string; tool: string },
  status: 'refused' | 'failed',
  error: string,
): Promise<ToolRunResult> {
  await ctx.audit?.recordUnrun({
    ...names,
    arguments: parseArguments(call.arguments) ?? { unparsed: call.arguments.slice(0, 2_000) },
    context: toolCallContext(ctx),
    outcome: status,
    error,
  });
  const record: ToolCallRecord = {
    id: call.id,
    ...names,
    status,
    durationMs: 0,
    error: error.slice(0, ERROR_MAX),
  };
  ctx.telemetry.toolFinished(names.server, status, 0);
  ctx.emit({ type: 'tool.finished', messageId: ctx.messageId, call: record });
  const outcome: ToolCallOutcome = {
    ok: false,
    ...names,
    text: '',
    durationMs: 0,
    error,
    refused: status === 'refused',
  };
  return {
    record,
    message: toolMessage(ctx, call, outcome),
  };
}

function toolCallContext(ctx: ToolRunContext): ToolCallContext {
  return {
    user: ctx.user,
    role: ctx.role,
    token: ctx.token,
    signal: ctx.signal,
    conversation: ctx.conversation,
    ...(ctx.elicit ? { elicit: ctx.elicit } : {}),
  };
}

async function runOne(ctx: ToolRunContext, call: LlmToolCall): Promise<ToolRunResult> {
  const descriptor = ctx.allowed.get(call.name);
  // The role is checked again here: a model may name any tool, whatever it was offered.
  if (!descriptor) {
    const names = splitName(call.name);
    const why = ctx.unconnected?.has(names.server)
      ? connectServerMessage(names.server)
      : `not allowed for role ${ctx.role}`;
    return notRun(ctx, call, names, 'refused', why);
  }
  const names = { server: descriptor.server, tool: descriptor.tool };
  const args = parseArguments(call.arguments);
  if (!args)
    return notRun(ctx, call, names, 'failed', 'the arguments were not a valid JSON object');

  if (needsApproval(descriptor.approval)) return propose(ctx, call, descriptor, args);

  ctx.emit({
    type: 'tool.started',
    messageId: ctx.messageId,
    call: { id: call.id, ...names, status: 'running', durationMs: 0 },
  });
  const started = performance.now();
  let outcome: ToolCallOutcome;
  try {
    outcome = await ctx.hub.call(call.name, args, toolCallContext(ctx));
  } catch {
    // The hub reports failures as outcomes; a throw is still only this call's failure.
    outcome = {
      ok: false,
      ...names,
      text: '',
      durationMs: performance.now() - started,
      error: 'the tool failed',
    };
  }
  const status = outcome.ok ? 'ok' : outcome.refused ? 'refused' : 'failed';
  const durationMs = Math.max(
    0,
    Math.round(outcome.durationMs >= 0 ? outcome.durationMs : performance.now() - started),
  );
  const record: ToolCallRecord = {
    id: call.id,
    ...names,
    status,
    durationMs,
    ...(outcome.ok ? {} : { error: (outcome.error ?? 'the tool failed').slice(0, ERROR_MAX) }),
  };
  ctx.telemetry.toolFinished(names.server, status, durationMs);
  ctx.emit({ type: 'tool.finished', messageId: ctx.messageId, call: record });
  return {
    record,
    message: toolMessage(ctx, call, outcome),
    ...(outcome.ok ? { outcome } : {}),
  };
}

/**
 * A write: not run now. The request is stored with exactly these arguments and the model is
 * told that it waits, and for whom, so the answer says so.
 */
async function propose(
  ctx: ToolRunContext,
  call: LlmToolCall,
  descriptor: ToolDescriptor,
  args: Record<string, unknown>,
): Promise<ToolRunResult> {
  const names = { server: descriptor.server, tool: descriptor.tool };
  if (!ctx.approvals)
    return notRun(ctx, call, names, 'refused', 'this tool runs only after an approval');
  const proposed = await ctx.approvals
    .propose({
      descriptor,
      arguments: args,
      asker: ctx.user,
      ...(ctx.token ? { token: ctx.token } : {}),
      role: ctx.role,
      ref: ctx.ref,
      messageId: ctx.messageId,
      callId: call.id,
    })
    .catch(() => ({ error: 'the request for approval could not be stored' }));
  if ('error' in proposed) return notRun(ctx, call, names, 'failed', proposed.error);
  const { approval } = proposed;
  const decider = describeDecider(approval.policy, approval.conversation.kind);
  const record: ToolCallRecord = {
    id: call.id,
    ...names,
    status: 'awaiting_approval',
    durationMs: 0,
    approvalId: approval.id,
  };
  await ctx.audit?.recordUnrun({
    ...names,
    arguments: args,
    context: toolCallContext(ctx),
    outcome: 'awaiting_approval',
    approvalId: approval.id,
  });
  ctx.emit({ type: 'tool.awaiting_approval', messageId: ctx.messageId, call: record, approval });
  const outcome: ToolCallOutcome = {
    ok: true,
    ...names,
    durationMs: 0,
    structuredContent: {
      status: 'awaiting_approval',
      approvalId: approval.id,
      waitingFor: decider,
      expiresAt: approval.expiresAt,
    },
    text: `Not run yet: this change waits for approval by ${decider}. Tell the user it waits, and for whom; do not say it was done.`,
  };
  return {
    record,
    message: toolMessage(ctx, call, outcome),
    awaiting: { approval, decider },
  };
}

/** The answer to a call that is not run at all (e.g. over the per-round cap): no record, no event. */
export function skippedCall(call: LlmToolCall, reason: string, maxChars: number): LlmMessage {
  const outcome: ToolCallOutcome = {
    ok: false,
    ...splitName(call.name),
    text: '',
    durationMs: 0,
    error: reason,
  };
  return { role: 'tool', toolCallId: call.id, content: formatToolResult(outcome, maxChars) };
}

/**
 * Runs one round of the model's tool calls in parallel. Calls outside the role are refused
 * and never reach the hub; calls with arguments that are not a JSON object fail without
 * running. Results come back in the order of the calls.
 */
export function runToolCalls(
  ctx: ToolRunContext,
  calls: readonly LlmToolCall[],
): Promise<ToolRunResult[]> {
  return Promise.all(calls.map((call) => runOne(ctx, call)));
}
