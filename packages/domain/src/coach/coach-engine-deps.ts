import type { ApprovalGate } from '../ports/approval-gate.port.js';
import type { ToolCallAudit } from '../audit/audited-tool-hub.js';
import type { ElicitationBroker } from '../elicitation/elicitation-broker.js';
import type { Clock } from '../ports/clock.port.js';
import type { LlmClient } from '../ports/llm.port.js';
import type { Logger } from '../ports/logger.port.js';
import type { MessageRepository } from '../ports/message-repository.port.js';
import type { PromptTemplateSource } from '../ports/prompt-template.port.js';
import type { Telemetry } from '../ports/telemetry.port.js';
import type { ToolHub } from '../ports/tool-hub.port.js';

export interface CoachEngineLimits {
  /** Rounds in which the model is offered tools; one more call without tools forces the answer. */
  readonly maxToolRounds: number;
  /** Size cap of one tool result handed to the model. */
  readonly toolResultMaxChars: number;
  /** Tokens (≈ chars / 4) of conversation history sent with the question. */
  readonly historyTokenBudget: number;
  /** Messages read from the store before trimming to the budget (default 40). */
  readonly historyMessages?: number;
}

export interface CoachEngineDeps {
  readonly messages: MessageRepository;
  readonly llm: LlmClient;
  readonly tools: ToolHub;
  readonly prompt: PromptTemplateSource;
  readonly clock?: Clock;
  readonly logger?: Logger;
  readonly telemetry?: Telemetry;
  /** Records tool calls refused before they reach `tools` (calls through it are audited there). */
  readonly audit?: ToolCallAudit;
  /** Servers' requests for input during a call go to the asker through this; declined without it. */
  readonly elicitations?: Pick<ElicitationBroker, 'elicitorFor'>;
  readonly limits: CoachEngineLimits;
  /** Where writes wait for an approval; without it, tools that need one are refused. */
  readonly approvals?: ApprovalGate;
}
