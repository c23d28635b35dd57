import {
  conversationId,
  invalid,
  messageSchema,
  type ConversationRef,
  type Message,
  type MessagePatch,
  type NewMessage,
} from '@salescoach/domain';
import { validateIncoming } from './stored-document.js';

/** Checks a message to append belongs to `ref` and is well formed; returns it with `seq` set. */
export function prepareAppend(ref: ConversationRef, message: NewMessage, seq: number): Message {
  const candidate = validateIncoming(messageSchema, { ...message, seq }, 'message');
  if (candidate.conversationId !== conversationId(ref) || candidate.conversationKind !== ref.kind) {
    throw invalid('Invalid message: conversationId/conversationKind do not match the conversation');
  }
  return candidate;
}

/** Validates the shape of a message before any store work (seq is assigned later). */
export function checkNewMessage(ref: ConversationRef, message: NewMessage): Message {
  return prepareAppend(ref, message, 1);
}

const PATCHABLE = [
  'content',
  'status',
  'attachments',
  'toolCalls',
  'error',
  'updatedAt',
  'editedAt',
  'deletedAt',
] as const;

/** The message after a patch, validated as a whole (only patchable fields are taken). */
export function applyPatch(current: Message, patch: MessagePatch): Message {
  const next: Record<string, unknown> = { ...current };
  for (const field of PATCHABLE) {
    if (Object.hasOwn(patch, field)) next[field] = patch[field];
  }
  return validateIncoming(messageSchema, next, 'message update');
}

/** Later of two ISO timestamps (as instants, whatever their offsets). */
export function laterIso(a: string, b: string): string {
  return Date.parse(b) > Date.parse(a) ? b : a;
}
