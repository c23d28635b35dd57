import type { ConversationRef, ToolCallRecord } from '../model/message.js';
import type { ToolCallOutcome } from '../ports/tool-hub.port.js';
import type { ApprovalRecord, ApprovalResult } from './approval.js';

const SUMMARY_MAX = 500;

/** The conversation a request was made in. */
export function conversationOf(record: ApprovalRecord): ConversationRef {
  return record.conversation.kind === 'group'
    ? { kind: 'group', groupId: record.conversation.id }
    : { kind: 'session', userId: record.asker.id, sessionId: record.conversation.id };
}

/** What is kept of a call's outcome: a short summary, never the full tool output. */
export function resultOf(outcome: ToolCallOutcome): ApprovalResult {
  const summary = outcome.ok ? outcome.text : (outcome.error ?? 'the tool failed');
  return {
    ok: outcome.ok,
    summary: summary.slice(0, SUMMARY_MAX),
    durationMs: Math.max(0, Math.round(outcome.durationMs)),
  };
}

/** The tool call as the coach's message records it. */
export function callRecordOf(record: ApprovalRecord): ToolCallRecord {
  const { result } = record;
  const status: ToolCallRecord['status'] =
    record.status === 'approved' ? (result?.ok ? 'ok' : 'failed') : 'refused';
  return {
    id: record.callId,
    server: record.server,
    tool: record.tool,
    status,
    durationMs: result?.durationMs ?? 0,
    approvalId: record.id,
    ...(status === 'failed'
      ? { error: (result?.summary ?? 'the tool failed').slice(0, 1_000) }
      : {}),
  };
}

/** The coach's message about a decided (or expired) request, in the conversation it came from. */
export function outcomeMessage(record: ApprovalRecord): string {
  const what = `\`${record.tool}\` (${record.server}) for ${record.askedBy.name}`;
  const by = record.decidedBy?.name ?? 'someone';
  switch (record.status) {
    case 'approved': {
      const edited =
        JSON.stringify(record.arguments) !== JSON.stringify(record.proposedArguments)
          ? ' with edited arguments'
          : '';
      const result = record.result;
      if (result?.ok) return `**Approved by ${by}**${edited}: ${what} ran.\n\n${result.summary}`;
      return `**Approved by ${by}**${edited}, but ${what} failed: ${result?.summary ?? 'the tool failed'}`;
    }
    case 'rejected':
      return `**Rejected by ${by}**: ${what} was not run.${record.reason ? `\n\nReason: ${record.reason}` : ''}`;
    case 'expired':
      return `**Expired**: ${what} was not run; no one decided it before ${record.expiresAt}.`;
    default:
      return `${what} waits for approval.`;
  }
}
