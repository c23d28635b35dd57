import type { GroundedSource } from '../coaching/pinned-answer.js';
import type { ConversationEvent } from '../model/events.js';
import type { ConversationRef, Message } from '../model/message.js';
import type { User } from '../model/user.js';

export interface AnswerInput {
  readonly ref: ConversationRef;
  /** Who asked (in a room, the person whose message the coach answers). */
  readonly user: User;
  /** The role the coach runs with: the session's, or the ROOM's. */
  readonly role: string;
  /** The asker's bearer token: the hub exchanges it for one issued for each `obo` MCP server. */
  readonly token?: string;
  /** The persisted user message being answered. */
  readonly question: Message;
  /** The message the answer follows when that must be explicit (see Message.parentId). */
  readonly parentId?: string;
  readonly signal: AbortSignal;
  /** Reference material for this asker (their team's pinned answers); never instructions. */
  readonly grounding?: readonly GroundedSource[];
  /** Emits answer.* and tool.* events (raw deltas; the caller coalesces). */
  readonly emit: (event: ConversationEvent) => void;
}

/** Answers one question end to end; resolves with the final persisted assistant message. */
export interface CoachEngine {
  answer(input: AnswerInput): Promise<Message>;
}
