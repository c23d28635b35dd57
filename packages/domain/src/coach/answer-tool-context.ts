import type { ApprovalGate } from '../ports/approval-gate.port.js';
import type { ToolCallAudit } from '../audit/audited-tool-hub.js';
import type { ElicitationBroker } from '../elicitation/elicitation-broker.js';
import type { ConversationRef } from '../model/message.js';
import type { Telemetry } from '../ports/telemetry.port.js';
import type { ToolCallConversation, ToolDescriptor, ToolHub } from '../ports/tool-hub.port.js';
import type { AnswerInput } from '../ports/coach-engine.port.js';
import type { ToolRunContext } from './tool-runner.js';

/** A session the coach answers is a 1-on-1 chat (practice sessions are the buyer's). */
export function toolConversation(ref: ConversationRef): ToolCallConversation {
  return ref.kind === 'session'
    ? { kind: 'chat', id: ref.sessionId }
    : { kind: 'group', id: ref.groupId };
}

export interface AnswerToolParts {
  readonly hub: ToolHub;
  readonly allowed: ReadonlyMap<string, ToolDescriptor>;
  /** `oauth` servers the asker has not connected. */
  readonly unconnected?: ReadonlySet<string>;
  readonly messageId: string;
  readonly toolResultMaxChars: number;
  readonly telemetry: Telemetry;
  readonly audit?: ToolCallAudit;
  readonly approvals?: ApprovalGate;
  readonly elicitations?: Pick<ElicitationBroker, 'elicitorFor'>;
}

/** What the tool runner needs for one answer's calls: the asker, where, and their hooks. */
export function answerToolContext(input: AnswerInput, parts: AnswerToolParts): ToolRunContext {
  return {
    hub: parts.hub,
    allowed: parts.allowed,
    ...(parts.unconnected ? { unconnected: parts.unconnected } : {}),
    user: input.user,
    role: input.role,
    token: input.token,
    signal: input.signal,
    conversation: toolConversation(input.ref),
    messageId: parts.messageId,
    toolResultMaxChars: parts.toolResultMaxChars,
    emit: input.emit,
    telemetry: parts.telemetry,
    ref: input.ref,
    ...(parts.audit ? { audit: parts.audit } : {}),
    ...(parts.approvals ? { approvals: parts.approvals } : {}),
    ...(parts.elicitations
      ? {
          elicit: parts.elicitations.elicitorFor({
            asker: input.user,
            messageId: parts.messageId,
            emit: input.emit,
            signal: input.signal,
          }),
        }
      : {}),
  };
}
