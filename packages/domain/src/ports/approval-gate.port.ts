import type { ConversationRef } from '../model/message.js';
import type { User } from '../model/user.js';
import type { ToolDescriptor } from './tool-hub.port.js';
import type { Approval } from '../actions/approval.js';

/** A write the model proposed, as the engine hands it over. */
export interface ProposedCall {
  readonly descriptor: ToolDescriptor;
  readonly arguments: Record<string, unknown>;
  /** Who asked (the verified user whose question the coach answers). */
  readonly asker: User;
  /** The asker's sign-in token for this question (never stored with the request). */
  readonly token?: string;
  /** The role the conversation runs with. */
  readonly role: string;
  readonly ref: ConversationRef;
  /** The answer that proposed it, and the model's call id. */
  readonly messageId: string;
  readonly callId: string;
}

/** Where the engine leaves calls that need an approval (implemented by ApprovalService). */
export interface ApprovalGate {
  /**
   * Stores a pending request with exactly these arguments, after checking them against the
   * tool's input schema; `{ error }` (nothing stored) when they do not fit.
   */
  propose(call: ProposedCall): Promise<{ approval: Approval } | { error: string }>;
}
