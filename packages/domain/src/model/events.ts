import type { Approval } from '../actions/approval.js';
import type { Group } from './group.js';
import type { Message, ToolCallRecord } from './message.js';
import type { Whisper } from '../practice/room/room-practice.js';
import type { Session } from './session.js';
import type { ElicitationView } from '../elicitation/elicitation-view.js';

/**
 * Live events of one conversation (a session or a group). Every event goes through the
 * event log, gets an id there, and reaches subscribers as `tracked(id, event)`.
 */
export type ConversationEvent =
  | { type: 'message.created'; message: Message }
  /** Its author changed a message in place (rooms): the message as it is now. */
  | { type: 'message.updated'; message: Message }
  /** Its author deleted a message (rooms): it disappears from the conversation. */
  | { type: 'message.deleted'; messageId: string }
  | { type: 'answer.started'; message: Message }
  | { type: 'answer.delta'; messageId: string; text: string }
  | { type: 'tool.started'; messageId: string; call: ToolCallRecord }
  | { type: 'tool.finished'; messageId: string; call: ToolCallRecord }
  /** A tool call the model proposed waits for an approval (call.status `awaiting_approval`). */
  | { type: 'tool.awaiting_approval'; messageId: string; call: ToolCallRecord; approval: Approval }
  /** A request was approved (and its call ran), rejected or expired. */
  | { type: 'approval.decided'; approval: Approval }
  /** A tool asks the asker for input while it runs (in a room, only the asker receives it). */
  | { type: 'tool.elicitation'; messageId: string; elicitation: ElicitationView }
  /** The request for input was answered, declined, cancelled or timed out (`cancel`). */
  | {
      type: 'tool.elicitation_closed';
      messageId: string;
      elicitationId: string;
      action: 'accept' | 'decline' | 'cancel';
    }
  | { type: 'answer.completed'; message: Message }
  | { type: 'answer.failed'; message: Message; code: string; reason: string }
  | { type: 'session.updated'; session: Session }
  | { type: 'group.updated'; group: Group }
  | { type: 'group.deleted'; groupId: string }
  | {
      type: 'member.added';
      groupId: string;
      userId: string;
      name: string;
      /** The member does not hold the room's role (the owner was warned). */
      lacksRole?: boolean;
    }
  | { type: 'member.removed'; groupId: string; userId: string }
  | { type: 'typing'; groupId: string; userId: string; name: string; expiresAt: string }
  | { type: 'presence'; groupId: string; online: { userId: string; name: string }[] }
  | { type: 'answer.queued'; groupId: string; queue: { messageId: string; askedBy: string }[] }
  | { type: 'answer.queued'; sessionId: string; queue: { messageId: string; askedBy: string }[] }
  /** A stop on its way to the instance running the answer (control stream only, never a conversation's). */
  | {
      type: 'answer.stop';
      origin: string;
      conversationId: string;
      userId: string;
      everything: boolean;
      messageId?: string;
    }
  /** An answer to a request for input, on its way to the instance running the call (control stream only). */
  | {
      type: 'elicitation.respond';
      origin: string;
      requestId: string;
      elicitationId: string;
      userId: string;
      action: 'accept' | 'decline' | 'cancel';
      content?: unknown;
    }
  /** That instance's verdict on it, back to the instance that received it (control stream only). */
  | {
      type: 'elicitation.replied';
      to: string;
      requestId: string;
      error?: { code: string; message: string };
    }
  /** A practice started in a room (on the room's stream). */
  | {
      type: 'practice.started';
      groupId: string;
      practiceId: string;
      rep: { userId: string; name: string };
      title: string;
    }
  /** A practice ended, was scored or got a person's score: reload it (on the practice's stream). */
  | { type: 'practice.updated'; practiceId: string; status: 'active' | 'ended' | 'scored' }
  /** A whisper, on its sender's and its recipient's own whisper streams only. */
  | { type: 'whisper.created'; whisper: Whisper }
  /** The client's last id fell out of the log: reload history, then keep listening. */
  | { type: 'sync.reset'; reason: string };

export type ConversationEventType = ConversationEvent['type'];

/** Events that are never stored in the log's replay window (ephemeral). */
export const EPHEMERAL_EVENT_TYPES: ReadonlySet<ConversationEventType> = new Set([
  'typing',
  'presence',
  'answer.stop',
  'elicitation.respond',
  'elicitation.replied',
]);

/**
 * Whether an event has a log id of its own. Live-only events and `sync.reset` do not: a
 * subscription sends them tracked with the last stored event's id (the resume point), which
 * is not theirs.
 */
export const hasOwnEventId = (event: ConversationEvent): boolean =>
  !EPHEMERAL_EVENT_TYPES.has(event.type) && event.type !== 'sync.reset';
